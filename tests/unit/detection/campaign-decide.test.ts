// One decision for every waiting member of a campaign, through the contract: members in the
// campaign's order, the decided ones left as they are, and a campaign that is gone said so.
import { describe, expect, it } from 'vitest';
import type { VigilError } from '../../../src/shared/errors';
import { importRecords, testCore, value, type TestCore } from '../core-helpers';
import { item, itemId } from '../helpers';

type Outcomes = { outcomes: { itemId: number; status: string }[] };

function refusal(r: unknown): VigilError {
  const res = r as { ok: boolean; error?: VigilError };
  expect(res.ok).toBe(false);
  return res.error!;
}

/** p1..p4 in one campaign (p3 posted first though imported third), p5 outside it. */
async function withCampaign(): Promise<{ c: TestCore; id: (x: string) => number }> {
  const c = testCore();
  await importRecords(c, [
    item('p1', { createdAt: '2025-01-05T10:00:00Z' }),
    item('p2', { createdAt: '2025-01-05T10:01:00Z' }),
    item('p3', { createdAt: '2025-01-05T09:59:00Z' }),
    item('p4', { createdAt: '2025-01-05T10:02:00Z' }),
    item('p5', { createdAt: '2025-01-05T10:03:00Z' }),
  ]);
  const id = (x: string) => itemId(c.db, x);
  const campaign = c.db
    .prepare(
      `INSERT INTO campaigns (key, kind, score, reasons, examples, start_at, end_at, item_count, account_count, updated_at)
       VALUES ('nd-x:p3', 'near-duplicate', 0.9, '[]', '[]', 0, 1, 4, 1, 0) RETURNING id`,
    )
    .pluck()
    .get() as number;
  for (const x of ['p1', 'p2', 'p3', 'p4'])
    c.db.prepare('UPDATE items SET campaign_id = ?, campaign_score = 0.9 WHERE id = ?').run(campaign, id(x));
  return { c, id };
}

describe('campaign.decide', () => {
  it('decides the waiting members in the campaign’s order, as one group to undo', async () => {
    const { c, id } = await withCampaign();
    value(await c.dispatch('decision.apply', { itemIds: [id('p2')], action: 'approve' }));
    const listed = value<{ campaigns: { id: string; itemIds: number[] }[] }>(await c.dispatch('campaigns.list', {})).campaigns;
    expect(listed.map((x) => [x.id, x.itemIds])).toEqual([['nd-x:p3', [id('p3'), id('p1'), id('p2'), id('p4')]]]);

    const { outcomes } = value<Outcomes>(await c.dispatch('campaign.decide', { id: 'nd-x:p3', action: 'remove' }));
    expect(outcomes.map((o) => [o.itemId, o.status])).toEqual([
      [id('p3'), 'removed'],
      [id('p1'), 'removed'],
      [id('p4'), 'removed'],
    ]);
    const status = (x: string) => c.db.prepare('SELECT status FROM items WHERE id = ?').pluck().get(id(x));
    expect([status('p2'), status('p5')]).toEqual(['approved', 'new']);
    expect(c.db.prepare("SELECT reason FROM events WHERE action = 'remove'").pluck().all()).toEqual([
      'campaign nd-x:p3',
      'campaign nd-x:p3',
      'campaign nd-x:p3',
    ]);

    // Nothing waits any more: nothing is decided again.
    expect(value<Outcomes>(await c.dispatch('campaign.decide', { id: 'nd-x:p3', action: 'approve' })).outcomes).toEqual([]);
    const { undone } = value<{ undone: { text: string; itemIds: number[] } }>(await c.dispatch('decision.undoLast', {}));
    expect(undone.text).toBe('Removed 3 items of a campaign');
    expect([...undone.itemIds].sort()).toEqual([id('p1'), id('p3'), id('p4')].sort());
  });

  it.each(['nd-x:p9', "nd-x:p3' OR '1'='1", '%', 'nd-x:p3 '])('says a campaign of key %j is not there, deciding nothing', async (key) => {
    const { c } = await withCampaign();
    expect(refusal(await c.dispatch('campaign.decide', { id: key, action: 'spam' }))).toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/^There is no campaign /),
    });
    expect(c.db.prepare("SELECT count(*) FROM events WHERE action = 'spam'").pluck().get()).toBe(0);
  });
});

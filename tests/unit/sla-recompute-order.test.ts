// A business-hours change reorders the queue: the recompute rewrites dues and priority of the
// open items under the team's policies, and every view (waiting, all statuses merged from the
// waiting and decided indexes, a label's copy) shows the new order. Items without an SLA and
// decided items keep their rows as they were.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/handlers';
import type { QueueFilter, QueueRow } from '../../src/shared/model';
import type { Team, WeeklyHours } from '../../src/shared/hours';
import { item, ndjson, onCleanup, tempDir } from './helpers';

const day = (from: string, to: string) => [{ from, to }];
const nineToFive: WeeklyHours = {
  mon: day('09:00', '17:00'),
  tue: day('09:00', '17:00'),
  wed: day('09:00', '17:00'),
  thu: day('09:00', '17:00'),
  fri: day('09:00', '17:00'),
  sat: [],
  sun: [],
};
/** Monday open for half an hour only. */
const shortMonday: WeeklyHours = { ...nineToFive, mon: day('09:00', '09:30') };

async function world() {
  const core = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana', now: () => Date.parse('2025-06-02T08:00:00Z') });
  onCleanup(() => core.close());
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const r = await core.dispatch(method as never, args as never);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  const { teams } = await call<{ teams: Team[] }>('sla.teams', {});
  const team = (
    await call<{ team: Team }>('sla.team.save', { id: teams[0]!.id, name: 'Support', timeZone: 'UTC', weekly: nineToFive, holidays: [] })
  ).team;
  const { importId } = await call<{ importId: string }>('import.begin', { fileName: 'items.ndjson' });
  await call('import.chunk', {
    importId,
    text: ndjson([
      // A comment weighs less than a mention: it leads only while its due is much earlier.
      item('comment', { kind: 'comment', createdAt: '2025-06-02T09:00:00Z', text: 'the hinge of my case' }),
      item('mention', { createdAt: '2025-06-02T16:30:00Z', text: 'the screen of my phone' }),
      item('nosla', { createdAt: '2025-06-02T12:00:00Z', text: 'a question about the colour' }),
      item('decided', { createdAt: '2025-06-02T11:00:00Z', text: 'a thank you for the help' }),
    ]),
  });
  await call('import.finish', { importId });
  const id = (ext: string) => core.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(ext) as number;
  const row = (ext: string) =>
    core.db
      .prepare('SELECT sla_policy_id, first_response_due, resolution_due, sla_due, priority, status FROM item_order WHERE id = ?')
      .get(id(ext));
  // An item outside any SLA (as one imported before a policy existed): no dues, priority from arrival.
  core.db.prepare('UPDATE items SET sla_policy_id = NULL WHERE id = ?').run(id('nosla'));
  core.db.prepare('UPDATE item_order SET first_response_due = NULL, resolution_due = NULL, sla_due = NULL WHERE id = ?').run(id('nosla'));
  await call('decision.apply', { itemIds: [id('decided')], action: 'approve' });
  await call('item.label', { itemIds: [id('comment'), id('mention'), id('decided')], add: ['vip'] });
  const page = async (filter: QueueFilter) =>
    (await call<{ rows: QueueRow[] }>('queue.page', { filter, offset: 0, limit: 50 })).rows.map((r) => r.externalId);
  const save = (weekly: WeeklyHours) => call<{ recomputed: { items: number; changed: number } }>('sla.team.save', { ...team, weekly });
  /** The order a slow sort of the stored priorities gives, for the items a filter keeps. */
  const sorted = (keep: (r: { status: string }) => boolean) =>
    (
      core.db.prepare('SELECT i.external_id, i.status, o.priority, i.id FROM items i JOIN item_order o ON o.id = i.id').all() as {
        external_id: string;
        status: string;
        priority: number;
        id: number;
      }[]
    )
      .filter(keep)
      .sort((a, b) => b.priority - a.priority || a.id - b.id)
      .map((r) => r.external_id);
  return { core, id, row, page, save, sorted };
}

describe('a business-hours change and the queue order', () => {
  it('moves dues in business time and reorders every view to match', async () => {
    const w = await world();
    expect(w.row('comment')).toMatchObject({ first_response_due: Date.parse('2025-06-02T10:00:00Z') });
    expect(w.row('mention')).toMatchObject({ first_response_due: Date.parse('2025-06-03T09:30:00Z') });
    expect((await w.page({})).filter((e) => e !== 'nosla')).toEqual(['comment', 'mention']);

    const r = await w.save(shortMonday);
    expect(r.recomputed).toEqual({ items: 2, changed: 2 });
    // Half an hour on Monday, the other half on Tuesday; the mention arrived after closing.
    expect(w.row('comment')).toMatchObject({
      first_response_due: Date.parse('2025-06-03T09:30:00Z'),
      sla_due: Date.parse('2025-06-03T09:30:00Z'),
    });
    expect(w.row('mention')).toMatchObject({
      first_response_due: Date.parse('2025-06-03T10:00:00Z'),
      sla_due: Date.parse('2025-06-03T10:00:00Z'),
    });
    // Now due within half an hour of each other, the mention's weight puts it first.
    expect((await w.page({})).filter((e) => e !== 'nosla')).toEqual(['mention', 'comment']);

    const waiting = (s: { status: string }) => s.status === 'new';
    expect(await w.page({})).toEqual(w.sorted(waiting));
    expect(await w.page({ status: 'all' })).toEqual(w.sorted(() => true));
    expect(await w.page({ label: 'vip' })).toEqual(['mention', 'comment']);
    expect(await w.page({ label: 'vip', status: 'all' })).toEqual(
      w.sorted(() => true).filter((e) => ['mention', 'comment', 'decided'].includes(e)),
    );

    // Back to the old hours: the old order again, and nothing left to move a second time.
    expect((await w.save(nineToFive)).recomputed).toEqual({ items: 2, changed: 2 });
    expect((await w.page({})).filter((e) => e !== 'nosla')).toEqual(['comment', 'mention']);
    expect((await w.save(nineToFive)).recomputed.changed).toBe(0);
  });

  it('leaves items without an SLA and decided items as they were', async () => {
    const w = await world();
    const [nosla, decided] = [w.row('nosla'), w.row('decided')];
    expect(nosla).toMatchObject({ sla_policy_id: null, sla_due: null });
    expect(decided).toMatchObject({ status: 'approved' });
    await w.save(shortMonday);
    expect(w.row('nosla')).toEqual(nosla);
    expect(w.row('decided')).toEqual(decided);
    expect(w.core.db.prepare('SELECT status, priority FROM item_labels WHERE item_id = ?').get(w.id('decided'))).toEqual({
      status: 'approved',
      priority: (decided as { priority: number }).priority,
    });
  });
});

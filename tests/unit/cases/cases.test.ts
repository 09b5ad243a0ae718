// Cases: one customer's messages about one matter gather across the brand's accounts; a case
// has one owner until resolved; hand-overs need a target and a reason and are counted, and a
// case passed on too often or back to an earlier owner is flagged as bounced.
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { handOverCase, linkItem, ownOnWork, reopenCase, resolveCase, takeCase, unlinkItem } from '../../../src/core/cases/commands';
import { foldCase } from '../../../src/core/cases/fold';
import { bouncedCases, caseView } from '../../../src/core/cases/view';
import { applyDecision, noteItem } from '../../../src/core/decisions/decide';
import type { FoldEvent } from '../../../src/core/decisions/fold';
import { VigilFailure } from '../../../src/shared/errors';
import { account, actor, importText, item, itemId, memoryDb, ndjson } from '../helpers';
import { plan } from '../query-plan';

const DAY = 86_400_000;
const at = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * DAY).toISOString();

async function world(): Promise<{ db: Database; id: (x: string) => number }> {
  const db = memoryDb();
  await importText(
    db,
    'items.ndjson',
    ndjson([
      account('noor'),
      account('sam'),
      // Noor writes to the main account, then to the support account: one matter.
      item('m1', { author: 'noor', target: '@brand', createdAt: at(0), text: 'my order never arrived' }),
      item('m2', { author: 'noor', target: '@brand_support', kind: 'reply', createdAt: at(2), text: 'still nothing, order 5521' }),
      // Eight quiet days later: a new matter.
      item('m3', { author: 'noor', target: '@brand', createdAt: at(10), text: 'love the new app' }),
      item('s1', { author: 'sam', target: '@brand', createdAt: at(1), text: 'where is the store?' }),
      item('anon', { author: null, createdAt: at(1), text: 'no author here' }),
    ]),
  );
  return { db, id: (x) => itemId(db, x) };
}

function refused(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(VigilFailure);
    expect((e as VigilFailure).code).toBe('action_refused');
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('cases', () => {
  it("gathers a customer's messages across the brand's accounts, and starts a new case after a quiet week", async () => {
    const { db, id } = await world();
    const c = caseView(db, id('m2'));
    expect(c.rootItemId).toBe(id('m1'));
    expect(c.customer).toEqual({ handle: 'h_noor', name: 'Name noor' });
    expect(c.messages.map((m) => [m.externalId, m.target])).toEqual([
      ['m1', '@brand'],
      ['m2', '@brand_support'],
    ]);
    expect(caseView(db, id('m3')).rootItemId).toBe(id('m3'));
    expect(caseView(db, id('s1')).messages.map((m) => m.externalId)).toEqual(['s1']);
    expect(caseView(db, id('anon')).customer).toBeNull();
  });

  it('has one owner: a take while someone owns it is refused, a hand-over needs the owner, a target and is counted', async () => {
    const { db, id } = await world();
    const ana = actor('ana');
    const bo = actor('bo', 'ws-b');
    takeCase(db, ana, id('m2'));
    expect(caseView(db, id('m1')).owner).toBe('ana');
    expect(refused(() => takeCase(db, bo, id('m1')))).toBe('ana owns this case: ask for it to be handed over to you.');
    expect(refused(() => handOverCase(db, bo, id('m1'), 'cy', 'billing question'))).toBe(
      'ana owns this case: only the owner hands it over.',
    );
    expect(refused(() => handOverCase(db, ana, id('m1'), 'ana', 'to myself'))).toBe('ana already owns this case.');
    handOverCase(db, ana, id('m1'), 'bo', 'billing question');
    const c = caseView(db, id('m1'));
    expect([c.owner, c.handovers, c.bounced, c.owners]).toEqual(['bo', 1, false, ['ana', 'bo']]);
    expect(c.timeline.find((t) => t.action === 'case-handover')).toMatchObject({ actor: 'ana', detail: 'to bo: billing question' });
  });

  it('flags a case handed back to an earlier owner, or handed over more than twice, as bounced', async () => {
    const { db, id } = await world();
    const [ana, bo] = [actor('ana'), actor('bo', 'ws-b')];
    takeCase(db, ana, id('m1'));
    handOverCase(db, ana, id('m1'), 'bo', 'billing');
    expect(bouncedCases(db, 10)).toEqual([]);
    handOverCase(db, bo, id('m1'), 'ana', 'not billing after all');
    const c = caseView(db, id('m1'));
    expect([c.bounced, c.owners]).toEqual([true, ['ana', 'bo', 'ana']]);
    expect(bouncedCases(db, 10).map((b) => b.rootItemId)).toEqual([id('m1')]);

    // Three different owners in a row, never back: bounced at the third hand-over.
    takeCase(db, ana, id('s1'));
    handOverCase(db, ana, id('s1'), 'bo', 'one');
    handOverCase(db, bo, id('s1'), 'cy', 'two');
    expect(caseView(db, id('s1')).bounced).toBe(false);
    handOverCase(db, actor('cy', 'ws-c'), id('s1'), 'dee', 'three');
    expect(caseView(db, id('s1')).bounced).toBe(true);
  });

  it('resolves with an outcome (the resolver owns an unowned case), refuses twice, and reopening is an event', async () => {
    const { db, id } = await world();
    const ana = actor('ana');
    resolveCase(db, ana, id('m1'), 'answered', 'sent the tracking link');
    let c = caseView(db, id('m2'));
    expect([c.status, c.outcome, c.owner, c.resolvedAt]).toEqual(['resolved', 'answered', 'ana', ana.now()]);
    expect(refused(() => resolveCase(db, ana, id('m1'), 'fixed', undefined))).toBe('This case is already resolved.');
    expect(refused(() => handOverCase(db, ana, id('m1'), 'bo', 'late'))).toBe('This case is resolved: reopen it before handing it over.');
    reopenCase(db, ana, id('m1'), 'customer wrote again');
    c = caseView(db, id('m1'));
    expect([c.status, c.outcome, c.owner]).toEqual(['open', null, 'ana']);
    expect(c.timeline.map((t) => t.action)).toEqual(['message', 'message', 'case-take', 'case-resolve', 'case-reopen']);
    expect(refused(() => reopenCase(db, ana, id('m1'), 'again'))).toBe('This case is open already.');
  });

  it('links a message into another case and unlinks it, each an event, counts kept', async () => {
    const { db, id } = await world();
    const ana = actor('ana');
    linkItem(db, ana, id('s1'), id('m2'));
    expect(caseView(db, id('m1')).messages.map((m) => m.externalId)).toEqual(['m1', 's1', 'm2']);
    expect(db.prepare('SELECT items FROM cases WHERE root_item = ?').pluck().get(id('m1'))).toBe(3);
    expect(db.prepare('SELECT items FROM cases WHERE root_item = ?').pluck().get(id('s1'))).toBe(0);
    expect(refused(() => linkItem(db, ana, id('s1'), id('m1')))).toBe('Both messages are in the same case already.');
    unlinkItem(db, ana, id('s1'));
    expect(caseView(db, id('s1')).rootItemId).toBe(id('s1'));
    expect(db.prepare('SELECT items FROM cases WHERE root_item = ?').pluck().get(id('m1'))).toBe(2);
    expect(db.prepare('SELECT action FROM events WHERE item_id = ? ORDER BY seq').pluck().all(id('s1'))).toEqual(['link', 'unlink']);
    expect(refused(() => unlinkItem(db, ana, id('m1')))).toBe('This message opened its case: link the others elsewhere instead.');
  });

  it('a new message joins the open case; work on a case nobody owns makes its worker the owner; the timeline has everything', async () => {
    const { db, id } = await world();
    const ana = actor('ana');
    applyDecision(db, ana, { itemIds: [id('m2')], action: 'reply', note: 'Hi Noor, the parcel is on its way.' });
    ownOnWork(db, ana, [id('m2')]);
    noteItem(db, ana, { itemId: id('m1'), text: 'carrier confirmed' });
    await importText(
      db,
      'more.ndjson',
      ndjson([item('m4', { author: 'noor', target: '@brand_support', createdAt: at(3), text: 'thanks!' })]),
    );
    const c = caseView(db, id('m4'));
    expect(c.rootItemId).toBe(id('m1'));
    expect(c.owner).toBe('ana');
    expect(c.timeline.map((t) => `${t.action}:${t.actor}`)).toEqual([
      'message:h_noor',
      'message:h_noor',
      'message:h_noor',
      'reply:ana',
      'case-take:ana',
      'note:ana',
    ]);
  });
});

describe('the case fold', () => {
  const ev = (action: FoldEvent['action'], actor: string, payload: Record<string, unknown> | null = null): FoldEvent => ({
    id: `${action}-${actor}-${Math.random()}`,
    action,
    actor,
    createdAt: 1,
    labels: [],
    payload,
    undoOf: null,
  });

  it('keeps one owner whatever offline workstations did: the first take stands, a later one by another is ignored', () => {
    expect(foldCase([ev('case-take', 'ana'), ev('case-take', 'bo')]).owner).toBe('ana');
    expect(foldCase([ev('case-take', 'ana'), ev('case-handover', 'ana', { to: 'bo' }), ev('case-take', 'ana')]).owner).toBe('bo');
    // A resolution without an outcome is no resolution.
    expect(foldCase([ev('case-take', 'ana'), ev('case-resolve', 'ana')]).status).toBe('open');
  });
});

describe('case queries', () => {
  it("find the open case a new message joins, a case's messages and the bounced list through indexes", () => {
    const db = memoryDb();
    expect(
      plan(
        db,
        "SELECT root_item FROM cases WHERE customer = ? AND status = 'open' AND last_at >= ? AND opened_at <= ? ORDER BY opened_at DESC LIMIT 1",
        [1, 2, 3],
      ),
    ).toMatch(/USING INDEX cases_customer_open/);
    expect(plan(db, 'SELECT id FROM items WHERE case_root = ?', [1])).toMatch(/USING (COVERING )?INDEX items_case_root/);
    const bounced = plan(db, "SELECT root_item FROM cases WHERE bounced = 1 AND status = 'open' ORDER BY last_at DESC LIMIT ?", [10]);
    expect(bounced).toMatch(/USING (COVERING )?INDEX cases_bounced/);
    expect(bounced).not.toMatch(/TEMP B-TREE/);
  });
});

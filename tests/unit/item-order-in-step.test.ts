// The queue's ordering rows (item_order, migration 0026) stay what the items say through every
// path that writes either: imports, re-imports and synced content, decisions and their undo, labels, replies
// (first responses), routing rules changed, rescoring, an author's reach changing, and the
// SLA recompute after a business-hours change. Priority there is what it would be worked out
// from scratch, and the label copies follow it.
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/handlers';
import { ItemScorer } from '../../src/core/detection/scores/item-scores';
import { applyContent } from '../../src/core/sync/content';
import { PRIORITY_INPUT_SQL, priorityOf, type PriorityInput } from '../../src/core/triage/sla/reprioritize';
import type { DecisionOutcome } from '../../src/shared/model';
import type { Team, WeeklyHours } from '../../src/shared/hours';
import type { RuleIn } from '../../src/shared/rules';
import { account, item, itemId, ndjson, onCleanup, tempDir } from './helpers';

const NOW = Date.parse('2025-06-04T12:00:00Z');
const day = (from: string, to: string) => [{ from, to }];
const weekdays = (from: string, to: string): WeeklyHours => ({
  mon: day(from, to),
  tue: day(from, to),
  wed: day(from, to),
  thu: day(from, to),
  fri: day(from, to),
  sat: [],
  sun: [],
});

/** Differences between each ordering row and what its item (and labels) say; empty when in step. */
function outOfStep(db: Database): unknown[] {
  const copies = db
    .prepare(
      `SELECT i.id, o.id AS oid,
         i.status IS o.status AND i.queue IS o.queue AND i.kind IS o.kind AND i.platform IS o.platform AND i.target IS o.target
           AND i.rule_id IS o.rule_id AND (i.labels <> '[]') IS o.labelled AND coalesce(i.created_at, i.imported_at) IS o.arrived_at
           AND i.sla_policy_id IS o.sla_policy_id AND i.first_response_at IS o.first_response_at AS same,
         o.sla_due IS (CASE WHEN o.first_response_at IS NULL THEN o.first_response_due ELSE o.resolution_due END) AS due_is_next
       FROM items i LEFT JOIN item_order o ON o.id = i.id`,
    )
    .all() as { id: number; oid: number | null; same: number; due_is_next: number }[];
  const bad: unknown[] = copies.filter((r) => r.oid === null || !r.same || !r.due_is_next);
  const orphans = db.prepare('SELECT count(*) FROM item_order WHERE id NOT IN (SELECT id FROM items)').pluck().get() as number;
  if (orphans) bad.push({ orphans });
  const labels = db
    .prepare(
      'SELECT l.item_id, l.label FROM item_labels l JOIN item_order o ON o.id = l.item_id WHERE l.status IS NOT o.status OR l.priority IS NOT o.priority',
    )
    .all();
  bad.push(...labels);
  const rows = db
    .prepare(
      `SELECT i.id, o.priority, ${PRIORITY_INPUT_SQL} FROM items i JOIN item_order o ON o.id = i.id LEFT JOIN accounts a ON a.id = i.author_id`,
    )
    .all() as (PriorityInput & {
    id: number;
    priority: number;
  })[];
  for (const r of rows) if (Math.abs(priorityOf(r) - r.priority) > 1e-9) bad.push({ id: r.id, stored: r.priority, fresh: priorityOf(r) });
  return bad;
}

async function world() {
  const core = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana', now: () => NOW });
  onCleanup(() => core.close());
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const r = await core.dispatch(method as never, args as never);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  const load = async (records: Record<string, unknown>[]) => {
    const { importId } = await call<{ importId: string }>('import.begin', { fileName: 'a.ndjson' });
    await call('import.chunk', { importId, text: ndjson(records) });
    await call('import.finish', { importId });
  };
  const platformOf: Record<string, string> = { r1: 'shop', c1: 'youtube' };
  return { core, db: core.db, call, load, id: (ext: string) => itemId(core.db, ext, platformOf[ext]) };
}

const REFUNDS: RuleIn = {
  name: 'Refunds',
  conditions: [{ field: 'keywords', op: 'any', value: ['refund'] }],
  actions: { queue: 'billing', boost: 3, labels: ['billing'] },
};

describe('item_order in step with items', () => {
  it('after imports, decisions, undo, labels, replies, re-routing, rescoring, reach and SLA recompute', async () => {
    const w = await world();
    await w.call('rules.save', { rules: [REFUNDS] });
    await w.load([
      account('a1', { followers: 50 }),
      account('a2', { followers: 20_000 }),
      item('m1', { text: 'I want a refund now', createdAt: '2025-06-02T09:10:00Z' }),
      item('m2', { author: 'a2', createdAt: '2025-06-02T18:00:00Z' }),
      item('r1', { kind: 'review', platform: 'shop', target: 'Northwind', rating: 1, author: 'a2', createdAt: '2025-06-03T08:00:00Z' }),
      item('c1', {
        kind: 'comment',
        platform: 'youtube',
        createdAt: '2025-06-03T11:00:00Z',
        text: 'refund please, buy cheap followers here',
      }),
      item('nodate', { createdAt: undefined }),
    ]);
    expect(outOfStep(w.db)).toEqual([]);
    expect(w.db.prepare('SELECT count(*) FROM item_order').pluck().get()).toBe(5);

    const approve = (await w.call<{ outcomes: DecisionOutcome[] }>('decision.apply', { itemIds: [w.id('m2')], action: 'approve' }))
      .outcomes;
    await w.call('decision.apply', { itemIds: [w.id('r1')], action: 'escalate' });
    await w.call('item.label', { itemIds: [w.id('r1'), w.id('m2'), w.id('nodate')], add: ['vip'] });
    await w.call('decision.apply', { itemIds: [w.id('c1')], action: 'reply', note: 'Hello, we are on it.' });
    expect(w.db.prepare('SELECT first_response_at FROM item_order WHERE id = ?').pluck().get(w.id('c1'))).not.toBeNull();
    expect(outOfStep(w.db)).toEqual([]);

    await w.call('decision.undo', { eventIds: approve.map((o) => o.eventId) });
    await w.call('item.label', { itemIds: [w.id('nodate')], remove: ['vip'] });
    expect(w.db.prepare('SELECT status FROM item_order WHERE id = ?').pluck().get(w.id('m2'))).toBe('new');
    expect(outOfStep(w.db)).toEqual([]);

    // Re-routing: the rule changes its queue and boost; waiting items move.
    await w.call('rules.save', { rules: [{ ...REFUNDS, actions: { queue: 'refunds', boost: 2, labels: ['billing'] } }] });
    expect(w.db.prepare('SELECT queue FROM item_order WHERE id = ?').pluck().get(w.id('m1'))).toBe('refunds');
    expect(outOfStep(w.db)).toEqual([]);

    await w.call('detection.rescore', {});
    expect(outOfStep(w.db)).toEqual([]);

    // Re-imports: a new arrival time, another target, an author's reach.
    await w.load([
      account('a2', { followers: 400 }),
      item('m2', { author: 'a2', createdAt: '2025-06-03T07:00:00Z' }),
      item('r1', { kind: 'review', platform: 'shop', target: 'Southwind', rating: 2, author: 'a2', createdAt: '2025-06-03T08:00:00Z' }),
    ]);
    expect(w.db.prepare('SELECT target FROM item_order WHERE id = ?').pluck().get(w.id('r1'))).toBe('Southwind');
    expect(outOfStep(w.db)).toEqual([]);

    // Content synced from the server: a new item, and one already here sent again with a new text.
    w.db.transaction(() =>
      applyContent(
        w.db,
        [
          { seq: 1, type: 'item', record: item('s1', { text: 'a refund for the synced one', createdAt: '2025-06-03T13:00:00Z' }) },
          { seq: 2, type: 'item', record: item('m1', { text: 'I want a refund now, please', createdAt: '2025-06-02T09:10:00Z' }) },
        ],
        NOW,
        new ItemScorer(w.db, {}),
      ),
    )();
    expect(w.db.prepare('SELECT queue FROM item_order WHERE id = ?').pluck().get(w.id('s1'))).toBe('refunds');
    expect(outOfStep(w.db)).toEqual([]);

    // A business-hours change re-times every waiting item; its label copies follow.
    const { teams } = await w.call<{ teams: Team[] }>('sla.teams', {});
    const before = w.db.prepare('SELECT id, sla_due, priority FROM item_order ORDER BY id').all();
    const r = await w.call<{ recomputed: { changed: number } }>('sla.team.save', {
      ...teams[0]!,
      timeZone: 'UTC',
      weekly: weekdays('06:00', '08:00'),
    });
    expect(r.recomputed.changed).toBeGreaterThan(0);
    expect(w.db.prepare('SELECT id, sla_due, priority FROM item_order ORDER BY id').all()).not.toEqual(before);
    expect(outOfStep(w.db)).toEqual([]);
    await w.call('sla.team.save', { ...teams[0]!, timeZone: 'UTC', weekly: weekdays('09:00', '17:00') });
    expect(outOfStep(w.db)).toEqual([]);
  });

  it('the check itself finds a copy, a due, a label copy or a priority out of step', async () => {
    const w = await world();
    await w.load([account('a1'), item('m1'), item('m2')]);
    await w.call('item.label', { itemIds: [w.id('m2')], add: ['vip'] });
    expect(outOfStep(w.db)).toEqual([]);
    const spoil = [
      "UPDATE item_order SET queue = 'elsewhere' WHERE id = ?",
      'UPDATE item_order SET sla_due = sla_due + 1 WHERE id = ?',
      'UPDATE item_order SET priority = priority + 1 WHERE id = ?',
      'UPDATE item_labels SET priority = priority + 1 WHERE item_id = ?',
    ];
    for (const sql of spoil) {
      const db = w.db;
      db.exec('SAVEPOINT spoil');
      db.prepare(sql).run(w.id('m2'));
      expect(outOfStep(db), sql).not.toEqual([]);
      db.exec('ROLLBACK TO spoil');
      db.exec('RELEASE spoil');
    }
  });
});

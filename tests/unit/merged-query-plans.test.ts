// "All statuses" views since migration 0020: waiting items along the status indexes, decided
// ones along the decided-only indexes, merged by SQLite in priority order. Each shape: a merge
// of index walks with no sort and no scan, answering what a slow filter over every row does.
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { applyDecision } from '../../src/core/decisions/decide';
import { fewMatches, pageSql, queuePage, searchWalkSql } from '../../src/core/queue/query';
import { loadWorkload } from '../../src/core/seed/load';
import type { QueueFilter } from '../../src/shared/model';
import { actor } from './helpers';
import { plan } from './query-plan';

let db: Database;
beforeAll(() => {
  db = openDatabase(':memory:');
  loadWorkload(db, { items: 3000, seed: 5, now: Date.UTC(2025, 0, 6) });
  const ids = db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
  applyDecision(db, actor(), { itemIds: ids.filter((_, i) => i % 4 === 0), action: 'approve' });
  applyDecision(db, actor(), { itemIds: ids.filter((_, i) => i % 9 === 1), action: 'escalate' });
  db.exec('ANALYZE');
});
afterAll(() => db.close());

type Row = { id: number; queue: string; kind: string; platform: string; target: string | null; risk: number; priority: number };
const slow = (f: QueueFilter) =>
  (
    db
      .prepare('SELECT o.id, o.queue, o.kind, o.platform, o.target, i.risk, o.priority FROM item_order o JOIN items i ON i.id = o.id')
      .all() as Row[]
  )
    .filter((r) => (f.queue === undefined || r.queue === f.queue) && (f.kind === undefined || r.kind === f.kind))
    .filter((r) => (f.platform === undefined || r.platform === f.platform) && (f.target === undefined || r.target === f.target))
    .filter((r) => f.minRisk === undefined || r.risk >= f.minRisk)
    .sort((a, b) => b.priority - a.priority || a.id - b.id)
    .map((r) => r.id);

const someTarget = () =>
  db.prepare('SELECT target FROM items WHERE target IS NOT NULL GROUP BY target ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;

describe.each<{ name: string; filter: () => QueueFilter; decided: RegExp }>([
  { name: 'all statuses', filter: () => ({ status: 'all' }), decided: /item_order_priority\b/ },
  { name: 'queue, all statuses', filter: () => ({ queue: 'reviews', status: 'all' }), decided: /item_order_queue_priority\b/ },
  { name: 'kind, all statuses', filter: () => ({ kind: 'review', status: 'all' }), decided: /item_order_kind_priority\b/ },
  { name: 'platform, all statuses', filter: () => ({ platform: 'x', status: 'all' }), decided: /item_order_platform_priority\b/ },
  { name: 'target, all statuses', filter: () => ({ target: someTarget(), status: 'all' }), decided: /item_order_target_priority\b/ },
  { name: 'score at least, all statuses', filter: () => ({ minRisk: 0.01, status: 'all' }), decided: /item_order_priority\b/ },
])('$name', ({ filter, decided }) => {
  it('merges index walks in priority order: no sort, no scan', () => {
    const q = pageSql(filter())!;
    const text = plan(db, q.sql, [...q.params, 50, 0]);
    expect(text).toMatch(/MERGE \(UNION ALL\)/);
    expect(text).not.toMatch(/TEMP B-TREE/);
    expect(text.split('\n').filter((l) => /^SCAN /.test(l.trim()) && !/USING/.test(l))).toEqual([]);
    expect(text).toMatch(/item_order_(\w+_)?status_priority \((\w+=\? AND )?status=\?\)/);
    expect(text).toMatch(decided);
  });

  it('answers what a slow filter over every status answers, at any offset', () => {
    const f = filter();
    const want = slow(f);
    expect(want.length).toBeGreaterThan(30);
    expect(queuePage(db, f, 0, 50).map((r) => r.id)).toEqual(want.slice(0, 50));
    expect(queuePage(db, f, 17, 25).map((r) => r.id)).toEqual(want.slice(17, 42));
  });
});

it('a search over every status that walks: the same merge, no sort, the same answer as the sorted search', () => {
  const q = searchWalkSql({ search: 'the', status: 'all' })!;
  const text = plan(db, q.sql, [...q.params, 50, 0]);
  expect(text).toMatch(/MERGE \(UNION ALL\)/);
  expect(text).toMatch(/item_order_status_priority/);
  expect(text).toMatch(/item_order_priority\b/);
  expect(text).not.toMatch(/TEMP B-TREE/);
  const walked = queuePage(db, { search: 'the', status: 'all' }, 0, 50, 1).map((r) => r.id);
  expect(walked.length).toBe(50);
  expect(walked).toEqual(queuePage(db, { search: 'the', status: 'all' }, 0, 50, Number.MAX_SAFE_INTEGER).map((r) => r.id));
});

// Waiting items of a kind, platform or target have no priority index of their own (0026): when
// they are few, each waiting arm reads them along the (dimension, status) index and sorts them
// (no more than the threshold), and the merge goes on as before.
describe.each<{ name: string; filter: () => QueueFilter; arm: RegExp }>([
  { name: 'kind, all statuses', filter: () => ({ kind: 'post', status: 'all' }), arm: /item_order_kind_status \(kind=\? AND status=\?\)/ },
  {
    name: 'platform, all statuses',
    filter: () => ({ platform: 'instagram', status: 'all' }),
    arm: /item_order_platform_status \(platform=\? AND status=\?\)/,
  },
  {
    name: 'target, all statuses',
    filter: () => ({ target: someTarget(), status: 'all' }),
    arm: /item_order_target_status \(target=\? AND status=\?\)/,
  },
])('$name, few waiting', ({ filter, arm }) => {
  it('merges the sorted few with the decided walk, no scan', () => {
    const q = pageSql(filter(), new Set(['new', 'escalated']))!;
    const text = plan(db, q.sql, [...q.params, 50, 0]);
    expect(text).toMatch(/MERGE \(UNION ALL\)/);
    expect(text).toMatch(arm);
    expect(text.split('\n').filter((l) => /^SCAN /.test(l.trim()) && !/USING/.test(l))).toEqual([]);
  });

  it('answers the same sorted or walked, at any offset', () => {
    const f = filter();
    const want = slow(f);
    expect(want.length).toBeGreaterThan(30);
    expect([...fewMatches(db, f, Number.MAX_SAFE_INTEGER)]).toEqual(['new', 'escalated']);
    for (const walkMin of [1, Number.MAX_SAFE_INTEGER]) {
      expect(queuePage(db, f, 0, 50, walkMin).map((r) => r.id)).toEqual(want.slice(0, 50));
      expect(queuePage(db, f, 17, 25, walkMin).map((r) => r.id)).toEqual(want.slice(17, 42));
    }
  });
});

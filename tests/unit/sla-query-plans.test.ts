// SLA reads walk the indexes of migration 0016 (on item_order since 0026): the queue by what breaches first (all
// queues or one, checked in the index), the overdue counts per queue and team, and the late first responses.
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { applyDecision } from '../../src/core/decisions/decide';
import { countSql, pageSql, queuePage } from '../../src/core/queue/query';
import { loadWorkload } from '../../src/core/seed/load';
import { slaSummary } from '../../src/core/triage/sla/status';
import type { QueueFilter } from '../../src/shared/model';
import { actor } from './helpers';
import { plan } from './query-plan';

let db: Database;
beforeAll(() => {
  db = openDatabase(':memory:');
  loadWorkload(db, { items: 3000, seed: 5, now: Date.UTC(2025, 0, 6) });
  const ids = db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
  applyDecision(db, actor(), { itemIds: ids.filter((_, i) => i % 5 === 0), action: 'approve' });
  db.exec('ANALYZE');
});
afterAll(() => db.close());

describe.each<{ name: string; filter: QueueFilter; index: RegExp }>([
  { name: 'by due', filter: { sort: 'due' }, index: /item_order_status_sla_due/ },
  { name: 'queue, by due', filter: { queue: 'mentions', sort: 'due' }, index: /item_order_status_sla_due/ },
  { name: 'kind, by due', filter: { kind: 'review', sort: 'due' }, index: /item_order_status_sla_due/ },
])('$name', ({ filter, index }) => {
  it('walks the due index, with no sort', () => {
    const q = pageSql(filter)!;
    const text = plan(db, q.sql, [...q.params, 50, 0]);
    expect(text).toMatch(index);
    // One queue: the index yields rows by due, and only rows of equal due are put in order
    // ("LAST n TERMS"), as they stream; never a sort of the whole result.
    if (filter.queue) expect(text).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    else expect(text).not.toMatch(/TEMP B-TREE/);
    expect(countSql(filter)).not.toBeNull();
  });
  it('answers the soonest due first', () => {
    const rows = queuePage(db, filter, 0, 200);
    expect(rows.length).toBeGreaterThan(0);
    const dues = rows.map((r) => r.slaDue!);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(rows.every((r) => r.status === 'new' && (filter.queue === undefined || r.queue === filter.queue))).toBe(true);
  });
});

describe('summary', () => {
  it('counts along the covering due index, and late first responses along their partial index', () => {
    const now = Date.UTC(2025, 0, 6);
    const perQueue = plan(
      db,
      "SELECT queue, count(*), sum(sla_due < ?) FROM item_order WHERE status IN ('new', 'escalated') AND sla_due IS NOT NULL GROUP BY queue",
      [now],
    );
    expect(perQueue).toMatch(/COVERING INDEX item_order_status_sla_due/);
    expect(plan(db, 'SELECT count(*) FROM item_order WHERE first_response_at > first_response_due', [])).toMatch(
      /item_order_first_response_late/,
    );
    const s = slaSummary(db, now);
    expect(s.open).toBe(db.prepare("SELECT count(*) FROM items WHERE status = 'new'").pluck().get());
    expect(s.queues.reduce((n, q) => n + q.breached, 0)).toBe(s.breached);
  });
});

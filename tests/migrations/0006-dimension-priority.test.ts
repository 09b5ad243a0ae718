import { describe, expect, it } from 'vitest';
import { objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';
import { plan } from '../unit/query-plan';

describe('migration 0006: per-dimension indexes in priority order', () => {
  it('adds them, keeps the items, and serves "queue X, all statuses" without a sort', () => {
    const { db: v5, file } = openAt(5);
    const ids = [
      rawItem(v5, { priority: 3 }),
      rawItem(v5, { priority: 1, status: 'approved' }),
      rawItem(v5, { priority: 2, status: 'spam' }),
    ];

    const db = reopenAt(v5, file, 6);
    expect(userVersion(db)).toBe(6);
    const indexes = objectNames(db, 'index');
    for (const name of ['items_queue_priority', 'items_kind_priority', 'items_platform_priority', 'items_target_priority']) {
      expect(indexes).toContain(name);
    }
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(3);

    const queue = db.prepare('SELECT queue FROM items WHERE id = ?').pluck().get(ids[0]) as string;
    // The page query of this schema ("queue X, all statuses"); since 0026 the queue reads item_order.
    const q = { sql: 'SELECT i.id FROM items i WHERE i.queue = ? ORDER BY i.priority DESC, i.id LIMIT ? OFFSET ?', params: [queue] };
    const steps = plan(db, q.sql, [...q.params, 50, 0]);
    expect(steps).toContain('items_queue_priority');
    expect(steps).not.toContain('TEMP B-TREE');
    expect(
      db
        .prepare(q.sql)
        .all(...q.params, 50, 0)
        .map((r) => (r as { id: number }).id),
    ).toEqual([ids[0], ids[2], ids[1]]);
  });
});

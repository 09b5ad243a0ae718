import { describe, expect, it } from 'vitest';
import { objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';
import { plan } from '../unit/query-plan';

describe('migration 0005: label index in priority order', () => {
  it('adds item_labels_label_priority, keeps the labels, and serves "label, all statuses" without a sort', () => {
    const { db: v4, file } = openAt(4);
    const ids = [
      rawItem(v4, { priority: 3 }),
      rawItem(v4, { priority: 1, status: 'approved' }),
      rawItem(v4, { priority: 2, status: 'spam' }),
    ];
    const add = v4.prepare(
      "INSERT INTO item_labels (item_id, label, status, priority) SELECT id, 'urgent', status, priority FROM items WHERE id = ?",
    );
    for (const id of ids) add.run(id);

    const db = reopenAt(v4, file, 5);
    expect(userVersion(db)).toBe(5);
    expect(objectNames(db, 'index')).toContain('item_labels_label_priority');
    expect(db.prepare("SELECT item_id FROM item_labels WHERE label = 'urgent' ORDER BY priority DESC").pluck().all()).toEqual([
      ids[0],
      ids[2],
      ids[1],
    ]);

    // The page query of this schema ("label, all statuses"); since 0026 the queue reads item_order.
    const q = {
      sql: 'SELECT i.id FROM item_labels l JOIN items i ON i.id = l.item_id WHERE l.label = ? ORDER BY l.priority DESC, l.item_id LIMIT ? OFFSET ?',
      params: ['urgent'],
    };
    const steps = plan(db, q.sql, [...q.params, 50, 0]);
    expect(steps).toContain('item_labels_label_priority');
    expect(steps).not.toContain('TEMP B-TREE');
    expect(
      db
        .prepare(q.sql)
        .all(...q.params, 50, 0)
        .map((r) => (r as { id: number }).id),
    ).toEqual([ids[0], ids[2], ids[1]]);
  });
});

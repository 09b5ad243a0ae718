import { describe, expect, it } from 'vitest';
import { pageSql } from '../../src/core/queue/query';
import { objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';
import { plan } from '../unit/query-plan';

describe('migration 0005: label index in priority order', () => {
  it('adds item_labels_label_priority, keeps the labels, and serves "label, all statuses" without a sort', () => {
    const { db: v4, file } = openAt(4);
    const ids = [rawItem(v4, { priority: 3 }), rawItem(v4, { priority: 1, status: 'approved' }), rawItem(v4, { priority: 2, status: 'spam' })];
    const add = v4.prepare("INSERT INTO item_labels (item_id, label, status, priority) SELECT id, 'urgent', status, priority FROM items WHERE id = ?");
    for (const id of ids) add.run(id);

    const db = reopenAt(v4, file, 5);
    expect(userVersion(db)).toBe(5);
    expect(objectNames(db, 'index')).toContain('item_labels_label_priority');
    expect(db.prepare("SELECT item_id FROM item_labels WHERE label = 'urgent' ORDER BY priority DESC").pluck().all()).toEqual([ids[0], ids[2], ids[1]]);

    const q = pageSql({ label: 'urgent', status: 'all' })!;
    // Today's page query, less the columns later migrations added.
    q.sql = q.sql.replace(/,\s*i\.risk\b/, '').replace(/,\s*i\.claim_until\b/, '').replace(/,\s*i\.sla_due\b/, '');
    const steps = plan(db, q.sql, [...q.params, 50, 0]);
    expect(steps).toContain('item_labels_label_priority');
    expect(steps).not.toContain('TEMP B-TREE');
    expect(db.prepare(q.sql).all(...q.params, 50, 0).map((r) => (r as { id: number }).id)).toEqual([ids[0], ids[2], ids[1]]);
  });
});

import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { queuePage } from '../../src/core/queue/query';
import { columns, objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';

/** Up to and including 0026, wherever it sits in the list. */
const UP_TO_26 = MIGRATIONS.findIndex((m) => m.version === 26) + 1;

describe('migration 0026: the ordering data in a narrow table', () => {
  it('moves priority and dues into item_order, copies the rest, moves the queue indexes, and keeps the copies in step', () => {
    const { db: v22, file } = openAt(UP_TO_26 - 1);
    const waiting = rawItem(v22, { status: 'new', priority: 5, queue: 'reviews', kind: 'review', platform: 'shop' });
    const decided = rawItem(v22, { status: 'approved', priority: 4 });
    const labelled = rawItem(v22, { status: 'new', priority: 3 });
    const policy = v22.prepare('SELECT id FROM sla_policies LIMIT 1').pluck().get() as number;
    v22
      .prepare(
        'UPDATE items SET target = ?, rule_id = ?, sla_policy_id = ?, first_response_due = 10, resolution_due = 20, first_response_at = 5, sla_due = 20 WHERE id = ?',
      )
      .run('Northwind', 'r-1', policy, waiting);
    v22.prepare('UPDATE items SET created_at = NULL WHERE id = ?').run(decided);
    v22.prepare(`UPDATE items SET labels = '["vip"]' WHERE id = ?`).run(labelled);
    v22.prepare("INSERT INTO item_labels (item_id, label, status, priority) VALUES (?, 'vip', 'new', 3)").run(labelled);
    const arrived = v22.prepare('SELECT id, coalesce(created_at, imported_at) AS a FROM items').all() as { id: number; a: number }[];

    const db = reopenAt(v22, file, UP_TO_26);
    expect(userVersion(db)).toBe(26);
    // Priority and the dues live in the ordering row only.
    for (const c of ['priority', 'first_response_due', 'resolution_due', 'sla_due']) expect(columns(db, 'items')).not.toContain(c);
    expect(columns(db, 'items')).toEqual(expect.arrayContaining(['sla_policy_id', 'first_response_at', 'status', 'queue']));
    const order = (id: number) => db.prepare('SELECT * FROM item_order WHERE id = ?').get(id);
    expect(order(waiting)).toEqual({
      id: waiting,
      status: 'new',
      queue: 'reviews',
      kind: 'review',
      platform: 'shop',
      target: 'Northwind',
      rule_id: 'r-1',
      labelled: 0,
      arrived_at: arrived.find((r) => r.id === waiting)!.a,
      sla_policy_id: policy,
      first_response_at: 5,
      first_response_due: 10,
      resolution_due: 20,
      sla_due: 20,
      priority: 5,
    });
    expect(order(decided)).toMatchObject({
      status: 'approved',
      priority: 4,
      arrived_at: arrived.find((r) => r.id === decided)!.a,
      sla_due: null,
    });
    expect(order(labelled)).toMatchObject({ labelled: 1, priority: 3 });

    const indexes = objectNames(db, 'index');
    for (const gone of [
      'items_status_priority',
      'items_queue_status_priority',
      'items_kind_status_priority',
      'items_priority',
      'items_status_sla_due',
      'items_first_response_late',
    ]) {
      expect(indexes).not.toContain(gone);
    }
    expect(indexes).toEqual(
      expect.arrayContaining([
        'item_order_status_priority',
        'item_order_queue_status_priority',
        'item_order_kind_status',
        'item_order_kind_priority',
        'item_order_priority',
        'item_order_status_sla_due',
        'item_order_first_response_late',
        // the risk indexes stay on items
        'items_status_risk',
        'items_risk',
      ]),
    );
    // The queue reads the moved rows in priority order.
    expect(queuePage(db, {}, 0, 10).map((r) => r.id)).toEqual([waiting, labelled]);
    expect(queuePage(db, { status: 'all' }, 0, 10).map((r) => [r.id, r.priority])).toEqual([
      [waiting, 5],
      [decided, 4],
      [labelled, 3],
    ]);

    // The copies follow the item; the label copy follows a labelled item's status.
    db.prepare("UPDATE items SET status = 'escalated', queue = 'mentions', target = 'Southwind', first_response_at = 7 WHERE id = ?").run(
      labelled,
    );
    expect(order(labelled)).toMatchObject({ status: 'escalated', queue: 'mentions', target: 'Southwind', first_response_at: 7 });
    expect(db.prepare('SELECT status FROM item_labels WHERE item_id = ?').pluck().get(labelled)).toBe('escalated');
    db.prepare(`UPDATE items SET labels = '[]' WHERE id = ?`).run(labelled);
    expect(order(labelled)).toMatchObject({ labelled: 0 });
    db.prepare('UPDATE items SET created_at = 123 WHERE id = ?').run(decided);
    expect(order(decided)).toMatchObject({ arrived_at: 123 });
    db.prepare('DELETE FROM items WHERE id = ?').run(decided);
    expect(order(decided)).toBeUndefined();

    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';
import { plan } from '../unit/query-plan';

/** Up to and including 0022, wherever it sits in the list. */
const UP_TO_22 = MIGRATIONS.findIndex((m) => m.version === 22) + 1;

describe('migration 0022: waiting items out of the all-statuses priority indexes', () => {
  it('keeps the items, holds decided ones only in the all-statuses indexes, and copies priority to labels only for labelled items', () => {
    const { db: v21, file } = openAt(UP_TO_22 - 1);
    const waiting = rawItem(v21, { status: 'new', priority: 5 });
    const decided = rawItem(v21, { status: 'approved', priority: 4 });
    const labelled = rawItem(v21, { status: 'new', priority: 3 });
    v21.prepare(`UPDATE items SET labels = '["vip"]' WHERE id = ?`).run(labelled);
    v21.prepare("INSERT INTO item_labels (item_id, label, status, priority) VALUES (?, 'vip', 'new', 3)").run(labelled);

    const db = reopenAt(v21, file, UP_TO_22);
    expect(userVersion(db)).toBe(22);
    const indexes = objectNames(db, 'index');
    expect(indexes).not.toContain('items_type_status_priority');
    expect(indexes).not.toContain('items_action_status_priority');
    expect(indexes).toEqual(
      expect.arrayContaining([
        'items_priority',
        'items_queue_priority',
        'items_kind_priority',
        'items_platform_priority',
        'items_target_priority',
      ]),
    );
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(3);

    // The decided-only index answers for decided items and cannot serve a waiting one.
    const decidedWalk =
      "SELECT id FROM items INDEXED BY items_priority WHERE status NOT IN ('new', 'escalated') ORDER BY priority DESC, id";
    expect(plan(db, decidedWalk)).toMatch(/items_priority/);
    expect(db.prepare(decidedWalk).pluck().all()).toEqual([decided]);
    expect(() => db.prepare("SELECT id FROM items INDEXED BY items_priority WHERE status = 'new' ORDER BY priority DESC").all()).toThrow(
      /no query solution/,
    );

    // A decision moves an item into the decided index; reopening it takes it out again.
    db.prepare("UPDATE items SET status = 'removed' WHERE id = ?").run(waiting);
    expect(db.prepare(decidedWalk).pluck().all()).toEqual([waiting, decided]);
    db.prepare("UPDATE items SET status = 'new' WHERE id = ?").run(waiting);
    expect(db.prepare(decidedWalk).pluck().all()).toEqual([decided]);

    // The label copy still follows a labelled item's status and priority.
    db.prepare("UPDATE items SET priority = 9, status = 'escalated' WHERE id = ?").run(labelled);
    expect(db.prepare('SELECT status, priority FROM item_labels WHERE item_id = ?').get(labelled)).toEqual({
      status: 'escalated',
      priority: 9,
    });
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });
});

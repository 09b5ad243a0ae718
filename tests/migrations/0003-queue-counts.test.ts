import { describe, expect, it } from 'vitest';
import { queueCountsActual, queueCountsTable } from '../unit/helpers';
import { objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';

describe('migration 0003: queue counts', () => {
  it('backfills queue_counts from the items already there', () => {
    const { db: v2, file } = openAt(2);
    for (let i = 0; i < 5; i++) rawItem(v2, { queue: 'mentions' });
    for (let i = 0; i < 3; i++) rawItem(v2, { queue: 'mentions', status: 'approved' });
    for (let i = 0; i < 4; i++) rawItem(v2, { queue: 'reviews', kind: 'review', status: i ? 'new' : 'spam' });
    const before = v2.prepare('SELECT id, queue, status FROM items ORDER BY id').all();

    const db = reopenAt(v2, file, 3);
    expect(userVersion(db)).toBe(3);
    expect(objectNames(db, 'table')).toContain('queue_counts');
    expect(queueCountsTable(db)).toEqual({ 'mentions/approved': 3, 'mentions/new': 5, 'reviews/new': 3, 'reviews/spam': 1 });
    expect(db.prepare('SELECT id, queue, status FROM items ORDER BY id').all()).toEqual(before);
  });

  it('keeps the counts in step on insert, status change, queue change and delete', () => {
    const { db: v2, file } = openAt(2);
    const a = rawItem(v2);
    const db = reopenAt(v2, file, 3);
    expect(objectNames(db, 'trigger')).toEqual(
      expect.arrayContaining(['queue_counts_insert', 'queue_counts_update', 'queue_counts_delete']),
    );

    const b = rawItem(db);
    const c = rawItem(db, { queue: 'comments', kind: 'comment' });
    db.prepare("UPDATE items SET status = 'removed' WHERE id = ?").run(a);
    db.prepare("UPDATE items SET queue = 'escalations' WHERE id = ?").run(b);
    db.prepare("UPDATE items SET text = 'only the text changes' WHERE id = ?").run(c);
    db.prepare('DELETE FROM items WHERE id = ?').run(c);
    expect(queueCountsTable(db)).toEqual(queueCountsActual(db));
    expect(queueCountsTable(db)).toEqual({ 'escalations/new': 1, 'mentions/removed': 1 });
  });
});

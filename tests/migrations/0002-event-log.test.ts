import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { columns, objectNames, openAt, rawAccount, rawItem, reopenAt, userVersion } from './steps';

function rawEvent(db: Database, itemId: number, id: string, more: { undoOf?: string; clientSeq?: number } = {}): number {
  const info = db
    .prepare(
      `INSERT INTO events (id, item_id, action, actor, created_at, client_id, client_seq, base_version, undo_of, prev_hash, hash)
       VALUES (?, ?, ?, 'ana', 1, 'c', ?, 0, ?, 'p', 'h')`,
    )
    .run(id, itemId, more.undoOf ? 'undo' : 'approve', more.clientSeq ?? 1, more.undoOf ?? null);
  return Number(info.lastInsertRowid);
}

describe('migration 0002: event log, outbox, item labels, settings', () => {
  it('adds the tables and keeps the accounts and items of version 1', () => {
    const { db: v1, file } = openAt(1);
    const author = rawAccount(v1, 'a1', 500);
    const ids = [rawItem(v1, { authorId: author, text: 'first' }), rawItem(v1, { kind: 'review', queue: 'reviews', text: 'second' })];

    const db = reopenAt(v1, file, 2);
    expect(userVersion(db)).toBe(2);
    const tables = objectNames(db, 'table');
    for (const t of ['events', 'outbox', 'item_labels', 'settings']) expect(tables).toContain(t);
    expect(objectNames(db, 'index')).toEqual(
      expect.arrayContaining(['events_item_seq', 'events_undo_of', 'item_labels_label_status_priority']),
    );
    expect(objectNames(db, 'trigger')).toEqual(
      expect.arrayContaining(['events_append_only_update', 'events_append_only_delete', 'item_labels_follow_item']),
    );
    expect(columns(db, 'events')).toEqual(
      expect.arrayContaining([
        'id',
        'item_id',
        'action',
        'actor',
        'created_at',
        'reason',
        'labels',
        'note',
        'client_id',
        'client_seq',
        'base_version',
        'undo_of',
        'prev_hash',
        'hash',
      ]),
    );

    expect(db.prepare('SELECT id, text, author_id FROM items ORDER BY id').all()).toEqual([
      { id: ids[0], text: 'first', author_id: author },
      { id: ids[1], text: 'second', author_id: null },
    ]);
    expect(db.prepare('SELECT followers FROM accounts WHERE id = ?').pluck().get(author)).toBe(500);
  });

  it('makes events append-only: UPDATE and DELETE are refused by triggers', () => {
    const { db: v1, file } = openAt(1);
    const itemId = rawItem(v1);
    const db = reopenAt(v1, file, 2);
    const seq = rawEvent(db, itemId, 'e1');

    expect(() => db.prepare("UPDATE events SET action = 'remove' WHERE seq = ?").run(seq)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events WHERE seq = ?').run(seq)).toThrow(/append-only/);
    expect(db.prepare('SELECT action FROM events WHERE seq = ?').pluck().get(seq)).toBe('approve');
  });

  it('lets an event be undone once only, and refuses events of unknown items', () => {
    const { db: v1, file } = openAt(1);
    const itemId = rawItem(v1);
    const db = reopenAt(v1, file, 2);
    rawEvent(db, itemId, 'e1', { clientSeq: 1 });
    rawEvent(db, itemId, 'u1', { undoOf: 'e1', clientSeq: 2 });
    expect(() => rawEvent(db, itemId, 'u2', { undoOf: 'e1', clientSeq: 3 })).toThrow(/UNIQUE/);
    expect(() => rawEvent(db, 999_999, 'e9', { clientSeq: 4 })).toThrow(/FOREIGN KEY/);
  });

  it('keeps item_labels status and priority in step with the item', () => {
    const { db: v1, file } = openAt(1);
    const itemId = rawItem(v1, { priority: 1.5 });
    const db = reopenAt(v1, file, 2);
    db.prepare("INSERT INTO item_labels (item_id, label, status, priority) VALUES (?, 'urgent', 'new', 1.5)").run(itemId);
    db.prepare("UPDATE items SET status = 'spam', priority = 2.5 WHERE id = ?").run(itemId);
    expect(db.prepare('SELECT status, priority FROM item_labels WHERE item_id = ?').get(itemId)).toEqual({ status: 'spam', priority: 2.5 });
  });
});

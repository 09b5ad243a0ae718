import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { objectNames, openAt, reopenAt, userVersion } from './steps';

const UP_TO_31 = MIGRATIONS.findIndex((m) => m.version === 31) + 1;

let seq = 0;
function rawEvent(db: Database, itemId: number, id: string, undoOf: string | null = null): void {
  seq++;
  db.prepare(
    `INSERT INTO events (id, item_id, action, actor, created_at, client_id, client_seq, base_version, undo_of, prev_hash, hash)
     VALUES (?, ?, ?, 'ana', 1, 'ws', ?, 0, ?, 'p', 'h')`,
  ).run(id, itemId, undoOf ? 'undo' : 'approve', seq, undoOf);
}

describe('migration 0031: two undos of one event can both be logged', () => {
  it('keeps the events and the lookup index, and lets a second undo of an event join the log', () => {
    const { db: v30, file } = openAt(UP_TO_31 - 1);
    const item = Number(
      v30
        .prepare(
          "INSERT INTO items (platform, external_id, kind, text, queue, imported_at) VALUES ('x', 'm1', 'mention', 'hello', 'mentions', 1)",
        )
        .run().lastInsertRowid,
    );
    rawEvent(v30, item, 'x');
    rawEvent(v30, item, 'mine', 'x');
    // Before: the log took only one undo per event.
    expect(() => rawEvent(v30, item, 'theirs', 'x')).toThrow(/UNIQUE constraint failed: events.undo_of/);

    const db = reopenAt(v30, file, UP_TO_31);
    expect(userVersion(db)).toBe(31);
    expect(objectNames(db, 'index')).toContain('events_undo_of');
    rawEvent(db, item, 'theirs', 'x');
    const undos = 'SELECT id FROM events WHERE undo_of = ? ORDER BY seq';
    expect(db.prepare(undos).pluck().all('x')).toEqual(['mine', 'theirs']);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${undos}`).all('x') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX events_undo_of \(undo_of=\?\)/);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });
});

import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { columns, objectNames, openAt, reopenAt, userVersion } from './steps';

const UP_TO_27 = MIGRATIONS.findIndex((m) => m.version === 27) + 1;

describe('migration 0027: authors as the server proves them, and events set aside', () => {
  it('adds the proven author to synced events, keeps what was synced, and holds set-aside events with their kind and reason', () => {
    const { db: v26, file } = openAt(UP_TO_27 - 1);
    // Since 0026 an item's priority lives in its ordering row, which the items table fills itself.
    const item = Number(
      v26
        .prepare(
          "INSERT INTO items (platform, external_id, kind, created_at, text, queue, status, imported_at) VALUES ('x', 'raw-1', 'mention', 1, 't', 'mentions', 'new', 1)",
        )
        .run().lastInsertRowid,
    );
    v26
      .prepare(
        `INSERT INTO events (id, item_id, action, actor, created_at, client_id, client_seq, base_version, prev_hash, hash)
       VALUES ('e1', ?, 'approve', 'ana', 1, 'c', 1, 0, 'p', 'h')`,
      )
      .run(item);
    v26.prepare("INSERT INTO event_sync (event_id, server_seq, status, synced_at) VALUES ('e1', 4, 'accepted', 9)").run();

    const db = reopenAt(v26, file, UP_TO_27);
    expect(userVersion(db)).toBe(27);
    expect(columns(db, 'event_sync')).toEqual([
      'event_id',
      'server_seq',
      'status',
      'reason',
      'synced_at',
      'author',
      'author_role',
      'received_at',
      'claimed',
    ]);
    // An event synced before the server named its author keeps its verdict and has no proven author yet.
    expect(db.prepare("SELECT * FROM event_sync WHERE event_id = 'e1'").get()).toEqual({
      event_id: 'e1',
      server_seq: 4,
      status: 'accepted',
      reason: null,
      synced_at: 9,
      author: null,
      author_role: null,
      received_at: null,
      claimed: null,
    });

    expect(objectNames(db, 'table')).toContain('set_aside_events');
    expect(objectNames(db, 'index')).toContain('set_aside_kind');
    const put = db.prepare(
      `INSERT INTO set_aside_events (event_id, server_seq, platform, external_id, kind, reason, body, set_aside_at)
       VALUES (?, 12, 'x', 'raw-1', ?, 'an undo of an event already undone', '{}', 5)`,
    );
    put.run('s1', 'refused');
    put.run('s2', 'unappliable');
    // Only the two kinds, and one row per event.
    expect(() => put.run('s3', 'ignored')).toThrow(/CHECK/);
    expect(() => put.run('s1', 'refused')).toThrow(/UNIQUE|PRIMARY/);
    // The list of set-aside events of a kind, newest last, is read through the index.
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT event_id FROM set_aside_events WHERE kind = 'refused' ORDER BY set_aside_at")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX set_aside_kind/);

    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });
});

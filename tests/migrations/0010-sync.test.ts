import { describe, expect, it } from 'vitest';
import { columns, objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';

describe('migration 0010: sync state beside the append-only log', () => {
  it('adds event_sync and sync_state, keeps the events, and checks the verdicts it may hold', () => {
    const { db: v9, file } = openAt(9);
    const item = rawItem(v9);
    v9.prepare(
      `INSERT INTO events (id, item_id, action, actor, created_at, client_id, client_seq, base_version, prev_hash, hash)
       VALUES ('e1', ?, 'approve', 'ana', 1, 'c', 1, 0, 'p', 'h')`,
    ).run(item);
    const db = reopenAt(v9, file, 10);
    expect(userVersion(db)).toBe(10);
    expect(columns(db, 'event_sync')).toEqual(['event_id', 'server_seq', 'status', 'reason', 'synced_at']);
    expect(objectNames(db, 'table')).toEqual(expect.arrayContaining(['event_sync', 'sync_state']));
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    db.prepare("INSERT INTO event_sync (event_id, server_seq, status, synced_at) VALUES ('e1', 7, 'conflict', 1)").run();
    expect(() => db.prepare("INSERT INTO event_sync (event_id, status, synced_at) VALUES ('e1', 'lost', 1)").run()).toThrow();
  });
});

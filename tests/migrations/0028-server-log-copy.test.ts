import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { columns, objectNames, openAt, reopenAt, userVersion } from './steps';

const UP_TO_28 = MIGRATIONS.findIndex((m) => m.version === 28) + 1;

describe("migration 0028: the workstation's copy of the server's log", () => {
  it('adds the log copy and the verified checkpoints, and reads the server again from the start while keeping the rest of the sync state', () => {
    const { db: v27, file } = openAt(UP_TO_28 - 1);
    const state = v27.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?)');
    state.run('cursor', '812');
    state.run('server', 'http://127.0.0.1:1');

    const db = reopenAt(v27, file, UP_TO_28);
    expect(userVersion(db)).toBe(28);
    expect(columns(db, 'server_log')).toEqual(['leaf', 'event_id', 'server_seq', 'hash']);
    expect(columns(db, 'log_checkpoints')).toEqual(['size', 'root', 'signed_at', 'note', 'verified_at']);
    expect(objectNames(db, 'index')).toContain('server_log_event');
    // The cursor is gone, so the next pull starts at the server's first event; the rest stays.
    expect(db.prepare('SELECT key, value FROM sync_state ORDER BY key').all()).toEqual([{ key: 'server', value: 'http://127.0.0.1:1' }]);

    const leaf = db.prepare('INSERT INTO server_log (leaf, event_id, server_seq, hash) VALUES (?, ?, ?, ?)');
    leaf.run(0, 'e1', 1, Buffer.alloc(32, 1));
    expect(() => leaf.run(0, 'e2', 2, Buffer.alloc(32, 2))).toThrow(/UNIQUE|PRIMARY/);
    // STRICT tables: a hash is bytes, not text.
    expect(() => leaf.run(1, 'e2', 2, 'not bytes')).toThrow(/cannot store TEXT/);
    // Finding an event's place in the log (for its proof) goes through the index.
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT leaf FROM server_log WHERE event_id = 'e1'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX server_log_event/);

    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });
});

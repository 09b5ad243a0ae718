import { describe, expect, it } from 'vitest';
import { openAt, rawItem, reopenAt, userVersion } from './steps';
import { plan } from '../unit/query-plan';

describe('migration 0013: flagged work, newest first', () => {
  it('adds a partial index that serves the flagged list without a sort', () => {
    const { db: v12, file } = openAt(12);
    const item = rawItem(v12);
    v12
      .prepare(
        `INSERT INTO events (id, item_id, action, actor, created_at, client_id, client_seq, base_version, prev_hash, hash)
       VALUES ('e1', ?, 'spam', 'bo', 1, 'c', 1, 0, 'p', 'h')`,
      )
      .run(item);
    v12
      .prepare(
        "INSERT INTO event_sync (event_id, server_seq, status, reason, synced_at) VALUES ('e1', 3, 'accepted', 'done while ana held the item', 5)",
      )
      .run();
    const db = reopenAt(v12, file, 13);
    expect(userVersion(db)).toBe(13);
    const sql = "SELECT event_id FROM event_sync WHERE status = 'accepted' AND reason IS NOT NULL ORDER BY synced_at DESC LIMIT 10";
    const steps = plan(db, sql);
    expect(steps).toContain('event_sync_flagged');
    expect(steps).not.toContain('TEMP B-TREE');
    expect(db.prepare(sql).pluck().all()).toEqual(['e1']);
  });
});

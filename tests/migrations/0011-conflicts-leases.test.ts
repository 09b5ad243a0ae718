import { describe, expect, it } from 'vitest';
import { columns, objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';

describe('migration 0011: open conflicts and claim leases', () => {
  it('opens a conflict for each one already recorded, and gives items a lease end', () => {
    const { db: v10, file } = openAt(10);
    const item = rawItem(v10);
    const event = v10.prepare(
      `INSERT INTO events (id, item_id, action, actor, created_at, client_id, client_seq, base_version, prev_hash, hash)
       VALUES (?, ?, 'approve', 'ana', 1, 'c', ?, 0, 'p', 'h')`,
    );
    event.run('e1', item, 1);
    event.run('e2', item, 2);
    v10
      .prepare("INSERT INTO event_sync (event_id, server_seq, status, synced_at) VALUES ('e1', 7, 'conflict', 5), ('e2', 8, 'accepted', 6)")
      .run();
    const db = reopenAt(v10, file, 11);
    expect(userVersion(db)).toBe(11);
    expect(columns(db, 'conflicts')).toEqual(['event_id', 'item_id', 'found_at', 'resolved_by']);
    expect(columns(db, 'items')).toContain('claim_until');
    expect(objectNames(db, 'index')).toEqual(expect.arrayContaining(['conflicts_open', 'conflicts_item', 'items_claim_until']));
    expect(db.prepare('SELECT event_id, item_id, found_at, resolved_by FROM conflicts').all()).toEqual([
      { event_id: 'e1', item_id: item, found_at: 5, resolved_by: null },
    ]);
  });
});

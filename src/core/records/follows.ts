import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';
import type { FollowRecord } from '../../shared/records';
import { ensureAccount, type Upserted } from './accounts';

export function upsertFollow(db: Database, f: FollowRecord, now: number): Upserted {
  const follower = ensureAccount(db, f.platform, f.follower, now).id;
  const followee = ensureAccount(db, f.platform, f.followee, now).id;
  const info = stmt(db, 'INSERT INTO follows (follower_id, followee_id, imported_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
    follower,
    followee,
    now,
  );
  if (info.changes === 0) return 'updated';
  // The followee's follower audit is out of date.
  stmt(db, 'UPDATE accounts SET audit_dirty = 1 WHERE id = ? AND audit_dirty = 0').run(followee);
  return 'inserted';
}

import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';
import type { FollowRecord } from '../import/records';
import { ensureAccount, type Upserted } from './accounts';

export function upsertFollow(db: Database, f: FollowRecord, now: number): Upserted {
  const follower = ensureAccount(db, f.platform, f.follower, now).id;
  const followee = ensureAccount(db, f.platform, f.followee, now).id;
  const info = stmt(
    db,
    'INSERT INTO follows (follower_id, followee_id, imported_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  ).run(follower, followee, now);
  return info.changes > 0 ? 'inserted' : 'updated';
}

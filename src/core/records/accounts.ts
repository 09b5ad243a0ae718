import { setPriority } from '../queue/order';
import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';
import type { AccountRecord } from '../../shared/records';
import { adjustedFollowers, priorityKey, urgencyFrom } from '../queue/priority';
import type { ItemKind } from '../../shared/model';
import { accountVerdict } from '../detection/accounts';
import { signalsOf } from '../detection/scores/account-scores';

export type Upserted = 'inserted' | 'updated';

function json(v: Record<string, unknown> | null): string | null {
  return v ? JSON.stringify(v) : null;
}

/** Inserts or updates an account by (platform, id); a stub made earlier becomes a full record. */
export function upsertAccount(db: Database, a: AccountRecord, now: number): Upserted {
  const values = [
    a.handle,
    a.name,
    a.createdAt,
    a.followers,
    a.following,
    a.posts,
    a.likes,
    a.listed,
    a.verified ? 1 : 0,
    a.defaultAvatar ? 1 : 0,
    a.defaultProfile ? 1 : 0,
    a.bio,
    a.url,
    a.location,
    json(a.extra),
  ];
  // The built-in verdict goes in with the record, so that the account's items are stored with
  // their author's standing; the scoring pass confirms it (or a team model replaces it).
  const v = accountVerdict(
    signalsOf({
      id: 0,
      followers: a.followers,
      following: a.following,
      posts: a.posts,
      likes: a.likes,
      listed: a.listed,
      created_at: a.createdAt,
      verified: a.verified ? 1 : 0,
      default_avatar: a.defaultAvatar ? 1 : 0,
      default_profile: a.defaultProfile ? 1 : 0,
      bio: a.bio,
      url: a.url,
      extra: json(a.extra),
    }),
    now,
  );
  values.push(v.score, JSON.stringify(v.reasons), JSON.stringify(v.sure));
  // Insert first (the common case in an import); only a known account is looked up.
  const inserted = stmt(
    db,
    `INSERT INTO accounts (platform, external_id, handle, name, created_at, followers, following, posts, likes, listed,
       verified, default_avatar, default_profile, bio, url, location, extra, fake_score, fake_reasons, fake_sure, stub, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
     ON CONFLICT (platform, external_id) DO NOTHING`,
  ).run(a.platform, a.id, ...values, now);
  if (inserted.changes > 0) return 'inserted';
  const existing = stmt<[string, string], { id: number; followers: number | null }>(
    db,
    'SELECT id, followers FROM accounts WHERE platform = ? AND external_id = ?',
  ).get(a.platform, a.id)!;
  stmt(
    db,
    `UPDATE accounts SET handle = ?, name = ?, created_at = ?, followers = ?, following = ?, posts = ?, likes = ?,
       listed = ?, verified = ?, default_avatar = ?, default_profile = ?, bio = ?, url = ?, location = ?, extra = ?,
       fake_score = ?, fake_reasons = ?, fake_sure = ?, stub = 0, imported_at = ?, scored_at = NULL
     WHERE id = ?`,
  ).run(...values, now, existing.id);
  // Reach is part of priority: an author whose audience changed re-ranks their waiting items.
  if ((existing.followers ?? null) !== (a.followers ?? null)) rerankAuthor(db, existing.id);
  return 'updated';
}

/** Recomputes the priority of an author's items from the author's reach as it now stands. */
export function rerankAuthor(db: Database, authorId: number): void {
  const author = stmt<[number], { followers: number | null; fake_follower_share: number | null }>(
    db,
    'SELECT followers, fake_follower_share FROM accounts WHERE id = ?',
  ).get(authorId);
  const items = stmt<
    [number],
    {
      id: number;
      kind: ItemKind;
      created_at: number | null;
      imported_at: number;
      sla_due: number | null;
      risk: number;
      route_boost: number;
    }
  >(
    db,
    'SELECT i.id, i.kind, i.created_at, i.imported_at, o.sla_due, i.risk, i.route_boost FROM items i JOIN item_order o ON o.id = i.id WHERE i.author_id = ?',
  ).all(authorId);
  const followers = adjustedFollowers(author?.followers, author?.fake_follower_share);
  for (const it of items) setPriority(db, it.id, priorityKey(it.kind, followers, urgencyFrom(it), it.risk, it.route_boost));
}

/** The row id of an account, creating a stub when only its id is known so far. */
export function ensureAccount(db: Database, platform: string, externalId: string, now: number): KnownAccount {
  const found = stmt<
    [string, string],
    {
      id: number;
      followers: number | null;
      share: number | null;
      fake_score: number | null;
      fake_reasons: string | null;
      posts: number | null;
      created_at: number | null;
    }
  >(
    db,
    'SELECT id, followers, fake_follower_share AS share, fake_score, fake_reasons, posts, created_at FROM accounts WHERE platform = ? AND external_id = ?',
  ).get(platform, externalId);
  // Reach as priority counts it: without the followers the audit found fake.
  if (found) {
    return {
      id: found.id,
      followers: adjustedFollowers(found.followers, found.share),
      fakeScore: found.fake_score,
      fakeReasons: found.fake_reasons,
      rawFollowers: found.followers,
      posts: found.posts,
      createdAt: found.created_at,
    };
  }
  const info = stmt(db, 'INSERT INTO accounts (platform, external_id, handle, stub, imported_at) VALUES (?, ?, ?, 1, ?)').run(
    platform,
    externalId,
    externalId,
    now,
  );
  return {
    id: Number(info.lastInsertRowid),
    followers: null,
    fakeScore: null,
    fakeReasons: null,
    rawFollowers: null,
    posts: null,
    createdAt: null,
  };
}

/** An item's author as storing the item needs it: reach, standing, and the account's own record. */
export interface KnownAccount {
  id: number;
  /** Reach: followers without those the audit found fake. */
  followers: number | null;
  fakeScore: number | null;
  fakeReasons: string | null;
  /** As imported (the reviewer's standing reads these). */
  rawFollowers: number | null;
  posts: number | null;
  createdAt: number | null;
}

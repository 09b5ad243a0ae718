// Account verdicts and follower audits kept in the database. Only accounts imported or changed
// since their last verdict are scored (accounts_unscored), and only accounts whose followers
// changed are audited again (accounts_audit_dirty), so a pass after an import looks at what
// the import touched.
import type { Database } from 'better-sqlite3';
import type { AccountScore } from '../../../shared/model';
import { stmt } from '../../db/statements';
import { rerankAuthor } from '../../records/accounts';
import { accountVerdict, type AccountSignals } from '../accounts';
import { storedSure } from '../reasons';
import type { Models } from './models';

export interface AccountRow {
  id: number;
  followers: number | null;
  following: number | null;
  posts: number | null;
  likes: number | null;
  listed: number | null;
  created_at: number | null;
  verified: number;
  default_avatar: number;
  default_profile: number;
  bio: string | null;
  url: string | null;
  extra: string | null;
}

export const ACCOUNT_COLUMNS =
  'id, followers, following, posts, likes, listed, created_at, verified, default_avatar, default_profile, bio, url, extra';

/** Imported profile fields under the names the detector reads (banner and geo come as extra columns). */
export function signalsOf(r: AccountRow): AccountSignals {
  const extra = r.extra ? (JSON.parse(r.extra) as Record<string, unknown>) : {};
  const truthy = (...keys: string[]) => keys.some((k) => !!extra[k] && extra[k] !== '0' && extra[k] !== 'false' && extra[k] !== 'NULL');
  return {
    followers: r.followers,
    following: r.following,
    posts: r.posts,
    likes: r.likes,
    listed: r.listed,
    createdAt: r.created_at,
    verified: !!r.verified,
    defaultAvatar: !!r.default_avatar,
    defaultProfile: !!r.default_profile,
    bio: r.bio,
    url: r.url,
    hasBanner: truthy('banner', 'profileBannerUrl', 'profile_banner_url'),
    geoEnabled: truthy('geoEnabled', 'geo_enabled'),
  };
}

/**
 * Scores every full account (not a stub) that has no verdict or changed since. Their items
 * wait to be scored again (the author's verdict is part of theirs) and the accounts they
 * follow need a new audit. Returns how many were scored.
 */
export function scoreAccounts(db: Database, now: number, models: Models = {}, concurrent = false): number {
  const rows = stmt<[], AccountRow>(db, `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE scored_at IS NULL AND stub = 0`).all();
  if (!rows.length) return 0;
  const update = stmt(db, 'UPDATE accounts SET fake_score = ?, fake_reasons = ?, fake_sure = ?, scored_at = ? WHERE id = ?');
  const items = stmt(db, 'UPDATE items SET scored_at = NULL WHERE author_id = ? AND scored_at IS NOT NULL');
  const followees = stmt(
    db,
    'UPDATE accounts SET audit_dirty = 1 WHERE audit_dirty = 0 AND id IN (SELECT followee_id FROM follows WHERE follower_id = ?)',
  );
  const again = stmt<[number], AccountRow>(db, `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = ? AND scored_at IS NULL AND stub = 0`);
  // Verdicts first, outside any transaction; then short writes (see WRITE_BATCH in rescore.ts).
  const verdicts = rows.map((r) => (models.accounts ? models.accounts.account(signalsOf(r), now) : accountVerdict(signalsOf(r), now)));
  let scored = 0;
  const batch = concurrent ? ACCOUNT_WRITE_BATCH : rows.length;
  for (let at = 0; at < rows.length; at += batch) {
    db.transaction(() => {
      for (let k = at; k < Math.min(rows.length, at + batch); k++) {
        const r = rows[k]!;
        // Changed by another connection since it was read (a re-import): the next pass takes it.
        if (concurrent && JSON.stringify(again.get(r.id)) !== JSON.stringify(r)) continue;
        const v = verdicts[k]!;
        update.run(v.score, JSON.stringify(v.reasons), JSON.stringify(v.sure), now, r.id);
        items.run(r.id);
        followees.run(r.id);
        scored++;
      }
    }).immediate();
  }
  return scored;
}

/** Accounts written per transaction while another connection writes too (see WRITE_BATCH in rescore.ts). */
const ACCOUNT_WRITE_BATCH = 500;

/** An account counts as a fake follower from this score on. */
export const FAKE_FOLLOWER_SCORE = 0.5;

/**
 * The follower audit of every account whose known followers changed: the share that look
 * fake. When the share moves, the account's items are ranked again (reach is part of
 * priority). Returns how many accounts were audited.
 */
export function auditFollowers(db: Database, concurrent = false): number {
  const dirty = stmt<[], { id: number; share: number | null }>(
    db,
    'SELECT id, fake_follower_share AS share FROM accounts WHERE audit_dirty = 1',
  ).all();
  if (!dirty.length) return 0;
  const count = stmt<[number, number], { known: number; fake: number | null }>(
    db,
    `SELECT count(*) AS known, sum(a.fake_score >= ?) AS fake
     FROM follows f JOIN accounts a ON a.id = f.follower_id WHERE f.followee_id = ? AND a.fake_score IS NOT NULL`,
  );
  const update = stmt(db, 'UPDATE accounts SET fake_follower_share = ?, audit_dirty = 0 WHERE id = ?');
  const batch = concurrent ? ACCOUNT_WRITE_BATCH : dirty.length;
  for (let at = 0; at < dirty.length; at += batch) {
    db.transaction(() => {
      for (const d of dirty.slice(at, at + batch)) {
        const c = count.get(FAKE_FOLLOWER_SCORE, d.id)!;
        const share = c.known > 0 ? (c.fake ?? 0) / c.known : null;
        update.run(share, d.id);
        if (share !== d.share) rerankAuthor(db, d.id);
      }
    }).immediate();
  }
  return dirty.length;
}

/** Most likely fake first, with the follower audit where the account's followers are known. */
export function topAccounts(db: Database, limit: number): AccountScore[] {
  const rows = stmt<
    [number],
    {
      id: number;
      platform: string;
      external_id: string;
      handle: string;
      followers: number | null;
      fake_score: number;
      fake_reasons: string;
      fake_sure: string | null;
      share: number | null;
    }
  >(
    db,
    `SELECT id, platform, external_id, handle, followers, fake_score, fake_reasons, fake_sure, fake_follower_share AS share FROM accounts
     WHERE fake_score IS NOT NULL ORDER BY fake_score DESC, id LIMIT ?`,
  ).all(limit);
  const known = stmt<[number], { n: number }>(db, 'SELECT count(*) AS n FROM follows WHERE followee_id = ?');
  return rows.map((r) => {
    const out: AccountScore = {
      platform: r.platform,
      id: r.external_id,
      handle: r.handle,
      score: r.fake_score,
      reasons: JSON.parse(r.fake_reasons) as string[],
      sure: storedSure(r.fake_sure),
    };
    if (r.share !== null) {
      out.fakeFollowerShare = r.share;
      out.adjustedReach = Math.round((r.followers ?? known.get(r.id)!.n) * (1 - r.share));
    }
    return out;
  });
}

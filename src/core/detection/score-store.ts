// Verdicts kept in the database: accounts are scored when they are new or changed since their
// last verdict, so repeated calls after an import only look at what the import touched.
import type { Database } from 'better-sqlite3';
import type { AccountScore, CampaignInfo } from '../../shared/model';
import { stmt } from '../db/statements';
import { accountVerdict, type AccountSignals } from './accounts';
import { findCampaigns, type Post } from './campaigns';

interface AccountRow {
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

/** Scores every full account (not a stub) that has no verdict or changed since; returns how many. */
export function scoreAccounts(db: Database, now: number): number {
  const rows = stmt<[], AccountRow>(
    db,
    `SELECT id, followers, following, posts, likes, listed, created_at, verified, default_avatar, default_profile, bio, url, extra
     FROM accounts WHERE stub = 0 AND (scored_at IS NULL OR scored_at < imported_at)`,
  ).all();
  const update = stmt(db, 'UPDATE accounts SET fake_score = ?, fake_reasons = ?, scored_at = ? WHERE id = ?');
  db.transaction(() => {
    for (const r of rows) {
      const v = accountVerdict(signalsOf(r), now);
      update.run(v.score, JSON.stringify(v.reasons), now, r.id);
    }
  })();
  return rows.length;
}

/** Most likely fake first, with the follower audit where the account's followers are known. */
export function topAccounts(db: Database, limit: number, now: number): AccountScore[] {
  scoreAccounts(db, now);
  const rows = stmt<[number], { id: number; platform: string; external_id: string; handle: string; followers: number | null; fake_score: number; fake_reasons: string }>(
    db,
    `SELECT id, platform, external_id, handle, followers, fake_score, fake_reasons FROM accounts
     WHERE fake_score IS NOT NULL ORDER BY fake_score DESC, id LIMIT ?`,
  ).all(limit);
  const audit = stmt<[number], { known: number; fake: number | null }>(
    db,
    `SELECT count(*) AS known, sum(CASE WHEN a.fake_score >= 0.5 THEN 1 ELSE 0 END) AS fake
     FROM follows f JOIN accounts a ON a.id = f.follower_id WHERE f.followee_id = ? AND a.fake_score IS NOT NULL`,
  );
  return rows.map((r) => {
    const out: AccountScore = { platform: r.platform, id: r.external_id, handle: r.handle, score: r.fake_score, reasons: JSON.parse(r.fake_reasons) as string[] };
    const a = audit.get(r.id)!;
    if (a.known > 0) {
      const share = (a.fake ?? 0) / a.known;
      out.fakeFollowerShare = share;
      out.adjustedReach = Math.round((r.followers ?? a.known) * (1 - share));
    }
    return out;
  });
}

/** Campaigns among the items, each named by its first item so the name stays put. */
export function listCampaigns(db: Database): CampaignInfo[] {
  const rows = stmt<[], { id: number; external_id: string; author_id: number | null; text: string; created_at: number | null; author: string | null }>(
    db,
    `SELECT i.id, i.external_id, i.author_id, i.text, i.created_at, a.external_id AS author
     FROM items i LEFT JOIN accounts a ON a.id = i.author_id`,
  ).all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const authorOf = new Map(rows.filter((r) => r.author_id !== null).map((r) => [r.author_id!, r.author!]));
  const posts: Post[] = rows.map((r) => ({ itemId: r.id, accountId: r.author_id, text: r.text, createdAt: r.created_at }));
  return findCampaigns(posts).map((c) => ({
    id: `nd-${byId.get(c.items[0]!)!.external_id}`,
    kind: c.kind,
    accounts: c.accounts.map((a) => authorOf.get(a)!),
    items: c.items.map((i) => byId.get(i)!.external_id),
    score: c.score,
    reasons: c.reasons,
    start: c.start,
    end: c.end,
    examples: c.examples,
  }));
}

import type { Database } from 'better-sqlite3';
import { VigilFailure } from '../../shared/errors';
import type { AccountCard, ItemDetail, ItemDetection, ItemKind, ItemStatus } from '../../shared/model';
import { campaignById } from '../detection/scores/campaigns';
import { adjustedFollowers } from '../queue/priority';
import { stmt } from '../db/statements';
import { eventViewsOfItem } from '../decisions/log';
import { triageOf } from '../triage/store/classification';
import { ROW_COLUMNS, toQueueRow, type RowRecord } from '../queue/query';
import { itemRouting } from '../triage/rules/item-routing';

const THREAD_LIMIT = 50;
const RECENT_BY_AUTHOR = 10;

interface AccountRow {
  id: number;
  platform: string;
  external_id: string;
  handle: string;
  name: string | null;
  created_at: number | null;
  followers: number | null;
  following: number | null;
  posts: number | null;
  likes: number | null;
  listed: number | null;
  verified: number;
  default_avatar: number;
  default_profile: number;
  bio: string | null;
  url: string | null;
  location: string | null;
}

export function accountCard(db: Database, accountId: number): AccountCard | null {
  const a = stmt<[number], AccountRow>(
    db,
    `SELECT id, platform, external_id, handle, name, created_at, followers, following, posts, likes, listed, verified,
       default_avatar, default_profile, bio, url, location FROM accounts WHERE id = ?`,
  ).get(accountId);
  if (!a) return null;
  const byStatus = stmt<[number], { status: ItemStatus; n: number }>(
    db,
    'SELECT status, count(*) AS n FROM items WHERE author_id = ? GROUP BY status',
  ).all(accountId);
  const decisions: Partial<Record<ItemStatus, number>> = {};
  let itemCount = 0;
  for (const r of byStatus) {
    itemCount += r.n;
    if (r.status !== 'new') decisions[r.status] = r.n;
  }
  const recentItems = stmt<[number, number], { id: number; kind: ItemKind; status: ItemStatus; created_at: number | null; text: string }>(
    db,
    'SELECT id, kind, status, created_at, text FROM items WHERE author_id = ? ORDER BY created_at DESC LIMIT ?',
  )
    .all(accountId, RECENT_BY_AUTHOR)
    .map((r) => ({ id: r.id, kind: r.kind, status: r.status, createdAt: r.created_at, text: r.text.slice(0, 280) }));
  return {
    id: a.id,
    platform: a.platform,
    externalId: a.external_id,
    handle: a.handle,
    name: a.name,
    createdAt: a.created_at,
    followers: a.followers,
    following: a.following,
    posts: a.posts,
    likes: a.likes,
    listed: a.listed,
    verified: a.verified === 1,
    defaultAvatar: a.default_avatar === 1,
    defaultProfile: a.default_profile === 1,
    bio: a.bio,
    url: a.url,
    location: a.location,
    markedFake: (decisions.fake ?? 0) > 0,
    itemCount,
    decisions,
    recentItems,
  };
}

type DetailRow = RowRecord & { url: string | null; lang: string | null; parent: string | null; extra: string | null; imported_at: number };

export function itemDetail(db: Database, itemId: number): ItemDetail {
  const r = stmt<[number], DetailRow>(
    db,
    `SELECT ${ROW_COLUMNS}, i.url, i.lang, i.parent, i.extra, i.imported_at
     FROM items i JOIN item_order o ON o.id = i.id LEFT JOIN accounts a ON a.id = i.author_id WHERE i.id = ?`,
  ).get(itemId);
  if (!r) throw new VigilFailure('not_found', `There is no item ${itemId}.`, { itemId });
  return {
    item: {
      ...toQueueRow(r),
      url: r.url,
      lang: r.lang,
      parent: r.parent,
      extra: r.extra ? (JSON.parse(r.extra) as Record<string, unknown>) : null,
      importedAt: r.imported_at,
    },
    author: r.author_id === null ? null : accountCard(db, r.author_id),
    thread: threadOf(db, r),
    triage: triageOf(db, itemId),
    events: eventViewsOfItem(db, itemId),
    detection: detectionOf(db, itemId),
    routing: itemRouting(db, itemId),
  };
}

function detectionOf(db: Database, itemId: number): ItemDetection | null {
  const d = stmt<
    [number],
    { risk: number; detection: string | null; campaign_id: number | null; followers: number | null; share: number | null }
  >(
    db,
    `SELECT i.risk, i.detection, i.campaign_id, a.followers, a.fake_follower_share AS share
     FROM items i JOIN item_order o ON o.id = i.id LEFT JOIN accounts a ON a.id = i.author_id WHERE i.id = ?`,
  ).get(itemId);
  if (!d?.detection) return null;
  const out: ItemDetection = { risk: d.risk, ...(JSON.parse(d.detection) as Omit<ItemDetection, 'risk'>) };
  const campaign = d.campaign_id === null ? null : campaignById(db, d.campaign_id);
  if (campaign) out.campaign = campaign;
  if (d.share !== null && d.followers !== null) {
    out.audit = { followers: d.followers, fakeFollowerShare: d.share, adjustedReach: adjustedFollowers(d.followers, d.share)! };
  }
  return out;
}

function threadOf(db: Database, r: DetailRow): ItemDetail['thread'] {
  type T = { id: number; kind: ItemKind; author_handle: string | null; created_at: number | null; text: string; status: ItemStatus };
  let rows: T[] = [];
  const cols = 'i.id, i.kind, a.handle AS author_handle, i.created_at, i.text, i.status';
  if (r.thread) {
    rows = stmt<[string, string, number], T>(
      db,
      `SELECT ${cols} FROM items i LEFT JOIN accounts a ON a.id = i.author_id
       WHERE i.thread = ? AND i.platform = ? ORDER BY i.created_at LIMIT ?`,
    ).all(r.thread, r.platform, THREAD_LIMIT);
  } else if (r.parent) {
    // No thread id: follow the parent chain upwards instead.
    const byExternal = stmt<[string, string], T & { parent: string | null }>(
      db,
      `SELECT ${cols}, i.parent FROM items i LEFT JOIN accounts a ON a.id = i.author_id WHERE i.platform = ? AND i.external_id = ?`,
    );
    let parent: string | null = r.parent;
    const seen = new Set<string>();
    while (parent && !seen.has(parent) && rows.length < THREAD_LIMIT) {
      seen.add(parent);
      const p = byExternal.get(r.platform, parent);
      if (!p) break;
      rows.unshift(p);
      parent = p.parent;
    }
    if (rows.length)
      rows.push({ id: r.id, kind: r.kind, author_handle: r.author_handle, created_at: r.created_at, text: r.text, status: r.status });
  }
  return rows.map((t) => ({
    id: t.id,
    kind: t.kind,
    authorHandle: t.author_handle,
    createdAt: t.created_at,
    text: t.text,
    status: t.status,
  }));
}

// Campaigns kept in the database: each near-duplicate cluster that gained members is cut into
// bursts again (campaigns.ts), the bursts from enough accounts become or update campaign rows
// named by their first item, and members take the campaign's id and score.
import type { Database } from 'better-sqlite3';
import type { CampaignInfo } from '../../../shared/model';
import { stmt } from '../../db/statements';
import { burstsOf, campaignOf, campaignSure, type Post } from '../campaigns';
import { fmt } from '../reasons';
import { SLOT_MS } from './near-dup';

interface Member {
  id: number;
  author_id: number | null;
  created_at: number;
  campaign_id: number | null;
  campaign_score: number | null;
}

const HOUR = 3_600_000;
/** How far around its new members a cluster is looked at again: a burst's window and gap either side. */
const REACH_MS = 12 * HOUR;

/**
 * Cuts campaigns again wherever clusters gained members (dup_dirty), each cluster and target
 * only around its new members' times: a cluster that many people add to over months is read
 * only where it changed. Returns the items whose campaign changed.
 */
export interface DirtySlot {
  id: number;
  target: string;
  slot: number;
}

/** Where clusters gained members, one list of slots per cluster and target, in order. */
export function dirtyClusters(db: Database): DirtySlot[][] {
  const rows = stmt<[], DirtySlot>(db, 'SELECT id, target, slot FROM dup_dirty ORDER BY id, target, slot').all();
  const out: DirtySlot[][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last[0]!.id === r.id && last[0]!.target === r.target) last.push(r);
    else out.push([r]);
  }
  return out;
}

/**
 * Works out again the campaigns of these clusters, each where it gained members, and clears
 * their marks. A caller may pass all of `dirtyClusters` at once or commit between parts.
 */
export function recomputeDirty(
  db: Database,
  now: number,
  clusters: readonly DirtySlot[][] = dirtyClusters(db),
): { changed: number[]; places: number } {
  const done = stmt(db, 'DELETE FROM dup_dirty WHERE id = ? AND target = ?');
  const changed: number[] = [];
  let places = 0;
  for (const slots of clusters) {
    const { id, target } = slots[0]!;
    // Slots merged into windows wherever their reaches overlap.
    let lo = slots[0]!.slot * SLOT_MS - REACH_MS;
    let hi = (slots[0]!.slot + 1) * SLOT_MS + REACH_MS;
    for (const d of slots.slice(1)) {
      if (d.slot * SLOT_MS - REACH_MS <= hi) {
        hi = (d.slot + 1) * SLOT_MS + REACH_MS;
        continue;
      }
      changed.push(...recomputeWindow(db, id, target, lo, hi, now));
      places++;
      lo = d.slot * SLOT_MS - REACH_MS;
      hi = (d.slot + 1) * SLOT_MS + REACH_MS;
    }
    changed.push(...recomputeWindow(db, id, target, lo, hi, now));
    places++;
    done.run(id, target);
  }
  return { changed, places };
}

/** The campaign most of these members belong to already, if any. */
function heldBy(members: readonly Member[]): number | null {
  const counts = new Map<number, number>();
  let best: number | null = null;
  for (const m of members) {
    if (m.campaign_id === null) continue;
    const n = (counts.get(m.campaign_id) ?? 0) + 1;
    counts.set(m.campaign_id, n);
    if (best === null || n > counts.get(best)!) best = m.campaign_id;
  }
  return best;
}

type WindowArgs = [group: number, target: string | null, lo: number, hi: number];

/** Recomputes the campaigns of one cluster and target between two times. */
function recomputeWindow(db: Database, group: number, target: string, lo: number, hi: number, now: number): number[] {
  const stats = stmt<[number, string], { members: number; bursty: number; first_at: number; last_at: number }>(
    db,
    'SELECT members, bursty, first_at, last_at FROM dup_groups WHERE id = ? AND target = ?',
  ).get(group, target);
  // '' is how dup_groups keys "no target"; items keep null. Most windows hold no burst: their
  // times alone (and whether any member already is in a campaign) say so, without reading rows.
  const args: WindowArgs = [group, target || null, lo, hi];
  const held = stmt<WindowArgs, { n: number }>(
    db,
    'SELECT count(*) AS n FROM items WHERE dup_group = ? AND target IS ? AND created_at BETWEEN ? AND ? AND campaign_id IS NOT NULL',
  ).get(...args)!.n;
  // The background is the cluster's posts outside its campaigns elsewhere: bursts in other
  // windows must not raise the bar for this one.
  const whole = stats ? { count: stats.members - (stats.bursty - held), spanMs: stats.last_at - stats.first_at } : undefined;
  if (held === 0) {
    const times = stmt<WindowArgs, number>(
      db,
      'SELECT created_at FROM items WHERE dup_group = ? AND target IS ? AND created_at BETWEEN ? AND ? ORDER BY created_at',
    )
      .pluck()
      .all(...args);
    if (!burstsOf(times, (t) => t, 5, undefined, whole).length) return [];
  }
  const members = stmt<WindowArgs, Member>(
    db,
    `SELECT id, author_id, created_at, campaign_id, campaign_score FROM items
     WHERE dup_group = ? AND target IS ? AND created_at BETWEEN ? AND ? ORDER BY created_at, id`,
  ).all(...args);
  const burstyHere = held;
  const textOf = stmt<[number], { text: string; platform: string; external_id: string }>(
    db,
    'SELECT text, platform, external_id FROM items WHERE id = ?',
  );
  const upsert = stmt<unknown[], { id: number }>(
    db,
    `INSERT INTO campaigns (key, kind, dup_group, target, score, reasons, examples, start_at, end_at, item_count, account_count, updated_at)
     VALUES (?, 'near-duplicate', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET dup_group = excluded.dup_group, target = excluded.target, score = excluded.score, reasons = excluded.reasons,
       examples = excluded.examples, start_at = excluded.start_at, end_at = excluded.end_at, item_count = excluded.item_count,
       account_count = excluded.account_count, updated_at = excluded.updated_at
     RETURNING id`,
  );
  const assigned = new Map<number, { campaign: number; score: number }>();
  const keep = new Set<number>();
  for (const burst of burstsOf(members, (m) => m.created_at, 5, undefined, whole)) {
    const posts: Post[] = burst.map((m) => ({ itemId: m.id, accountId: m.author_id, text: '', createdAt: m.created_at }));
    const c = campaignOf(posts);
    if (!c) continue;
    const read = burst.slice(0, 30).map((m) => textOf.get(m.id)!);
    const texts = read.map((r) => r.text);
    const examples = [...new Set(texts)].slice(0, 3);
    const fields = [
      c.score,
      JSON.stringify(c.reasons),
      JSON.stringify(examples),
      c.start,
      c.end,
      c.items.length,
      c.accounts.length,
      now,
    ] as const;
    // A burst that grew keeps the name most of its members had: a campaign is not renamed
    // (and its members not rewritten) because an earlier post joined it.
    const held = heldBy(burst);
    let id: number;
    if (held !== null && !keep.has(held)) {
      id = held;
      stmt(
        db,
        `UPDATE campaigns SET score = ?, reasons = ?, examples = ?, start_at = ?, end_at = ?, item_count = ?, account_count = ?, updated_at = ?,
           dup_group = ?, target = ? WHERE id = ?`,
      ).run(...fields, group, target, id);
    } else {
      const first = read[0]!;
      id = upsert.get(`nd-${first.platform}:${first.external_id}`, group, target, ...fields)!.id;
    }
    keep.add(id);
    for (const m of burst) assigned.set(m.id, { campaign: id, score: c.score });
  }
  // A campaign that overlaps the window has members in it (bursts have no gaps that wide): with
  // none found and none held, there is nothing to retire.
  if (keep.size || members.some((m) => m.campaign_id !== null)) {
    const stale = stmt<[number, string, number, number], { id: number }>(
      db,
      'SELECT id FROM campaigns WHERE dup_group = ? AND target = ? AND end_at >= ? AND start_at <= ?',
    ).all(group, target, lo, hi);
    for (const { id } of stale) if (!keep.has(id)) stmt(db, 'DELETE FROM campaigns WHERE id = ?').run(id);
  }
  if (stats && assigned.size !== burstyHere) {
    stmt(db, 'UPDATE dup_groups SET bursty = bursty + ? WHERE id = ? AND target = ?').run(assigned.size - burstyHere, group, target);
  }
  const set = stmt(db, 'UPDATE items SET campaign_id = ?, campaign_score = ? WHERE id = ?');
  const changed: number[] = [];
  for (const m of members) {
    const a = assigned.get(m.id);
    if (a) {
      if (a.campaign === m.campaign_id && a.score === m.campaign_score) continue;
      set.run(a.campaign, a.score, m.id);
      changed.push(m.id);
    } else if (m.campaign_id !== null) {
      set.run(null, null, m.id);
      changed.push(m.id);
    }
  }
  return changed;
}

interface CampaignRow {
  id: number;
  key: string;
  kind: CampaignInfo['kind'];
  score: number;
  reasons: string;
  examples: string;
  start_at: number;
  end_at: number;
}

/** Accounts a campaign must share with another for the two to be one ring. */
const RING_SHARED = 3;

/**
 * Other campaigns that enough of the same accounts took part in: the same people posting in
 * bursts about one target after another is a ring, even where each burst alone is small.
 */
function linkedCampaigns(db: Database, campaignId: number): { target: string; shared: number }[] {
  return stmt<[number, number, number], { target: string; shared: number }>(
    db,
    `SELECT c.target, count(DISTINCT o.author_id) AS shared
     FROM items m JOIN items o INDEXED BY items_author_created ON o.author_id = m.author_id
       JOIN campaigns c ON c.id = o.campaign_id
     WHERE m.campaign_id = ? AND o.campaign_id IS NOT NULL AND o.campaign_id != ?
     GROUP BY c.id HAVING shared >= ? ORDER BY shared DESC LIMIT 20`,
  ).all(campaignId, campaignId, RING_SHARED);
}

function infoOf(db: Database, r: CampaignRow): CampaignInfo & { itemIds: number[] } {
  const members = stmt<[number], { id: number; external_id: string; author: string | null; kind: string; status: string }>(
    db,
    `SELECT i.id, i.external_id, a.external_id AS author, i.kind, i.status FROM items i LEFT JOIN accounts a ON a.id = i.author_id
     WHERE i.campaign_id = ? ORDER BY i.created_at, i.id`,
  ).all(r.id);
  const linked = linkedCampaigns(db, r.id);
  const reasons = JSON.parse(r.reasons) as string[];
  const ring = linked.length > 0 && members.some((m) => m.kind === 'review');
  if (linked.length) {
    const targets = [...new Set(linked.map((l) => l.target).filter(Boolean))].slice(0, 3);
    const most = Math.max(...linked.map((l) => l.shared));
    reasons.push(
      `${fmt(most)} of these accounts also posted in ${fmt(linked.length)} other ${linked.length === 1 ? 'burst' : 'bursts'}${targets.length ? ` (about ${targets.join(', ')})` : ''}`,
    );
  }
  const accounts = [...new Set(members.map((m) => m.author).filter((a): a is string => a !== null))];
  return {
    id: r.key,
    kind: ring ? 'review-ring' : r.kind,
    accounts,
    items: members.map((m) => m.external_id),
    itemIds: members.map((m) => m.id),
    score: r.score,
    reasons,
    sure: campaignSure(accounts.length, r.end_at - r.start_at, linked.length),
    start: r.start_at,
    end: r.end_at,
    examples: JSON.parse(r.examples) as string[],
    waiting: members.filter((m) => m.status === 'new').length,
  };
}

const CAMPAIGN_COLUMNS = 'id, key, kind, score, reasons, examples, start_at, end_at';

/** Campaigns, surest first. */
export function listCampaigns(db: Database, limit = 1000): (CampaignInfo & { itemIds: number[] })[] {
  return stmt<[number], CampaignRow>(db, `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns ORDER BY score DESC, id LIMIT ?`)
    .all(limit)
    .map((r) => infoOf(db, r));
}

export function campaignById(db: Database, id: number): (CampaignInfo & { itemIds: number[] }) | null {
  const r = stmt<[number], CampaignRow>(db, `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE id = ?`).get(id);
  return r ? infoOf(db, r) : null;
}

export function campaignByKey(db: Database, key: string): (CampaignInfo & { itemIds: number[] }) | null {
  const r = stmt<[string], CampaignRow>(db, `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE key = ?`).get(key);
  return r ? infoOf(db, r) : null;
}

/**
 * A campaign's members still waiting for a decision, in the campaign's order, read in one
 * query; null when there is no campaign of that key (any more).
 */
export function waitingInCampaign(db: Database, key: string): number[] | null {
  const rows = stmt<[string], { id: number | null }>(
    db,
    `SELECT i.id FROM campaigns c LEFT JOIN items i ON i.campaign_id = c.id AND i.status = 'new'
     WHERE c.key = ? ORDER BY i.created_at, i.id`,
  ).all(key);
  if (!rows.length) return null;
  return rows.flatMap((r) => (r.id === null ? [] : [r.id]));
}

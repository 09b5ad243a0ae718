// "How did we answer this before?": resolved cases whose messages resemble an item, with
// their outcome and the replies the team sent. Near-duplicates come first (the same wording,
// then by estimated similarity), then cases sharing the item's most distinctive words (bm25).
// Only resolved cases, never the item's own.
import type { Database } from 'better-sqlite3';
import { VigilFailure } from '../../../shared/errors';
import type { SimilarCase, SimilarReply } from '../../../shared/similar';
import { stmt } from '../../db/statements';
import { nearDuplicateCases } from './near-dup';
import { wordMatchCases } from './words';
import { undoneSql } from '../../decisions/undone';

/** Replies shown per case: the first answers say how it went. */
const REPLIES_PER_CASE = 5;

interface Found {
  root: number;
  itemId: number;
  match: SimilarCase['match'];
  score: number;
}

export function similarCases(db: Database, itemId: number, limit = 5): SimilarCase[] {
  const item = stmt<[number], { text: string; case_root: number | null }>(db, 'SELECT text, case_root FROM items WHERE id = ?').get(itemId);
  if (!item) throw new VigilFailure('not_found', `There is no item ${itemId}.`, { itemId });
  const found = new Map<number, Found>();
  for (const h of nearDuplicateCases(db, item.text, item.case_root)) {
    if (found.size >= limit) break;
    found.set(h.root, { root: h.root, itemId: h.itemId, match: h.exact ? 'exact' : 'near-duplicate', score: h.score });
  }
  // Words fill what near-duplicates left (a near-duplicate is never demoted by its words).
  if (found.size < limit) {
    const words = wordMatchCases(db, item.text, item.case_root).sort((a, b) => b.score - a.score || a.root - b.root);
    for (const h of words) {
      if (found.size >= limit) break;
      if (!found.has(h.root)) found.set(h.root, { root: h.root, itemId: h.itemId, match: 'words', score: h.score });
    }
  }
  return [...found.values()].flatMap((f) => {
    const c = describe(db, f);
    return c ? [c] : [];
  });
}

function describe(db: Database, f: Found): SimilarCase | null {
  const c = stmt<
    [number],
    {
      outcome: string | null;
      resolved_at: number | null;
      owner: string | null;
      status: string;
      id: number;
      platform: string;
      text: string;
      created_at: number | null;
    }
  >(
    db,
    `SELECT c.outcome, c.resolved_at, c.owner, c.status, i.id, i.platform, i.text, i.created_at
     FROM cases c JOIN items i ON i.id = c.root_item WHERE c.root_item = ?`,
  ).get(f.root);
  if (!c || c.status !== 'resolved') return null;
  return {
    rootItemId: f.root,
    outcome: c.outcome,
    resolvedAt: c.resolved_at,
    owner: c.owner,
    match: f.match,
    score: f.score,
    matchedItemId: f.itemId,
    firstMessage: { id: c.id, platform: c.platform, text: c.text, createdAt: c.created_at },
    replies: repliesOf(db, f.root),
  };
}

// `+e.action`: a case has a handful of events, reached from its items; the index of all
// replies by time (for today's repeats) would walk every reply ever sent.
export const REPLIES_SQL = `SELECT e.item_id AS itemId, coalesce(s.author, e.actor) AS actor, e.created_at AS at, e.note AS text
  FROM items i JOIN events e ON e.item_id = i.id LEFT JOIN event_sync s ON s.event_id = e.id
  WHERE i.case_root = ? AND +e.action = 'reply' AND e.note IS NOT NULL AND (s.status IS NULL OR s.status = 'accepted')
    AND NOT ${undoneSql()}
  ORDER BY e.seq LIMIT ?`;

/** Replies on any message of the case, oldest first; undone ones and those the server refused left out. */
export function repliesOf(db: Database, root: number): SimilarReply[] {
  return stmt<[number, number], SimilarReply>(db, REPLIES_SQL).all(root, REPLIES_PER_CASE);
}

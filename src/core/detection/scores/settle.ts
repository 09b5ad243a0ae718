// An item's risk, priority and queue follow from its stored scores; settling writes them
// after any score of the item moved (its own, its author's, its campaign's, or a threshold).
import { setPriority } from '../../queue/order';
import type { Database } from 'better-sqlite3';
import type { DetectionQueue, ItemKind, ItemStatus } from '../../../shared/model';
import { stmt } from '../../db/statements';
import { detectionType, reclassify } from '../../triage/store/classification';
import { adjustedFollowers, priorityKey, urgencyFrom } from '../../queue/priority';
import { riskOf, routable, routeOf, type Scores } from '../../queue/route';

/** What settling reads of an item besides its scores. */
export interface SettleInput {
  kind: ItemKind;
  status: ItemStatus;
  queue: string;
  created_at: number | null;
  imported_at: number;
  /** The next SLA due, which urgency counts from (null: no policy). */
  sla_due: number | null;
  followers: number | null;
  share: number | null;
  /** The queue a routing rule chose (detection hands the item back there), and its priority boost. */
  route_queue?: string | null;
  route_boost?: number;
}

interface SettleRow extends SettleInput {
  kind: ItemKind;
  status: ItemStatus;
  queue: string;
  created_at: number | null;
  imported_at: number;
  spam_score: number | null;
  review_score: number | null;
  author_score: number | null;
  campaign_score: number | null;
  followers: number | null;
  share: number | null;
  risk: number;
  priority: number;
}

export type Thresholds = Record<DetectionQueue, number>;

export function settleItem(db: Database, itemId: number, thresholds: Thresholds): void {
  const r = stmt<[number], SettleRow>(
    db,
    `SELECT i.kind, i.status, i.queue, i.created_at, i.imported_at, i.spam_score, i.review_score, i.author_score, i.campaign_score,
       i.risk, o.priority, o.sla_due, i.route_queue, i.route_boost, a.followers, a.fake_follower_share AS share
     FROM items i JOIN item_order o ON o.id = i.id LEFT JOIN accounts a ON a.id = i.author_id WHERE i.id = ?`,
  ).get(itemId);
  if (!r) return;
  const s = settled(r, { spam: r.spam_score, review: r.review_score, author: r.author_score, campaign: r.campaign_score }, thresholds);
  // Each of these columns sits in several queue indexes: an item that does not move is not written.
  if (s.risk === r.risk && s.priority === r.priority && s.queue === r.queue) return;
  if (s.risk === r.risk && s.priority === r.priority) stmt(db, 'UPDATE items SET queue = ? WHERE id = ?').run(s.queue, itemId);
  else {
    stmt(db, 'UPDATE items SET risk = ?, queue = ? WHERE id = ?').run(s.risk, s.queue, itemId);
    setPriority(db, itemId, s.priority);
  }
  // Into or out of a spam or fake queue: the type (and the action it needs) follows.
  if (s.queue !== r.queue && (detectionType(s.queue) || detectionType(r.queue))) reclassify(db, itemId);
}

/** Risk, priority and queue from an item's scores. */
export function settled(r: SettleInput, scores: Scores, thresholds: Thresholds): { risk: number; priority: number; queue: string } {
  const risk = riskOf(scores);
  const priority = priorityKey(r.kind, adjustedFollowers(r.followers, r.share), urgencyFrom(r), risk, r.route_boost);
  // Decided items stay in the queue they were decided in: that is where an audit looks for them.
  // Detection queues win over a rule's queue; below every threshold the item goes back to it.
  const ruled = r.route_queue ?? null;
  const queue = r.status === 'new' && (routable(r.queue) || r.queue === ruled) ? routeOf(r.kind, scores, thresholds, ruled) : r.queue;
  return { risk, priority, queue };
}

/**
 * Routes every waiting item again after thresholds changed. Only items some threshold can
 * concern are read: those with a score at or above the lowest threshold, or already in a
 * detection queue.
 */
export function rerouteAll(db: Database, thresholds: Thresholds): number {
  const lowest = Math.min(...Object.values(thresholds));
  const ids = stmt<[number], { id: number }>(
    db,
    `SELECT id FROM items WHERE status = 'new' AND risk >= ?
     UNION SELECT id FROM items WHERE status = 'new' AND queue IN ('spam-waves', 'fake-reviews', 'fake-accounts', 'spam')`,
  ).all(lowest);
  db.transaction(() => {
    for (const { id } of ids) settleItem(db, id, thresholds);
  })();
  return ids.length;
}

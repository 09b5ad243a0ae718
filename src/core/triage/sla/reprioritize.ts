// Priority from scratch for items whose SLA due moved: kind, the author's reach without bought
// followers, detection risk, and urgency counted from the next due (queue/priority.ts).
import { setPriority } from '../../queue/order';
import type { Database } from 'better-sqlite3';
import type { ItemKind } from '../../../shared/model';
import { stmt } from '../../db/statements';
import { adjustedFollowers, priorityKey, urgencyFrom } from '../../queue/priority';

export interface PriorityInput {
  kind: ItemKind;
  created_at: number | null;
  imported_at: number;
  sla_due: number | null;
  risk: number;
  followers: number | null;
  share: number | null;
  /** A routing rule's multiplier (1: none). */
  route_boost: number;
}

export const PRIORITY_INPUT_SQL = `i.kind, i.created_at, i.imported_at, o.sla_due, i.risk, i.route_boost, a.followers, a.fake_follower_share AS share`;

export function priorityOf(r: PriorityInput): number {
  return priorityKey(r.kind, adjustedFollowers(r.followers, r.share), urgencyFrom(r), r.risk, r.route_boost);
}

export function reprioritize(db: Database, itemId: number): void {
  const r = stmt<[number], PriorityInput & { priority: number }>(
    db,
    `SELECT ${PRIORITY_INPUT_SQL}, o.priority FROM items i JOIN item_order o ON o.id = i.id LEFT JOIN accounts a ON a.id = i.author_id WHERE i.id = ?`,
  ).get(itemId);
  if (!r) return;
  const p = priorityOf(r);
  if (p !== r.priority) setPriority(db, itemId, p);
}

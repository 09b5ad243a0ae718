// A reply meets the first-response target: the item's next due becomes its resolution due,
// and its priority, which counts urgency from that due, moves with it. An undone reply puts
// the first-response due back.
import type { Database } from 'better-sqlite3';
import { stmt } from '../../db/statements';
import { reprioritize } from './reprioritize';

export function firstResponseMet(db: Database, itemId: number, firstReplyAt: number | null): void {
  const r = stmt<[number], { first_response_at: number | null; first_response_due: number | null; resolution_due: number | null }>(
    db,
    'SELECT first_response_at, first_response_due, resolution_due FROM item_order WHERE id = ?',
  ).get(itemId);
  if (!r || r.first_response_at === firstReplyAt) return;
  const due = firstReplyAt === null ? r.first_response_due : r.resolution_due;
  // items holds when it was answered; its ordering row copies it (0026) and holds the due.
  stmt(db, 'UPDATE items SET first_response_at = ? WHERE id = ?').run(firstReplyAt, itemId);
  stmt(db, 'UPDATE item_order SET sla_due = ? WHERE id = ?').run(due, itemId);
  reprioritize(db, itemId);
}

// Opening an item from elsewhere (a similar case, a note): the queue view that shows it and
// where it stands there. The view is its own queue and status in priority order, so it holds
// the item whatever filter was on screen, and its place is one count along that view's index.
import type { Database } from 'better-sqlite3';
import { VigilFailure } from '../../shared/errors';
import type { QueueFilter, QueueRow } from '../../shared/model';
import { stmt } from '../db/statements';
import { ROW_COLUMNS, toQueueRow, type RowRecord } from './query';

export interface Located {
  row: QueueRow;
  filter: QueueFilter;
  index: number;
}

export const LOCATE_SQL =
  'SELECT count(*) AS n FROM item_order WHERE queue = ? AND status = ? AND (priority > ? OR (priority = ? AND id < ?))';

export function locateItem(db: Database, itemId: number): Located {
  const r = stmt<[number], RowRecord>(
    db,
    `SELECT ${ROW_COLUMNS} FROM items i JOIN item_order o ON o.id = i.id LEFT JOIN accounts a ON a.id = i.author_id WHERE i.id = ?`,
  ).get(itemId);
  if (!r) throw new VigilFailure('not_found', `There is no item ${itemId}.`, { itemId });
  // Rows before it in the view's order (priority DESC, id): a range on item_order_queue_status_priority.
  const before = stmt<[string, string, number, number, number], { n: number }>(db, LOCATE_SQL).get(
    r.queue,
    r.status,
    r.priority,
    r.priority,
    r.id,
  )!.n;
  return { row: toQueueRow(r), filter: { queue: r.queue, status: r.status }, index: before };
}

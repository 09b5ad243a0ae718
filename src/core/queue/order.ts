// An item's priority is written in one place: its ordering row (migration 0026) and, for a
// labelled item, the copies the label views walk. No trigger does the second: a trigger on
// every priority write cost a business-hours change ~200 ms at 100,000 items even for the
// unlabelled ones (the SLA recompute writes labelled items' copies itself).
import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';

export function setPriority(db: Database, itemId: number, priority: number): void {
  stmt(db, 'UPDATE item_order SET priority = ? WHERE id = ?').run(priority, itemId);
  stmt(db, 'UPDATE item_labels SET priority = ? WHERE item_id = ?').run(priority, itemId);
}

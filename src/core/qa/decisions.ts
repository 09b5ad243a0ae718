// The decisions quality review works on, as the log records them: who made one is its author
// of record (the server's, once it has spoken), and the decisions in force (accepted or not
// yet answered, not undone) are the rows of qa_decisions, kept by the projection.
import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';

/** The author of record of the event aliased e (its sync row s). */
export const authorSql = 'coalesce(s.author, e.actor)';

/** The item of a decision in force, by its event id, or undefined. */
export function itemOfDecision(db: Database, id: string): number | undefined {
  return stmt<[string], { itemId: number }>(db, 'SELECT item_id AS itemId FROM qa_decisions WHERE event_id = ?').get(id)?.itemId;
}

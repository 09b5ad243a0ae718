// The decisions quality review works on, read from the log: accepted (or not yet answered)
// decisions that no counting undo cancelled, with who made them (the server's author of record
// once it has spoken) and the queue they were made in (a decided item stays in it).
import type { Database } from 'better-sqlite3';
import { DECISION_ACTIONS } from '../../shared/model';
import { stmt } from '../db/statements';
import { undoneSql } from '../decisions/undone';

export const DECISIONS_IN = `(${DECISION_ACTIONS.map((a) => `'${a}'`).join(', ')})`;

/** FROM and WHERE over decisions in force, `e` the event, `i` its item, `s` its sync row. */
export const decisionsInForce = `events e
  JOIN items i ON i.id = e.item_id
  LEFT JOIN event_sync s ON s.event_id = e.id
  WHERE e.action IN ${DECISIONS_IN} AND (s.status IS NULL OR s.status = 'accepted') AND NOT ${undoneSql('e')}`;

/** The author of record of the event aliased e (its sync row s). */
export const authorSql = 'coalesce(s.author, e.actor)';

export interface DecisionRow {
  id: string;
  itemId: number;
  action: string;
  by: string;
  queue: string;
  at: number;
}

/** One decision in force by its event id, or undefined. */
export function decisionOf(db: Database, id: string): DecisionRow | undefined {
  return stmt<[string], DecisionRow>(
    db,
    `SELECT e.id, e.item_id AS itemId, e.action, ${authorSql} AS by, i.queue, e.created_at AS at FROM ${decisionsInForce} AND e.id = ?`,
  ).get(id);
}

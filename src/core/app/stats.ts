import type { Database } from 'better-sqlite3';
import { DECISION_ACTIONS, type ItemKind, type ItemStatus, type Stats } from '../../shared/model';
import { stmt } from '../db/statements';
import { undoneSql } from '../decisions/undone';

// A fixed list from the model, not input: safe to write into the SQL text.
const SETTLING = DECISION_ACTIONS.map((a) => `'${a}'`).join(', ');

export function stats(db: Database): Stats {
  const byStatus: Partial<Record<ItemStatus, number>> = {};
  let items = 0;
  for (const r of stmt<[], { status: ItemStatus; n: number }>(db, 'SELECT status, sum(n) AS n FROM queue_counts GROUP BY status').all()) {
    if (r.n > 0) byStatus[r.status] = r.n;
    items += r.n;
  }
  const byKind: Partial<Record<ItemKind, number>> = {};
  for (const r of stmt<[], { kind: ItemKind; n: number }>(db, 'SELECT kind, count(*) AS n FROM items GROUP BY kind').all()) {
    byKind[r.kind] = r.n;
  }
  const one = (sql: string) => stmt<[], { n: number }>(db, sql).get()!.n;
  return {
    items,
    accounts: one('SELECT count(*) AS n FROM accounts'),
    follows: one('SELECT count(*) AS n FROM follows'),
    byStatus,
    byKind,
    // Decisions in force: settling events that no later undo cancelled.
    decisions: one(
      `SELECT count(*) AS n FROM events e WHERE e.action IN (${SETTLING})
         AND NOT ${undoneSql()}`,
    ),
    events: one('SELECT count(*) AS n FROM events'),
    outbox: one('SELECT count(*) AS n FROM outbox'),
  };
}

/** Nothing imported yet: the app shows its empty state rather than an empty queue. */
export function holdsNoItems(db: Database): boolean {
  return stmt(db, 'SELECT 1 FROM items LIMIT 1').get() === undefined;
}

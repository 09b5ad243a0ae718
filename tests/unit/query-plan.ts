// What SQLite says it will do for a statement (EXPLAIN QUERY PLAN), for the tests that hold a
// read to its index: no full scan, no temporary sort.
import type { Database } from 'better-sqlite3';

/** The plan's steps, one detail a step, in order. */
export function planRows(db: Database, sql: string, params: unknown[] = []): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

/** The plan as one text, a step a line. */
export function plan(db: Database, sql: string, params: unknown[] = []): string {
  return planRows(db, sql, params).join('\n');
}

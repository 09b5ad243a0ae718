// One step of a server store's schema, as the workstation numbers its own: each store keeps a
// list of these (sqlite.ts, pg.ts) with the same numbers and names, each written for its own
// database, and run.ts applies the steps a database lacks, each in one transaction.
import type { Database } from 'better-sqlite3';
import type pg from 'pg';

export interface ServerMigration<Db, Done = void> {
  /** What the store records once the step is applied (SQLite: `user_version`; PostgreSQL: a server_migrations row). */
  version: number;
  name: string;
  /** Runs inside the step's own transaction; throwing rolls it back whole. */
  up(db: Db): Done;
}

export type SqliteMigration = ServerMigration<Database>;
export type PgMigration = ServerMigration<pg.ClientBase, Promise<void>>;

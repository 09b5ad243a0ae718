import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Becomes the database's `user_version` once applied. */
  version: number;
  name: string;
  /** Runs inside the migration's own transaction; throwing rolls it back whole. */
  up(db: Database): void;
}

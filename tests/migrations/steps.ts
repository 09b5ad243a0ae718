// Opening a database at an older schema and moving it forward one migration, as an older
// Vigil and then a newer one would.
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { openDatabase } from '../../src/core/db/open';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { onCleanup, tempDir } from '../unit/helpers';

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** A file database at schema `version` (migrations 1..version applied). */
export function openAt(version: number, file = join(tempDir(), 'vigil.db')): { db: Database; file: string } {
  const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, version) });
  onCleanup(() => db.open && db.close());
  return { db, file };
}

/** Closes `db` and reopens its file with migrations up to `version`. */
export function reopenAt(db: Database, file: string, version: number): Database {
  db.close();
  const next = openDatabase(file, { migrations: MIGRATIONS.slice(0, version) });
  onCleanup(() => next.open && next.close());
  return next;
}

export function objectNames(db: Database, type: 'table' | 'index' | 'trigger'): string[] {
  return db.prepare('SELECT name FROM sqlite_schema WHERE type = ? ORDER BY name').pluck().all(type) as string[];
}

export function columns(db: Database, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[];
}

let n = 0;
/** Inserts an item straight into the table, as the store of that schema version would have. */
export function rawItem(
  db: Database,
  more: {
    queue?: string;
    kind?: string;
    status?: string;
    text?: string;
    priority?: number;
    platform?: string;
    authorId?: number | null;
  } = {},
): number {
  n++;
  const info = db
    .prepare(
      `INSERT INTO items (platform, external_id, kind, author_id, created_at, text, queue, priority, status, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      more.platform ?? 'x',
      `raw-${n}`,
      more.kind ?? 'mention',
      more.authorId ?? null,
      1_700_000_000_000 + n,
      more.text ?? `raw item ${n}`,
      more.queue ?? 'mentions',
      more.priority ?? -n,
      more.status ?? 'new',
      1_700_000_000_000,
    );
  return Number(info.lastInsertRowid);
}

export function rawAccount(db: Database, externalId: string, followers = 10): number {
  const info = db
    .prepare('INSERT INTO accounts (platform, external_id, handle, followers, imported_at) VALUES (?, ?, ?, ?, ?)')
    .run('x', externalId, `h_${externalId}`, followers, 1_700_000_000_000);
  return Number(info.lastInsertRowid);
}

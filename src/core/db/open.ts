import BetterSqlite3, { type Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { VigilFailure } from '../../shared/errors';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string | undefined;
  /** Migrations to apply; tests pass a prefix to stop at an older version. */
  migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) a Vigil database and brings it to the current schema.
 * Refuses, without touching it, a database written by a newer Vigil.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  let db: Database;
  try {
    db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (e) {
    throw new VigilFailure('db_open_failed', `Cannot open the database at ${file}: ${(e as Error).message}`);
  }
  try {
    // Before any pragma: switching the journal to WAL rewrites the header of a newer file.
    refuseNewer(db, options.migrations ?? MIGRATIONS);
    configure(db, file);
    writeLockFirst(db);
    migrate(db, options.migrations ?? MIGRATIONS);
    ensureClientId(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function configure(db: Database, file: string): void {
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  // FULL: a decision is on disk (WAL fsynced) before the call that made it returns.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  db.pragma('mmap_size = 268435456');
}

/**
 * Every transaction takes the write lock when it begins (BEGIN IMMEDIATE) instead of at its
 * first write. The file has other writers: the scoring worker, the command line. A deferred
 * transaction that read first and then writes after another connection committed fails at once
 * (SQLITE_BUSY_SNAPSHOT, no waiting); an immediate one waits its turn (busy_timeout) and then
 * reads and writes what is current. Nested calls stay savepoints, as before.
 */
function writeLockFirst(db: Database): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<Database['transaction']>[0]) => {
    const t = transaction(fn);
    const run = function (this: unknown, ...args: unknown[]) {
      return (t.immediate as (...a: unknown[]) => unknown).apply(this, args);
    };
    const variant = (value: unknown) => ({ value, enumerable: true });
    return Object.defineProperties(run, {
      default: variant(run),
      deferred: variant(t.deferred),
      immediate: variant(t.immediate),
      exclusive: variant(t.exclusive),
      database: variant(db),
    });
  }) as Database['transaction'];
}

export function schemaVersionOf(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function refuseNewer(db: Database, migrations: readonly Migration[]): number {
  const current = schemaVersionOf(db);
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  if (current > SCHEMA_VERSION || current > latest) {
    throw new VigilFailure(
      'db_too_new',
      `This database was written by a newer version of Vigil (schema ${current}; this version knows up to ${latest}). ` +
        'Update Vigil, or point it at another data folder with VIGIL_DATA_DIR.',
      { schemaVersion: current, supported: latest },
    );
  }
  return current;
}

export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = refuseNewer(db, migrations);
  for (const m of migrations) {
    if (m.version <= current) continue;
    // One transaction per migration: a failure leaves the database at the previous version.
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

function ensureClientId(db: Database): void {
  db.prepare("INSERT INTO meta (key, value) VALUES ('client_id', ?) ON CONFLICT (key) DO NOTHING").run(randomUUID());
}

export function metaGet(db: Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

// The one way a server store's schema moves forward: the steps a database lacks, in order, each
// in its own transaction with the record of it, so that a failure leaves the database at the
// step before. Each store only says where it records its version: SQLite in `user_version`
// (as the workstation does), PostgreSQL in server_migrations, whose rows several server
// processes sharing the database can all read.
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { PG_MIGRATIONS } from './pg';
import { SQLITE_MIGRATIONS } from './sqlite';
import type { PgMigration, ServerMigration, SqliteMigration } from './types';

/** The steps a database at `current` lacks, up to `upTo`, in order. A list not numbered 1, 2, 3… is a mistake in the code: refused before anything runs. */
export function pendingSteps<M extends ServerMigration<unknown, unknown>>(list: readonly M[], current: number, upTo = Infinity): M[] {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`server migration ${m.name} is numbered ${m.version}; it is step ${i + 1} of its list`);
  });
  return list.filter((m) => m.version > current && m.version <= upTo);
}

/**
 * A database a newer server has moved past the last step this one knows is refused before
 * anything touches it: this code would misread tables it does not know, and its writes could
 * break what the newer server relies on.
 */
export function refuseNewer(current: number, list: readonly ServerMigration<unknown, unknown>[]): void {
  if (current > list.length) {
    throw new Error(
      `This database was written by a newer Vigil server (schema ${current}; this server knows up to ${list.length}). ` +
        'Run the newer server, or give this one another database.',
    );
  }
}

/**
 * Applies each step with its record in one transaction (`apply`): synchronously where the
 * database answers at once (SQLite), one after another where it answers later (PostgreSQL).
 */
function runMigrations<Db, Done extends void | Promise<void>>(
  list: readonly ServerMigration<Db, Done>[],
  current: number,
  upTo: number,
  apply: (m: ServerMigration<Db, Done>) => Done,
): Done {
  refuseNewer(current, list);
  const todo = pendingSteps(list, current, upTo);
  const from = (i: number): void | Promise<void> => {
    if (i === todo.length) return;
    const done = apply(todo[i]!);
    return done instanceof Promise ? done.then(() => from(i + 1)) : from(i + 1);
  };
  return from(0) as Done;
}

/** Brings a SQLite store's database up to `upTo` (by default, the newest step). */
export function migrateSqlite(db: Database, upTo = Infinity, list: readonly SqliteMigration[] = SQLITE_MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  // Off outside the transactions (it cannot change inside one), so a step can rebuild a table;
  // the references are checked before each step commits.
  db.pragma('foreign_keys = OFF');
  try {
    runMigrations(list, current, upTo, (m) =>
      db.transaction(() => {
        m.up(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length) throw new Error(`server migration ${m.version} (${m.name}) would break ${broken.length} references`);
        db.pragma(`user_version = ${m.version}`);
      })(),
    );
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
}

/** Brings a PostgreSQL store's database up to `upTo`, on a connection outside any transaction (the caller holds the setup lock). */
export async function migratePg(c: pg.ClientBase, upTo = Infinity, list: readonly PgMigration[] = PG_MIGRATIONS): Promise<void> {
  await c.query(
    'CREATE TABLE IF NOT EXISTS server_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
  );
  const current = Number((await c.query<{ v: number | null }>('SELECT max(version) AS v FROM server_migrations')).rows[0]!.v ?? 0);
  await runMigrations(list, current, upTo, async (m) => {
    await c.query('BEGIN');
    try {
      await m.up(c);
      await c.query('INSERT INTO server_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  });
}

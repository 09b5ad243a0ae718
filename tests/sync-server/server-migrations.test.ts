// The server's numbered schema steps, on each store: both stores keep one history (the same
// numbers and names), the runner applies each step once in its own transaction, every step
// makes exactly what it says on both stores, a database at any earlier step upgrades in place
// when a store opens it, and the steps that move data keep it: users and sessions through the
// connector role (step 2), acknowledgements numbered in the server order (step 5), sign-in
// counts and device tokens (step 6), the author of record (step 7), the verifiable log (step 8).
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_MIGRATIONS } from '../../src/sync-server/store/migrations/pg';
import { migratePg, migrateSqlite } from '../../src/sync-server/store/migrations/run';
import { SQLITE_MIGRATIONS } from '../../src/sync-server/store/migrations/sqlite';
import type { PgMigration, SqliteMigration } from '../../src/sync-server/store/migrations/types';
import { openPgStore } from '../../src/sync-server/store/pg-store';
import { openSqliteStore } from '../../src/sync-server/store/sqlite-store';
import { onCleanup, tempDir } from '../unit/helpers';
import { plan } from '../unit/query-plan';
import { pgCluster, stopCluster, storeKinds } from './helpers';

const kinds = await storeKinds();
const noPg = kinds[1]!.skip !== null;
afterAll(() => stopCluster());

const LATEST = SQLITE_MIGRATIONS.length;

/** A new SQLite store's database brought to step `upTo` (0: empty), open until the test ends. */
function sqliteAt(upTo: number): { dir: string; db: Database.Database } {
  const dir = tempDir('vigil-server-');
  const db = new Database(join(dir, 'vigil-server.db'));
  db.pragma('foreign_keys = ON');
  onCleanup(() => db.close());
  migrateSqlite(db, upTo);
  return { dir, db };
}

/** A new PostgreSQL database brought to step `upTo` (0: empty, but for the record of steps), and one connection to it, ended after the test. */
async function pgAt(upTo: number): Promise<{ url: string; c: pg.Client }> {
  const cluster = await pgCluster();
  if (typeof cluster === 'string') throw new Error(cluster);
  const url = await cluster.createDatabase();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  onCleanup(() => void c.end());
  await migratePg(c, upTo);
  return { url, c };
}

const pgVersion = async (c: pg.Client) =>
  (await c.query<{ version: number; name: string }>('SELECT version, name FROM server_migrations ORDER BY version')).rows;

/** Tables with their columns in order, and the indexes made by name (not those a key or constraint makes). */
interface Schema {
  tables: Map<string, string[]>;
  indexes: Set<string>;
}

function sqliteSchema(db: Database.Database): Schema {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return {
    tables: new Map(tables.map((t) => [t, db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(t) as string[]])),
    indexes: new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").pluck().all() as string[]),
  };
}

async function pgSchema(c: pg.Client): Promise<Schema> {
  const columns = await c.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name != 'server_migrations' ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const r of columns.rows) tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r.column_name]);
  const indexes = await c.query<{ indexname: string }>(
    "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT IN (SELECT conname FROM pg_constraint)",
  );
  return { tables, indexes: new Set(indexes.rows.map((r) => r.indexname)) };
}

interface Change {
  /** New tables, with their columns. */
  tables?: Record<string, string[]>;
  /** Columns added to tables there before. */
  columns?: Record<string, string[]>;
  indexes?: string[];
  dropped?: string[];
}

function changeOf(before: Schema, after: Schema): Required<Change> {
  const change: Required<Change> = { tables: {}, columns: {}, indexes: [], dropped: [] };
  for (const [t, cols] of after.tables) {
    const was = before.tables.get(t);
    if (!was) change.tables[t] = cols;
    else if (cols.join() !== was.join()) change.columns[t] = cols.filter((x) => !was.includes(x));
  }
  for (const t of before.tables.keys()) if (!after.tables.has(t)) change.dropped.push(t);
  change.indexes = [...after.indexes].filter((i) => !before.indexes.has(i)).sort();
  change.dropped.push(...[...before.indexes].filter((i) => !after.indexes.has(i)));
  return change;
}

/** What each step makes, on both stores unless the store's own entry says otherwise. */
const MAKES: Record<number, Change & { sqlite?: Change; postgres?: Change }> = {
  1: {
    tables: {
      users: ['id', 'name', 'role', 'password_hash', 'disabled', 'created_at'],
      sessions: ['token_hash', 'user_id', 'created_at', 'expires_at', 'revoked_at'],
      events: [
        'seq',
        'id',
        'client_id',
        'client_seq',
        'platform',
        'external_id',
        'action',
        'base_version',
        'status',
        'reason',
        'body',
        'user_id',
        'received_at',
      ],
      item_heads: ['platform', 'external_id', 'version'],
    },
    indexes: ['events_client_seq', 'events_item'],
  },
  2: { tables: { content: ['seq', 'type', 'platform', 'external_id', 'body', 'user_id', 'ingested_at'] } },
  3: { tables: { leases: ['platform', 'external_id', 'holder', 'granted_at', 'until'] }, indexes: ['leases_live'] },
  4: {
    tables: { outbound_acks: ['event_id', 'status', 'reason', 'posted_id', 'user_id', 'acked_at'] },
    indexes: ['events_outbound', 'events_undo_target'],
  },
  // SQLite's seq is UNIQUE in the rebuilt table (an index of its own, without a name of ours).
  5: { columns: { outbound_acks: ['seq'] }, postgres: { columns: { outbound_acks: ['seq'] }, indexes: ['outbound_acks_seq'] } },
  6: {
    tables: { sign_in_failures: ['key', 'failures', 'last_at'], devices: ['token_hash', 'user_id', 'created_at', 'used_at'] },
    indexes: ['devices_used', 'sign_in_failures_last'],
  },
  7: {
    columns: { events: ['by_name', 'role', 'undo_of'] },
    tables: { clients: ['client_id', 'user_id', 'first_seen'] },
    indexes: ['events_undone'],
    dropped: ['events_undo_target'],
  },
  8: {
    columns: { events: ['leaf', 'leaf_hash'] },
    tables: { log_nodes: ['level', 'idx', 'hash'], log_checkpoints: ['size', 'root', 'signed_at', 'note'], log_meta: ['key', 'value'] },
    indexes: ['events_leaf'],
  },
};

const expected = (version: number, store: 'sqlite' | 'postgres'): Required<Change> => {
  const m = MAKES[version]!;
  const own = m[store] ?? m;
  return { tables: own.tables ?? {}, columns: own.columns ?? {}, indexes: [...(own.indexes ?? [])].sort(), dropped: own.dropped ?? [] };
};

describe('one schema history on both stores', () => {
  it('numbers the steps 1, 2, 3… with the same names on SQLite and PostgreSQL, and says what every step makes', () => {
    expect(SQLITE_MIGRATIONS.map((m) => m.version)).toEqual(SQLITE_MIGRATIONS.map((_, i) => i + 1));
    expect(PG_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(SQLITE_MIGRATIONS.map((m) => [m.version, m.name]));
    expect(Object.keys(MAKES).map(Number)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
  });
});

describe('the runner', () => {
  const good = { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' };
  const broken = { version: 2, name: 'b', sql: 'CREATE TABLE b (x INTEGER)' };

  it('on SQLite: a step that fails leaves the database at the step before, with nothing of the failed step', () => {
    const { db } = sqliteAt(0);
    const list: SqliteMigration[] = [
      { version: good.version, name: good.name, up: (d) => d.exec(good.sql) },
      {
        version: broken.version,
        name: broken.name,
        up: (d) => {
          d.exec(broken.sql);
          throw new Error('step 2 fails');
        },
      },
    ];
    expect(() => migrateSqlite(db, Infinity, list)).toThrow('step 2 fails');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(sqliteSchema(db).tables.has('a')).toBe(true);
    expect(sqliteSchema(db).tables.has('b')).toBe(false);
    // The foreign keys the connection enforced are enforced again.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('on SQLite: refuses a list whose numbers skip or repeat, before running any of it', () => {
    const { db } = sqliteAt(0);
    const list: SqliteMigration[] = [
      { version: 1, name: 'a', up: (d) => d.exec(good.sql) },
      { version: 3, name: 'c', up: (d) => d.exec(broken.sql) },
    ];
    expect(() => migrateSqlite(db, Infinity, list)).toThrow(/server migration c is numbered 3; it is step 2/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(sqliteSchema(db).tables.size).toBe(0);
  });

  it('on SQLite: a database at the newest step is left as it is', () => {
    const { db } = sqliteAt(Infinity);
    const before = sqliteSchema(db);
    migrateSqlite(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(changeOf(before, sqliteSchema(db))).toEqual({ tables: {}, columns: {}, indexes: [], dropped: [] });
  });

  it('on SQLite: a store refuses a database a newer server wrote, and leaves the file as it was', () => {
    const dir = tempDir('vigil-server-');
    const file = join(dir, 'vigil-server.db');
    const newer = new Database(file);
    migrateSqlite(newer);
    newer.pragma(`user_version = ${LATEST + 1}`);
    newer.close();
    const before = readFileSync(file);
    expect(() => openSqliteStore(dir)).toThrow(`written by a newer Vigil server (schema ${LATEST + 1}; this server knows up to ${LATEST})`);
    // Not even switched to WAL: the header says what a newer server left.
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it.skipIf(noPg)('on PostgreSQL: refuses a database a newer server moved past the last step it knows, running nothing', async () => {
    const { c } = await pgAt(Infinity);
    await c.query('INSERT INTO server_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [LATEST + 1, 'from the future', 0]);
    const before = await pgSchema(c);
    await expect(migratePg(c)).rejects.toThrow(`schema ${LATEST + 1}; this server knows up to ${LATEST}`);
    expect(changeOf(before, await pgSchema(c))).toEqual({ tables: {}, columns: {}, indexes: [], dropped: [] });
  });

  it.skipIf(noPg)('on PostgreSQL: a step that fails leaves the database at the step before, with nothing of the failed step', async () => {
    const { c } = await pgAt(0);
    const list: PgMigration[] = [
      { version: good.version, name: good.name, up: async (x) => void (await x.query(good.sql)) },
      {
        version: broken.version,
        name: broken.name,
        up: async (x) => {
          await x.query(broken.sql);
          throw new Error('step 2 fails');
        },
      },
    ];
    await expect(migratePg(c, Infinity, list)).rejects.toThrow('step 2 fails');
    expect(await pgVersion(c)).toEqual([{ version: 1, name: 'a' }]);
    expect([...(await pgSchema(c)).tables.keys()]).toEqual(['a']);
  });

  it.skipIf(noPg)(
    'on PostgreSQL: refuses a list whose numbers skip or repeat, and leaves a database at the newest step as it is',
    async () => {
      const { c } = await pgAt(Infinity);
      const before = await pgSchema(c);
      await expect(migratePg(c, Infinity, [...PG_MIGRATIONS, { version: LATEST, name: 'again', up: async () => {} }])).rejects.toThrow(
        /numbered \d+; it is step \d+/,
      );
      await migratePg(c);
      expect((await pgVersion(c)).map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      expect(changeOf(before, await pgSchema(c))).toEqual({ tables: {}, columns: {}, indexes: [], dropped: [] });
    },
  );
});

describe('each step makes what it says, once, and is recorded', () => {
  for (const m of SQLITE_MIGRATIONS) {
    it(`step ${m.version} (${m.name}) on SQLite`, () => {
      const { db } = sqliteAt(m.version - 1);
      const before = sqliteSchema(db);
      migrateSqlite(db, m.version);
      expect(db.pragma('user_version', { simple: true })).toBe(m.version);
      expect(changeOf(before, sqliteSchema(db))).toEqual(expected(m.version, 'sqlite'));
      expect(db.pragma('foreign_key_check')).toEqual([]);
    });
  }
  for (const m of PG_MIGRATIONS) {
    it.skipIf(noPg)(`step ${m.version} (${m.name}) on PostgreSQL`, async () => {
      const { c } = await pgAt(m.version - 1);
      const before = await pgSchema(c);
      await migratePg(c, m.version);
      expect((await pgVersion(c)).map((r) => r.version)).toEqual(PG_MIGRATIONS.filter((x) => x.version <= m.version).map((x) => x.version));
      expect(changeOf(before, await pgSchema(c))).toEqual(expected(m.version, 'postgres'));
    });
  }
});

describe('a database at any earlier step upgrades in place when a store opens it', () => {
  for (let at = 1; at < LATEST; at++) {
    it(`from step ${at} on SQLite`, async () => {
      const { dir, db } = sqliteAt(at);
      db.prepare("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1)").run();
      db.close();
      const store = openSqliteStore(dir);
      onCleanup(() => store.close());
      expect(await store.userByName('ana')).toMatchObject({ id: 7, role: 'moderator' });
      const after = new Database(join(dir, 'vigil-server.db'));
      onCleanup(() => after.close());
      expect(after.pragma('user_version', { simple: true })).toBe(LATEST);
    });

    it.skipIf(noPg)(`from step ${at} on PostgreSQL`, async () => {
      const { url, c } = await pgAt(at);
      await c.query("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1)");
      const store = await openPgStore(url);
      onCleanup(() => void store.close());
      expect(await store.userByName('ana')).toMatchObject({ id: 7, role: 'moderator' });
      expect((await pgVersion(c)).map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    });
  }

  it.skipIf(noPg)(
    'on PostgreSQL, from the first step made before steps were recorded: recorded as step 1, then moved forward, once',
    async () => {
      const cluster = await pgCluster();
      if (typeof cluster === 'string') throw new Error(cluster);
      const url = await cluster.createDatabase();
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      onCleanup(() => void pool.end());
      const raw = await pool.connect();
      await PG_MIGRATIONS[0]!.up(raw);
      raw.release();
      await pool.query("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1)");
      await expect(
        pool.query("INSERT INTO users (name, role, password_hash, created_at) VALUES ('bot', 'connector', 'h', 1)"),
      ).rejects.toThrow(/users_role_check/);
      for (let i = 0; i < 2; i++) {
        const store = await openPgStore(url);
        if (i === 0) expect((await store.addUser('bot', 'connector', 'h', 1)).role).toBe('connector');
        expect(await store.userByName('ana')).toMatchObject({ id: 7, role: 'moderator' });
        await store.close();
      }
      expect(
        (await pool.query('SELECT version FROM server_migrations ORDER BY version')).rows.map((r: { version: number }) => r.version),
      ).toEqual(PG_MIGRATIONS.map((m) => m.version));
    },
  );
});

describe('server migration 2: the connector role', () => {
  it('on SQLite: rebuilds users with the connector role, keeping users and their sessions', async () => {
    const { dir, db: raw } = sqliteAt(1);
    raw.prepare("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1)").run();
    raw.prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('t', 7, 1, 2)").run();
    expect(() =>
      raw.prepare("INSERT INTO users (name, role, password_hash, created_at) VALUES ('bot', 'connector', 'h', 1)").run(),
    ).toThrow(/CHECK/);
    raw.close();
    const store = openSqliteStore(dir);
    onCleanup(() => store.close());
    expect(await store.session('t')).toMatchObject({ user: { id: 7, name: 'ana', role: 'moderator' } });
    expect((await store.addUser('bot', 'connector', 'h', 1)).role).toBe('connector');
    const db = new Database(join(dir, 'vigil-server.db'));
    onCleanup(() => db.close());
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'sessions'").pluck().get()).toMatch(/REFERENCES users/);
    expect(() => db.prepare("INSERT INTO users (name, role, password_hash, created_at) VALUES ('x', 'robot', 'h', 1)").run()).toThrow(
      /CHECK/,
    );
    // Step 4: the outbound queue's read walks its index.
    expect(plan(db, "SELECT seq FROM events WHERE action = 'reply' AND status = 'accepted' AND seq > 0 ORDER BY seq")).toContain(
      'events_outbound',
    );
  });

  it.skipIf(noPg)('on PostgreSQL: the same', async () => {
    const { url, c } = await pgAt(1);
    await c.query("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1)");
    await c.query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('t', 7, 1, 2)");
    const store = await openPgStore(url);
    onCleanup(() => void store.close());
    expect(await store.session('t')).toMatchObject({ user: { id: 7, name: 'ana', role: 'moderator' } });
    expect((await store.addUser('bot', 'connector', 'h', 1)).role).toBe('connector');
    await expect(c.query("INSERT INTO users (name, role, password_hash, created_at) VALUES ('x', 'robot', 'h', 1)")).rejects.toThrow(
      /users_role_check/,
    );
  });
});

/** Two replies and their acknowledgements as step 4 kept them, and an event after them. */
const STEP4_ROWS = {
  events: `INSERT INTO events (id, client_id, client_seq, platform, external_id, action, base_version, status, body, user_id, received_at) VALUES
    ('r1', 'c', 1, 'x', 'i1', 'reply', 0, 'accepted', '{}', 7, 1), ('r2', 'c', 2, 'x', 'i2', 'reply', 0, 'accepted', '{}', 7, 1), ('a3', 'c', 3, 'x', 'i3', 'approve', 0, 'accepted', '{}', 7, 1)`,
  acks: `INSERT INTO outbound_acks (event_id, status, reason, posted_id, user_id, acked_at) VALUES ('r2', 'sent', NULL, 'p', 7, 5), ('r1', 'failed', 'rate limited', NULL, 7, 9)`,
};

describe('server migration 5: acknowledgements numbered in the server order', () => {
  it('on SQLite: numbers the recorded ones after every event, in the order they came, and the next event after them', async () => {
    const { dir, db: raw } = sqliteAt(4);
    raw.prepare("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'feed', 'connector', 'h', 1)").run();
    raw.exec(STEP4_ROWS.events);
    raw.exec(STEP4_ROWS.acks);
    raw.close();
    const store = openSqliteStore(dir);
    onCleanup(() => store.close());
    expect(await store.head()).toBe(5);
    expect((await store.pullAcks(0, 5, 10)).map((a) => [a.seq, a.eventId, a.status, a.by])).toEqual([
      [4, 'r2', 'sent', 'feed'],
      [5, 'r1', 'failed', 'feed'],
    ]);
    const db = new Database(join(dir, 'vigil-server.db'));
    onCleanup(() => db.close());
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(plan(db, 'SELECT seq FROM outbound_acks WHERE seq > 0 AND seq <= 9 ORDER BY seq')).toMatch(
      /USING (COVERING )?INDEX sqlite_autoindex_outbound_acks/,
    );
    db.prepare(
      "INSERT INTO events (id, client_id, client_seq, platform, external_id, action, base_version, status, body, user_id, received_at) VALUES ('a4', 'c', 4, 'x', 'i4', 'approve', 0, 'accepted', '{}', 7, 1)",
    ).run();
    expect(db.prepare("SELECT seq FROM events WHERE id = 'a4'").pluck().get()).toBe(6);
  });

  it.skipIf(noPg)('on PostgreSQL: the same', async () => {
    const { url, c } = await pgAt(4);
    await c.query("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'feed', 'admin', 'h', 1)");
    await c.query(STEP4_ROWS.events);
    await c.query(STEP4_ROWS.acks);
    const store = await openPgStore(url);
    onCleanup(() => void store.close());
    expect(await store.head()).toBe(5);
    expect((await store.pullAcks(0, 5, 10)).map((a) => [a.seq, a.eventId, a.status, a.by])).toEqual([
      [4, 'r2', 'sent', 'feed'],
      [5, 'r1', 'failed', 'feed'],
    ]);
    expect(
      (
        await c.query(
          "INSERT INTO events (id, client_id, client_seq, platform, external_id, action, base_version, status, body, user_id, received_at) VALUES ('a4', 'c', 4, 'x', 'i4', 'approve', 0, 'accepted', '{}', 7, 1) RETURNING seq",
        )
      ).rows[0].seq,
    ).toBe('6');
  });
});

describe('server migration 6: sign-in counts and device tokens', () => {
  it('on SQLite: adds both tables beside the users, devices bound to a user, and the indexes pruning reads', async () => {
    const { dir, db: raw } = sqliteAt(5);
    raw.prepare("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1)").run();
    raw.close();
    const store = openSqliteStore(dir);
    onCleanup(() => store.close());
    await store.addDevice('d', 7, 10);
    expect(await store.deviceOwner('d')).toBe(7);
    expect(await store.takeSignInAttempt([{ key: 'k', wait: () => 0 }], 10)).toBeNull();
    const db = new Database(join(dir, 'vigil-server.db'));
    onCleanup(() => db.close());
    db.pragma('foreign_keys = ON');
    expect(db.prepare('SELECT key, failures, last_at FROM sign_in_failures').all()).toEqual([{ key: 'k', failures: 1, last_at: 10 }]);
    expect(() => db.prepare("INSERT INTO devices (token_hash, user_id, created_at, used_at) VALUES ('e', 99, 1, 1)").run()).toThrow(
      /FOREIGN KEY/,
    );
    expect(plan(db, 'DELETE FROM sign_in_failures WHERE last_at < 5')).toContain('sign_in_failures_last');
    expect(plan(db, 'DELETE FROM devices WHERE used_at < 5')).toContain('devices_used');
  });

  it.skipIf(noPg)('on PostgreSQL: the same', async () => {
    const { url, c } = await pgAt(5);
    await c.query("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1)");
    const store = await openPgStore(url);
    onCleanup(() => void store.close());
    await store.addDevice('d', 7, 10);
    expect(await store.deviceOwner('d')).toBe(7);
    expect(await store.takeSignInAttempt([{ key: 'k', wait: () => 0 }], 10)).toBeNull();
    expect((await c.query('SELECT key, failures, last_at FROM sign_in_failures')).rows).toEqual([{ key: 'k', failures: 1, last_at: '10' }]);
    await expect(c.query("INSERT INTO devices (token_hash, user_id, created_at, used_at) VALUES ('e', 99, 1, 1)")).rejects.toThrow(
      /devices_user_id_fkey/,
    );
  });
});

/** Events as step 5 kept them: ana's approve and her undo of it, and bo pushing with ana's client id (nothing stopped that then). */
const STEP5_ROWS = `INSERT INTO events (id, client_id, client_seq, platform, external_id, action, base_version, status, body, user_id, received_at) VALUES
  ('d1', 'ws-ana', 1, 'x', 'i1', 'approve', 0, 'accepted', '{"id":"d1","actor":"ana"}', 7, 10),
  ('u1', 'ws-ana', 2, 'x', 'i1', 'undo', 1, 'accepted', '{"id":"u1","undoOf":"d1","actor":"ana"}', 7, 11),
  ('b1', 'ws-ana', 3, 'x', 'i2', 'remove', 0, 'accepted', '{"id":"b1","actor":"sam"}', 8, 12)`;
const STEP5_USERS =
  "INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1), (8, 'bo', 'supervisor', 'h', 1)";

describe('server migration 7: the author of record, undo targets and client owners', () => {
  async function check(read: (sql: string) => Promise<unknown[]>): Promise<void> {
    expect(await read('SELECT id, by_name, role, undo_of FROM events ORDER BY seq')).toEqual([
      { id: 'd1', by_name: 'ana', role: 'moderator', undo_of: null },
      { id: 'u1', by_name: 'ana', role: 'moderator', undo_of: 'd1' },
      // The name the client wrote is not the author: bo pushed it.
      { id: 'b1', by_name: 'bo', role: 'supervisor', undo_of: null },
    ]);
    // A client id belongs to the first user who pushed with it.
    expect(await read('SELECT client_id, user_id FROM clients')).toEqual([{ client_id: 'ws-ana', user_id: expect.anything() }]);
    expect(String(((await read('SELECT user_id FROM clients'))[0] as { user_id: unknown }).user_id)).toBe('7');
  }

  it('on SQLite: fills them from the users and bodies, and "already undone?" is an index probe', async () => {
    const { db: raw } = sqliteAt(5);
    raw.exec(STEP5_USERS);
    raw.exec(STEP5_ROWS);
    migrateSqlite(raw);
    await check(async (sql) => raw.prepare(sql).all());
    expect(plan(raw, "SELECT id FROM events WHERE undo_of = 'd1' AND status = 'accepted'")).toContain('events_undone');
    expect(
      plan(
        raw,
        "SELECT id FROM events WHERE platform = 'x' AND external_id = 'i1' AND status = 'accepted' AND action IN ('case-take', 'case-handover')",
      ),
    ).toContain('events_item');
  });

  it.skipIf(noPg)('on PostgreSQL: the same', async () => {
    const { url, c } = await pgAt(5);
    await c.query(STEP5_USERS);
    await c.query(STEP5_ROWS);
    const store = await openPgStore(url);
    onCleanup(() => void store.close());
    await check(async (sql) => (await c.query(sql)).rows);
  });
});

describe('npm run server -- user add', () => {
  it('adds a connector', async () => {
    const dir = tempDir('vigil-server-');
    const run = promisify(execFile);
    const r = await run(process.execPath, ['--import', 'tsx', 'src/sync-server/main.ts', 'user', 'add', 'feed', '--role', 'connector'], {
      env: { ...process.env, VIGIL_SERVER_DATA_DIR: dir },
    });
    expect(r.stdout).toMatch(/^Added connector feed\. Password: \S+/);
    const store = openSqliteStore(dir);
    onCleanup(() => store.close());
    expect(await store.userByName('feed')).toMatchObject({ role: 'connector', disabled: false });
  }, 30_000);
});

describe('server migration 8: the verifiable log', () => {
  it('on SQLite: logs the events stored before it, in server order, when the store opens; its reads walk the index', async () => {
    const { dir, db: raw } = sqliteAt(7);
    raw.exec(STEP5_USERS);
    raw.exec(STEP5_ROWS);
    raw.exec('UPDATE events SET by_name = (SELECT u.name FROM users u WHERE u.id = events.user_id)');
    raw.close();
    const store = openSqliteStore(dir);
    onCleanup(() => store.close());
    expect((await store.log.entries(0, 10)).map((e) => [e.leaf, e.entry.id, e.entry.by])).toEqual([
      [0, 'd1', 'ana'],
      [1, 'u1', 'ana'],
      [2, 'b1', 'bo'],
    ]);
    expect((await store.log.head()).size).toBe(3);
    expect(await store.log.origin()).toMatch(/^vigil\/[0-9a-f]{16}$/);
    const db = new Database(join(dir, 'vigil-server.db'));
    onCleanup(() => db.close());
    expect(db.prepare('SELECT count(*) FROM events WHERE leaf_hash IS NOT NULL').pluck().get()).toBe(3);
    expect(db.prepare('SELECT count(*) FROM log_nodes').pluck().get()).toBe(1);
    expect(plan(db, 'SELECT max(leaf) AS leaf FROM events WHERE leaf IS NOT NULL')).toContain('events_leaf');
    expect(plan(db, 'SELECT leaf FROM events WHERE leaf >= 0 ORDER BY leaf LIMIT 10')).toContain('events_leaf');
    expect(plan(db, 'SELECT hash FROM log_nodes WHERE level = 1 AND idx = 0')).toMatch(/PRIMARY KEY|sqlite_autoindex_log_nodes/);
    expect(plan(db, 'SELECT leaf_hash FROM events WHERE leaf = 1')).toContain('events_leaf');
  });

  it.skipIf(noPg)('on PostgreSQL: the same', async () => {
    const { url, c } = await pgAt(7);
    await c.query(STEP5_USERS);
    await c.query(STEP5_ROWS);
    await c.query('UPDATE events e SET by_name = u.name FROM users u WHERE u.id = e.user_id');
    const store = await openPgStore(url);
    onCleanup(() => void store.close());
    expect((await store.log.entries(0, 10)).map((e) => [e.leaf, e.entry.id, e.entry.by])).toEqual([
      [0, 'd1', 'ana'],
      [1, 'u1', 'ana'],
      [2, 'b1', 'bo'],
    ]);
    expect((await store.log.head()).size).toBe(3);
    expect(await store.log.origin()).toMatch(/^vigil\/[0-9a-f]{16}$/);
  });
});

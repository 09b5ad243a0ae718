// The server's numbered schema steps on each store: a database made by the first step keeps
// its users and sessions and gains the connector role and the content table (step 2) and the
// claim leases (step 3), the outbound queue's acknowledgements (step 4), numbered in the server
// order (step 5), sign-in counts and device tokens (step 6), the author of record (step 7); and
// the command line adds a connector.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgStore, SCHEMA } from '../../src/server/store/pg-store';
import { PG_MIGRATIONS } from '../../src/server/store/pg-schema';
import { migrateServer, SERVER_MIGRATIONS } from '../../src/server/store/sqlite-schema';
import { openSqliteStore } from '../../src/server/store/sqlite-store';
import { onCleanup, tempDir } from '../unit/helpers';
import { plan } from '../unit/query-plan';
import { pgCluster, stopCluster, storeKinds } from './helpers';

const kinds = await storeKinds();
afterAll(() => stopCluster());

/** A new PostgreSQL database as the first step made it, and one connection to it, ended after the test. */
async function firstStepOnPg(): Promise<{ url: string; pool: pg.Pool }> {
  const c = await pgCluster();
  if (typeof c === 'string') throw new Error(c);
  const url = await c.createDatabase();
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  onCleanup(() => pool.end());
  await pool.query(SCHEMA);
  return { url, pool };
}

describe('server migrations 2 and 3 on SQLite: connectors, content, leases', () => {
  it('rebuilds users with the connector role, keeping users and their sessions', async () => {
    const dir = tempDir('vigil-server-');
    const raw = new Database(join(dir, 'vigil-server.db'));
    raw.pragma('foreign_keys = ON');
    migrateServer(raw, 1);
    raw.prepare("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1)").run();
    raw.prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('t', 7, 1, 2)").run();
    expect(() => raw.prepare("INSERT INTO users (name, role, password_hash, created_at) VALUES ('bot', 'connector', 'h', 1)").run()).toThrow(/CHECK/);
    raw.close();
    const store = openSqliteStore(dir);
    onCleanup(() => store.close());
    expect(await store.session('t')).toMatchObject({ user: { id: 7, name: 'ana', role: 'moderator' } });
    expect((await store.addUser('bot', 'connector', 'h', 1)).role).toBe('connector');
    const db = new Database(join(dir, 'vigil-server.db'));
    onCleanup(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(SERVER_MIGRATIONS[SERVER_MIGRATIONS.length - 1]!.version);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'sessions'").pluck().get()).toMatch(/REFERENCES users/);
    expect(() => db.prepare("INSERT INTO users (name, role, password_hash, created_at) VALUES ('x', 'robot', 'h', 1)").run()).toThrow(/CHECK/);
    expect(db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all('content')).toEqual(['seq', 'type', 'platform', 'external_id', 'body', 'user_id', 'ingested_at']);
    expect(db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all('leases')).toEqual(['platform', 'external_id', 'holder', 'granted_at', 'until']);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'leases' AND sql IS NOT NULL").pluck().all()).toEqual(['leases_live']);
    // Step 4: connectors' acknowledgements of replies, and the queue's index.
    expect(db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all('outbound_acks')).toEqual(['event_id', 'status', 'reason', 'posted_id', 'user_id', 'acked_at', 'seq']);
    expect(plan(db, "SELECT seq FROM events WHERE action = 'reply' AND status = 'accepted' AND seq > 0 ORDER BY seq")).toContain('events_outbound');
  });
});

describe.skipIf(kinds[1]!.skip !== null)('server migrations 2 and 3 on PostgreSQL: connectors, content, leases', () => {
  it('moves a database made by the first step forward, once', async () => {
    const { url, pool } = await firstStepOnPg();
    await pool.query("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1)");
    await expect(pool.query("INSERT INTO users (name, role, password_hash, created_at) VALUES ('bot', 'connector', 'h', 1)")).rejects.toThrow(/users_role_check/);
    for (let i = 0; i < 2; i++) {
      const store = await openPgStore(url);
      if (i === 0) expect((await store.addUser('bot', 'connector', 'h', 1)).role).toBe('connector');
      expect(await store.userByName('ana')).toMatchObject({ id: 7, role: 'moderator' });
      await store.close();
    }
    expect((await pool.query('SELECT version FROM server_migrations ORDER BY version')).rows.map((r: { version: number }) => r.version)).toEqual([1, ...PG_MIGRATIONS.map((m) => m.version)]);
    expect((await pool.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('content', 'leases', 'outbound_acks')")).rows[0].n).toBe(3);
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
    const dir = tempDir('vigil-server-');
    const raw = new Database(join(dir, 'vigil-server.db'));
    migrateServer(raw, 4);
    raw.prepare("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'feed', 'connector', 'h', 1)").run();
    raw.exec(STEP4_ROWS.events);
    raw.exec(STEP4_ROWS.acks);
    raw.close();
    const store = openSqliteStore(dir);
    onCleanup(() => store.close());
    expect(await store.head()).toBe(5);
    expect((await store.pullAcks(0, 5, 10)).map((a) => [a.seq, a.eventId, a.status, a.by])).toEqual([[4, 'r2', 'sent', 'feed'], [5, 'r1', 'failed', 'feed']]);
    const db = new Database(join(dir, 'vigil-server.db'));
    onCleanup(() => db.close());
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(plan(db, 'SELECT seq FROM outbound_acks WHERE seq > 0 AND seq <= 9 ORDER BY seq')).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_outbound_acks/);
    db.prepare("INSERT INTO events (id, client_id, client_seq, platform, external_id, action, base_version, status, body, user_id, received_at) VALUES ('a4', 'c', 4, 'x', 'i4', 'approve', 0, 'accepted', '{}', 7, 1)").run();
    expect(db.prepare("SELECT seq FROM events WHERE id = 'a4'").pluck().get()).toBe(6);
  });

  it.skipIf(kinds[1]!.skip !== null)('on PostgreSQL: the same', async () => {
    const { url, pool } = await firstStepOnPg();
    await pool.query("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'feed', 'admin', 'h', 1)");
    for (const m of PG_MIGRATIONS.filter((x) => x.version <= 4)) await pool.query(m.sql);
    await pool.query("CREATE TABLE server_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL); INSERT INTO server_migrations VALUES (1, 'a', 1), (2, 'b', 1), (3, 'c', 1), (4, 'd', 1)");
    await pool.query(STEP4_ROWS.events);
    await pool.query(STEP4_ROWS.acks);
    const store = await openPgStore(url);
    onCleanup(() => store.close());
    expect(await store.head()).toBe(5);
    expect((await store.pullAcks(0, 5, 10)).map((a) => [a.seq, a.eventId, a.status, a.by])).toEqual([[4, 'r2', 'sent', 'feed'], [5, 'r1', 'failed', 'feed']]);
    expect((await pool.query("INSERT INTO events (id, client_id, client_seq, platform, external_id, action, base_version, status, body, user_id, received_at) VALUES ('a4', 'c', 4, 'x', 'i4', 'approve', 0, 'accepted', '{}', 7, 1) RETURNING seq")).rows[0].seq).toBe('6');
  });
});

describe('server migration 6: sign-in counts and device tokens', () => {
  it('on SQLite: adds both tables beside the users, devices bound to a user, and the indexes pruning reads', async () => {
    const dir = tempDir('vigil-server-');
    const raw = new Database(join(dir, 'vigil-server.db'));
    migrateServer(raw, 5);
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
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(6);
    expect(db.prepare('SELECT key, failures, last_at FROM sign_in_failures').all()).toEqual([{ key: 'k', failures: 1, last_at: 10 }]);
    expect(() => db.prepare("INSERT INTO devices (token_hash, user_id, created_at, used_at) VALUES ('e', 99, 1, 1)").run()).toThrow(/FOREIGN KEY/);
    expect(plan(db, 'DELETE FROM sign_in_failures WHERE last_at < 5')).toContain('sign_in_failures_last');
    expect(plan(db, 'DELETE FROM devices WHERE used_at < 5')).toContain('devices_used');
  });

  it.skipIf(kinds[1]!.skip !== null)('on PostgreSQL: the same', async () => {
    const { url, pool } = await firstStepOnPg();
    await pool.query("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1)");
    for (const m of PG_MIGRATIONS.filter((x) => x.version <= 5)) await pool.query(m.sql);
    await pool.query("CREATE TABLE server_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL); INSERT INTO server_migrations VALUES (1, 'a', 1), (2, 'b', 1), (3, 'c', 1), (4, 'd', 1), (5, 'e', 1)");
    const store = await openPgStore(url);
    onCleanup(() => store.close());
    await store.addDevice('d', 7, 10);
    expect(await store.deviceOwner('d')).toBe(7);
    expect(await store.takeSignInAttempt([{ key: 'k', wait: () => 0 }], 10)).toBeNull();
    expect((await pool.query('SELECT key, failures, last_at FROM sign_in_failures')).rows).toEqual([{ key: 'k', failures: 1, last_at: '10' }]);
    await expect(pool.query("INSERT INTO devices (token_hash, user_id, created_at, used_at) VALUES ('e', 99, 1, 1)")).rejects.toThrow(/devices_user_id_fkey/);
    expect((await pool.query('SELECT count(*)::int AS n FROM server_migrations WHERE version = 6')).rows[0].n).toBe(1);
  });
});

/** Events as step 5 kept them: ana's approve and her undo of it, and bo pushing with ana's client id (nothing stopped that then). */
const STEP5_ROWS = `INSERT INTO events (id, client_id, client_seq, platform, external_id, action, base_version, status, body, user_id, received_at) VALUES
  ('d1', 'ws-ana', 1, 'x', 'i1', 'approve', 0, 'accepted', '{"id":"d1","actor":"ana"}', 7, 10),
  ('u1', 'ws-ana', 2, 'x', 'i1', 'undo', 1, 'accepted', '{"id":"u1","undoOf":"d1","actor":"ana"}', 7, 11),
  ('b1', 'ws-ana', 3, 'x', 'i2', 'remove', 0, 'accepted', '{"id":"b1","actor":"sam"}', 8, 12)`;

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
    const dir = tempDir('vigil-server-');
    const raw = new Database(join(dir, 'vigil-server.db'));
    migrateServer(raw, 5);
    raw.exec("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1), (8, 'bo', 'supervisor', 'h', 1)");
    raw.exec(STEP5_ROWS);
    migrateServer(raw);
    onCleanup(() => raw.close());
    await check(async (sql) => raw.prepare(sql).all());
    expect(plan(raw, "SELECT id FROM events WHERE undo_of = 'd1' AND status = 'accepted'")).toContain('events_undone');
    expect(plan(raw, "SELECT id FROM events WHERE platform = 'x' AND external_id = 'i1' AND status = 'accepted' AND action IN ('case-take', 'case-handover')")).toContain('events_item');
  });

  it.skipIf(kinds[1]!.skip !== null)('on PostgreSQL: the same', async () => {
    const { url, pool } = await firstStepOnPg();
    await pool.query("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1), (8, 'bo', 'supervisor', 'h', 1)");
    for (const m of PG_MIGRATIONS.filter((x) => x.version <= 5)) await pool.query(m.sql);
    await pool.query("CREATE TABLE server_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL); INSERT INTO server_migrations VALUES (1, 'a', 1), (2, 'b', 1), (3, 'c', 1), (4, 'd', 1), (5, 'e', 1)");
    await pool.query(STEP5_ROWS);
    const store = await openPgStore(url);
    onCleanup(() => store.close());
    await check(async (sql) => (await pool.query(sql)).rows);
  });
});

describe('npm run server -- user add', () => {
  it('adds a connector', async () => {
    const dir = tempDir('vigil-server-');
    const run = promisify(execFile);
    const r = await run(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'user', 'add', 'feed', '--role', 'connector'], { env: { ...process.env, VIGIL_SERVER_DATA_DIR: dir } });
    expect(r.stdout).toMatch(/^Added connector feed\. Password: \S+/);
    const store = openSqliteStore(dir);
    onCleanup(() => store.close());
    expect(await store.userByName('feed')).toMatchObject({ role: 'connector', disabled: false });
  }, 30_000);
});

describe('server migration 8: the verifiable log', () => {
  it('on SQLite: logs the events stored before it, in server order, when the store opens; its reads walk the index', async () => {
    const dir = tempDir('vigil-server-');
    const raw = new Database(join(dir, 'vigil-server.db'));
    migrateServer(raw, 7);
    raw.exec("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1), (8, 'bo', 'supervisor', 'h', 1)");
    raw.exec(STEP5_ROWS);
    raw.exec('UPDATE events SET by_name = (SELECT u.name FROM users u WHERE u.id = events.user_id)');
    raw.close();
    const store = openSqliteStore(dir);
    onCleanup(() => store.close());
    expect((await store.log.entries(0, 10)).map((e) => [e.leaf, e.entry.id, e.entry.by])).toEqual([[0, 'd1', 'ana'], [1, 'u1', 'ana'], [2, 'b1', 'bo']]);
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

  it.skipIf(kinds[1]!.skip !== null)('on PostgreSQL: the same', async () => {
    const { url, pool } = await firstStepOnPg();
    await pool.query("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'ana', 'moderator', 'h', 1), (8, 'bo', 'supervisor', 'h', 1)");
    for (const m of PG_MIGRATIONS.filter((x) => x.version <= 7)) await pool.query(m.sql);
    await pool.query(`CREATE TABLE server_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL);
      INSERT INTO server_migrations SELECT v, 'step', 1 FROM unnest(ARRAY[1, ${PG_MIGRATIONS.filter((x) => x.version <= 7).map((m) => m.version).join(', ')}]) AS v`);
    await pool.query(STEP5_ROWS);
    await pool.query('UPDATE events e SET by_name = u.name FROM users u WHERE u.id = e.user_id');
    const store = await openPgStore(url);
    onCleanup(() => store.close());
    expect((await store.log.entries(0, 10)).map((e) => [e.leaf, e.entry.id, e.entry.by])).toEqual([[0, 'd1', 'ana'], [1, 'u1', 'ana'], [2, 'b1', 'bo']]);
    expect((await store.log.head()).size).toBe(3);
  });
});

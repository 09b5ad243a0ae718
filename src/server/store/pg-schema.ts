// The PostgreSQL store's numbered steps after the first (the tables openPgStore creates, which
// count as step 1): each in one transaction, recorded in server_migrations.
import type pg from 'pg';

export const PG_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 2,
    name: 'connectors-content',
    sql: `
      ALTER TABLE users DROP CONSTRAINT users_role_check;
      ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('moderator', 'supervisor', 'admin', 'connector'));

      -- What connectors ingested, numbered from the events' own sequence so that one cursor
      -- covers both; a new or changed record takes the next number.
      CREATE TABLE content (
        seq BIGINT PRIMARY KEY DEFAULT nextval('events_seq_seq'),
        type TEXT NOT NULL CHECK (type IN ('item', 'account')),
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        body TEXT NOT NULL,
        user_id BIGINT NOT NULL REFERENCES users (id),
        ingested_at BIGINT NOT NULL,
        UNIQUE (type, platform, external_id)
      );
    `,
  },
  {
    version: 3,
    name: 'claim-leases',
    sql: `
      -- Who holds each item, as granted by the last accepted claim (a lease with an end). A
      -- row outlives its end so that work pushed later can be told it was done while held.
      CREATE TABLE leases (
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        holder TEXT NOT NULL,
        granted_at BIGINT NOT NULL,
        until BIGINT NOT NULL,
        PRIMARY KEY (platform, external_id)
      );
      CREATE INDEX leases_live ON leases (until);
    `,
  },
  {
    version: 4,
    name: 'outbound-acks',
    sql: `
      -- What connectors said of each accepted reply: sent (with the platform's id of the post)
      -- or failed with a reason. No row: still waiting.
      CREATE TABLE outbound_acks (
        event_id TEXT PRIMARY KEY REFERENCES events (id),
        status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
        reason TEXT,
        posted_id TEXT,
        user_id BIGINT NOT NULL REFERENCES users (id),
        acked_at BIGINT NOT NULL
      );
      -- The outbound queue in server order, and the undo that cancels a reply not yet sent.
      CREATE INDEX events_outbound ON events (seq) WHERE action = 'reply' AND status = 'accepted';
      CREATE INDEX events_undo_target ON events (((body::jsonb) ->> 'undoOf')) WHERE action = 'undo' AND status = 'accepted';
    `,
  },
  {
    version: 5,
    name: 'acks-in-server-order',
    // Acknowledgements travel to workstations in the pulls: each takes a number from the
    // events' sequence (as content does), the ones already recorded in the order they came.
    sql: `
      ALTER TABLE outbound_acks ADD COLUMN seq BIGINT;
      UPDATE outbound_acks a SET seq = n.seq
        FROM (SELECT event_id, nextval('events_seq_seq') AS seq FROM (SELECT event_id FROM outbound_acks ORDER BY acked_at, event_id) o) n
        WHERE a.event_id = n.event_id;
      ALTER TABLE outbound_acks ALTER COLUMN seq SET NOT NULL;
      CREATE UNIQUE INDEX outbound_acks_seq ON outbound_acks (seq);
    `,
  },
  {
    version: 6,
    name: 'sign-in-throttle-devices',
    sql: `
      -- Failed sign-ins per key (a name, an address or a device token, each as a SHA-256, so
      -- that a password typed into the name field is not kept): how many since the last
      -- success, and when the last one was. Every server process on the database counts here.
      CREATE TABLE sign_in_failures (
        key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_at BIGINT NOT NULL
      );
      CREATE INDEX sign_in_failures_last ON sign_in_failures (last_at);

      -- Device tokens: given to a workstation after a successful sign-in, kept as their SHA-256,
      -- bound to the user. A sign-in that brings one is counted on its own, apart from the
      -- failures others cause by guessing the same name.
      CREATE TABLE devices (
        token_hash TEXT PRIMARY KEY,
        user_id BIGINT NOT NULL REFERENCES users (id),
        created_at BIGINT NOT NULL,
        used_at BIGINT NOT NULL
      );
      CREATE INDEX devices_used ON devices (used_at);
    `,
  },
  {
    version: 7,
    name: 'proven-authors-undo-clients',
    // As on SQLite (sqlite-schema.ts, step 7): the author of record and their role on the row,
    // an undo's target as a column, and each client id's owner.
    sql: `
      ALTER TABLE events ADD COLUMN by_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE events ADD COLUMN role TEXT NOT NULL DEFAULT '';
      ALTER TABLE events ADD COLUMN undo_of TEXT;
      UPDATE events e SET by_name = u.name, role = u.role,
        undo_of = CASE WHEN e.action = 'undo' THEN (e.body::json) ->> 'undoOf' END
        FROM users u WHERE u.id = e.user_id;
      DROP INDEX events_undo_target;
      CREATE INDEX events_undone ON events (undo_of) WHERE undo_of IS NOT NULL AND status = 'accepted';

      CREATE TABLE clients (
        client_id TEXT PRIMARY KEY,
        user_id BIGINT NOT NULL REFERENCES users (id),
        first_seen BIGINT NOT NULL
      );
      INSERT INTO clients (client_id, user_id, first_seen)
        SELECT DISTINCT ON (client_id) client_id, user_id, received_at FROM events ORDER BY client_id, seq;
    `,
  },
  {
    version: 8,
    name: 'verifiable-log',
    // As on SQLite (sqlite-schema.ts, step 8): each event's place in the Merkle tree and its hash,
    // the larger perfect subtrees' hashes, the signed checkpoints, and the log's name.
    sql: `
      ALTER TABLE events ADD COLUMN leaf BIGINT;
      ALTER TABLE events ADD COLUMN leaf_hash BYTEA;
      CREATE UNIQUE INDEX events_leaf ON events (leaf) WHERE leaf IS NOT NULL;
      CREATE TABLE log_nodes (
        level INTEGER NOT NULL,
        idx BIGINT NOT NULL,
        hash BYTEA NOT NULL,
        PRIMARY KEY (level, idx)
      );
      CREATE TABLE log_checkpoints (
        size BIGINT PRIMARY KEY,
        root BYTEA NOT NULL,
        signed_at BIGINT NOT NULL,
        note TEXT NOT NULL
      );
      CREATE TABLE log_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      INSERT INTO log_meta (key, value) VALUES ('origin', 'vigil/' || substr(md5(random()::text || clock_timestamp()::text), 1, 16));
    `,
  },
];

/** Runs under the caller's setup lock, after the first step's tables exist. */
export async function migratePg(c: pg.PoolClient, upTo = Infinity): Promise<void> {
  await c.query('CREATE TABLE IF NOT EXISTS server_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
  await c.query("INSERT INTO server_migrations (version, name, applied_at) VALUES (1, 'users-sessions-events', $1) ON CONFLICT (version) DO NOTHING", [Date.now()]);
  const done = Number((await c.query<{ v: number }>('SELECT max(version) AS v FROM server_migrations')).rows[0]!.v);
  for (const m of PG_MIGRATIONS) {
    if (m.version <= done || m.version > upTo) continue;
    await c.query('BEGIN');
    try {
      await c.query(m.sql);
      await c.query('INSERT INTO server_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  }
}

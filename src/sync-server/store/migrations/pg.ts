// The PostgreSQL store's schema, step by step (run.ts applies them): the same history as
// sqlite.ts, with the same numbers and names, written for PostgreSQL. Each step is one
// transaction and is never edited once released: a change to the schema is a new step at the
// end, with its test in tests/sync-server/server-migrations.test.ts.
import type { PgMigration } from './types';

/** A step that is one script of statements. */
const run =
  (sql: string): PgMigration['up'] =>
  async (c) => {
    await c.query(sql);
  };

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'users-sessions-events',
    // IF NOT EXISTS: databases made before steps were recorded have these tables and no record of
    // them; on those this step changes nothing and is recorded as applied.
    up: run(`
      CREATE TABLE IF NOT EXISTS users (
        id BIGSERIAL PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('moderator', 'supervisor', 'admin')),
        password_hash TEXT NOT NULL,
        disabled BOOLEAN NOT NULL DEFAULT false,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS sessions (
        token_hash TEXT PRIMARY KEY,
        user_id BIGINT NOT NULL REFERENCES users (id),
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        revoked_at BIGINT
      );
      CREATE TABLE IF NOT EXISTS events (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        client_id TEXT NOT NULL,
        client_seq BIGINT NOT NULL,
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        action TEXT NOT NULL,
        base_version BIGINT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('accepted', 'conflict', 'rejected')),
        reason TEXT,
        body TEXT NOT NULL,
        user_id BIGINT NOT NULL REFERENCES users (id),
        received_at BIGINT NOT NULL
      );
      CREATE UNIQUE INDEX IF NOT EXISTS events_client_seq ON events (client_id, client_seq) WHERE status != 'rejected';
      CREATE INDEX IF NOT EXISTS events_item ON events (platform, external_id, base_version);
      CREATE TABLE IF NOT EXISTS item_heads (
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        version BIGINT NOT NULL,
        PRIMARY KEY (platform, external_id)
      );
    `),
  },
  {
    version: 2,
    name: 'connectors-content',
    up: run(`
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
    `),
  },
  {
    version: 3,
    name: 'claim-leases',
    up: run(`
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
    `),
  },
  {
    version: 4,
    name: 'outbound-acks',
    up: run(`
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
    `),
  },
  {
    version: 5,
    name: 'acks-in-server-order',
    // Acknowledgements travel to workstations in the pulls: each takes a number from the
    // events' sequence (as content does), the ones already recorded in the order they came.
    up: run(`
      ALTER TABLE outbound_acks ADD COLUMN seq BIGINT;
      UPDATE outbound_acks a SET seq = n.seq
        FROM (SELECT event_id, nextval('events_seq_seq') AS seq FROM (SELECT event_id FROM outbound_acks ORDER BY acked_at, event_id) o) n
        WHERE a.event_id = n.event_id;
      ALTER TABLE outbound_acks ALTER COLUMN seq SET NOT NULL;
      CREATE UNIQUE INDEX outbound_acks_seq ON outbound_acks (seq);
    `),
  },
  {
    version: 6,
    name: 'sign-in-throttle-devices',
    up: run(`
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
    `),
  },
  {
    version: 7,
    name: 'proven-authors-undo-clients',
    // As on SQLite (sqlite.ts, step 7): the author of record and their role on the row,
    // an undo's target as a column, and each client id's owner.
    up: run(`
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
    `),
  },
  {
    version: 8,
    name: 'verifiable-log',
    // As on SQLite (sqlite.ts, step 8): each event's place in the Merkle tree and its hash,
    // the larger perfect subtrees' hashes, the signed checkpoints, and the log's name.
    up: run(`
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
    `),
  },
];

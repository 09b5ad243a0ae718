// The SQLite store's schema, step by step (run.ts applies them; pg.ts is the same history on
// PostgreSQL, with the same numbers and names). Each step is one transaction and is never edited
// once released: a change to the schema is a new step at the end, with its test in
// tests/sync-server/server-migrations.test.ts.
import type { SqliteMigration } from './types';

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'users-sessions-events',
    up: (db) =>
      db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('moderator', 'supervisor', 'admin')),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users (id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      ) STRICT, WITHOUT ROWID;

      -- Every event a workstation pushed, in server order, whatever became of it: accepted,
      -- a conflict for a supervisor, or rejected with its reason (shown to its author).
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        client_id TEXT NOT NULL,
        client_seq INTEGER NOT NULL,
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        action TEXT NOT NULL,
        base_version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('accepted', 'conflict', 'rejected')),
        reason TEXT,
        body TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users (id),
        received_at INTEGER NOT NULL
      ) STRICT;
      -- A workstation's sequence numbers are its own order: one stored event each (an event
      -- rejected for reusing one is kept beside it, for its author to see).
      CREATE UNIQUE INDEX events_client_seq ON events (client_id, client_seq) WHERE status != 'rejected';
      CREATE INDEX events_item ON events (platform, external_id, base_version);

      -- How many accepted events each item has had: the version the next event must build on.
      CREATE TABLE item_heads (
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (platform, external_id)
      ) STRICT, WITHOUT ROWID;
    `),
  },
  {
    version: 2,
    name: 'connectors-content',
    // SQLite cannot loosen a CHECK in place: users is rebuilt (migrateSqlite turns foreign
    // keys off around it, as SQLite's ALTER TABLE procedure asks, and checks them before commit).
    up: (db) =>
      db.exec(`
      CREATE TABLE users_new (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('moderator', 'supervisor', 'admin', 'connector')),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      ) STRICT;
      INSERT INTO users_new (id, name, role, password_hash, disabled, created_at)
        SELECT id, name, role, password_hash, disabled, created_at FROM users;
      DROP TABLE users;
      ALTER TABLE users_new RENAME TO users;

      -- What connectors ingested, one row per record, numbered in the same order as events (a
      -- new or changed record takes the next sequence), so that a pull brings an item no later
      -- than the decisions made on it.
      CREATE TABLE content (
        seq INTEGER PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('item', 'account')),
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        body TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users (id),
        ingested_at INTEGER NOT NULL,
        UNIQUE (type, platform, external_id)
      ) STRICT;
    `),
  },
  {
    version: 3,
    name: 'claim-leases',
    up: (db) =>
      db.exec(`
      -- Who holds each item, as granted by the last accepted claim (a lease with an end). A
      -- row outlives its end so that work pushed later can be told it was done while held.
      CREATE TABLE leases (
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        holder TEXT NOT NULL,
        granted_at INTEGER NOT NULL,
        until INTEGER NOT NULL,
        PRIMARY KEY (platform, external_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX leases_live ON leases (until);
    `),
  },
  {
    version: 4,
    name: 'outbound-acks',
    up: (db) =>
      db.exec(`
      -- What connectors said of each accepted reply: sent (with the platform's id of the post)
      -- or failed with a reason. No row: still waiting.
      CREATE TABLE outbound_acks (
        event_id TEXT PRIMARY KEY REFERENCES events (id),
        status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
        reason TEXT,
        posted_id TEXT,
        user_id INTEGER NOT NULL REFERENCES users (id),
        acked_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      -- The outbound queue in server order, and the undo that cancels a reply not yet sent.
      CREATE INDEX events_outbound ON events (seq) WHERE action = 'reply' AND status = 'accepted';
      CREATE INDEX events_undo_target ON events (json_extract(body, '$.undoOf')) WHERE action = 'undo' AND status = 'accepted';
    `),
  },
  {
    version: 5,
    name: 'acks-in-server-order',
    // Acknowledgements travel to workstations in the pulls: each takes a number from the
    // events' counter (as content does), the ones already recorded in the order they came.
    up: (db) =>
      db.exec(`
      CREATE TABLE outbound_acks_new (
        event_id TEXT PRIMARY KEY REFERENCES events (id),
        status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
        reason TEXT,
        posted_id TEXT,
        user_id INTEGER NOT NULL REFERENCES users (id),
        acked_at INTEGER NOT NULL,
        seq INTEGER NOT NULL UNIQUE
      ) STRICT, WITHOUT ROWID;
      INSERT INTO outbound_acks_new (event_id, status, reason, posted_id, user_id, acked_at, seq)
        SELECT event_id, status, reason, posted_id, user_id, acked_at,
          coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0) + row_number() OVER (ORDER BY acked_at, event_id)
        FROM outbound_acks;
      UPDATE sqlite_sequence SET seq = seq + (SELECT count(*) FROM outbound_acks) WHERE name = 'events';
      DROP TABLE outbound_acks;
      ALTER TABLE outbound_acks_new RENAME TO outbound_acks;
    `),
  },
  {
    version: 6,
    name: 'sign-in-throttle-devices',
    up: (db) =>
      db.exec(`
      -- Failed sign-ins per key (a name, an address or a device token, each as a SHA-256, so
      -- that a password typed into the name field is not kept): how many since the last
      -- success, and when the last one was. Every server process on the database counts here.
      CREATE TABLE sign_in_failures (
        key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sign_in_failures_last ON sign_in_failures (last_at);

      -- Device tokens: given to a workstation after a successful sign-in, kept as their SHA-256,
      -- bound to the user. A sign-in that brings one is counted on its own, apart from the
      -- failures others cause by guessing the same name.
      CREATE TABLE devices (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users (id),
        created_at INTEGER NOT NULL,
        used_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX devices_used ON devices (used_at);
    `),
  },
  {
    version: 7,
    name: 'proven-authors-undo-clients',
    // The author of record is the signed-in user who pushed an event, and the role they had
    // then: kept on the row (a user's role may change later; the record must not). An undo's
    // target gets a column of its own, so "already undone?" is one index probe. Each client id
    // belongs to the user whose workstation first pushed with it.
    up: (db) =>
      db.exec(`
      ALTER TABLE events ADD COLUMN by_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE events ADD COLUMN role TEXT NOT NULL DEFAULT '';
      ALTER TABLE events ADD COLUMN undo_of TEXT;
      UPDATE events SET
        by_name = (SELECT u.name FROM users u WHERE u.id = events.user_id),
        role = (SELECT u.role FROM users u WHERE u.id = events.user_id),
        undo_of = CASE WHEN action = 'undo' THEN json_extract(body, '$.undoOf') END;
      DROP INDEX events_undo_target;
      CREATE INDEX events_undone ON events (undo_of) WHERE undo_of IS NOT NULL AND status = 'accepted';

      CREATE TABLE clients (
        client_id TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users (id),
        first_seen INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO clients (client_id, user_id, first_seen)
        SELECT e.client_id, e.user_id, e.received_at FROM events e
        WHERE e.seq = (SELECT min(x.seq) FROM events x WHERE x.client_id = e.client_id);
    `),
  },
  {
    version: 8,
    name: 'verifiable-log',
    // Every stored event is an entry of a Merkle tree (RFC 9162): `leaf` is its place, in server
    // order, and `leaf_hash` its hash; log_nodes keeps the hash of every larger perfect subtree,
    // enough to answer any root, inclusion or consistency proof with a handful of lookups.
    // Checkpoints are the signed tree heads handed out. The entries of events stored before this
    // step are appended when the store opens (sqlite-log.ts), in the order they were stored.
    up: (db) =>
      db.exec(`
      ALTER TABLE events ADD COLUMN leaf INTEGER;
      ALTER TABLE events ADD COLUMN leaf_hash BLOB;
      CREATE UNIQUE INDEX events_leaf ON events (leaf) WHERE leaf IS NOT NULL;
      CREATE TABLE log_nodes (
        level INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        hash BLOB NOT NULL,
        PRIMARY KEY (level, idx)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE log_checkpoints (
        size INTEGER PRIMARY KEY,
        root BLOB NOT NULL,
        signed_at INTEGER NOT NULL,
        note TEXT NOT NULL
      ) STRICT;
      CREATE TABLE log_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      INSERT INTO log_meta (key, value) VALUES ('origin', 'vigil/' || lower(hex(randomblob(8))));
    `),
  },
];

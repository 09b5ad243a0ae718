import type { Migration } from './types';

// The admin's configuration travels through sync (shared/config-sync.ts). config_events is its
// log here: changes made on this workstation (waiting in the outbox until the server answers:
// status NULL) and changes of others the server accepted, each with the whole document. Item
// events keep their own log: these name no item. config_docs says, per document, the revision
// this workstation last had from the server, the event it was (what the next edit builds on),
// and who changed it when (shown in the dialogs). Teams and SLA policies get a sync key, the
// same on every workstation, since their row ids are this workstation's own; it is given from
// the name when a team or policy is first shared, and kept across renames.
export const migration0023: Migration = {
  version: 23,
  name: 'config-sync',
  up(db) {
    db.exec(`
      CREATE TABLE config_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        doc TEXT NOT NULL,
        actor TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        base_revision INTEGER NOT NULL,
        base_event TEXT,
        body TEXT NOT NULL,
        client_id TEXT NOT NULL,
        client_seq INTEGER NOT NULL,
        server_seq INTEGER,
        status TEXT CHECK (status IN ('accepted', 'rejected')),
        reason TEXT,
        synced_at INTEGER,
        UNIQUE (client_id, client_seq)
      ) STRICT;
      -- The configuration outbox: changes made here the server has not answered, in order.
      CREATE INDEX config_events_waiting ON config_events (seq) WHERE status IS NULL;
      -- A document's accepted changes, newest last (to restore it when a change made here is refused).
      CREATE INDEX config_events_doc ON config_events (doc, server_seq) WHERE status = 'accepted';
      -- Changes the server refused, newest first, for the refused list.
      CREATE INDEX config_events_refused ON config_events (synced_at) WHERE status = 'rejected';

      CREATE TABLE config_docs (
        doc TEXT PRIMARY KEY,
        revision INTEGER NOT NULL,
        base_event TEXT,
        server_seq INTEGER NOT NULL,
        changed_by TEXT NOT NULL,
        changed_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE teams ADD COLUMN sync_key TEXT;
      CREATE UNIQUE INDEX teams_sync_key ON teams (sync_key) WHERE sync_key IS NOT NULL;
      ALTER TABLE sla_policies ADD COLUMN sync_key TEXT;
      CREATE UNIQUE INDEX sla_policies_sync_key ON sla_policies (sync_key) WHERE sync_key IS NOT NULL;
    `);
  },
};

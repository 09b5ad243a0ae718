import type { Migration } from './types';

// The append-only log every decision is written to, the outbox that sync drains, and the
// label index the queue's label filter walks. Events are never updated or deleted: undo is a
// new event, and triggers refuse anything else so no code path can rewrite history.
export const migration0002: Migration = {
  version: 2,
  name: 'event-log',
  up(db) {
    db.exec(`
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        item_id INTEGER NOT NULL REFERENCES items (id),
        action TEXT NOT NULL,
        actor TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        reason TEXT,
        labels TEXT,
        note TEXT,
        payload TEXT,
        client_id TEXT NOT NULL,
        client_seq INTEGER NOT NULL,
        base_version INTEGER NOT NULL,
        undo_of TEXT REFERENCES events (id),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (client_id, client_seq)
      ) STRICT;
      CREATE INDEX events_item_seq ON events (item_id, seq);
      CREATE UNIQUE INDEX events_undo_of ON events (undo_of) WHERE undo_of IS NOT NULL;

      CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN
        SELECT RAISE(ABORT, 'events are append-only');
      END;
      CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events BEGIN
        SELECT RAISE(ABORT, 'events are append-only');
      END;

      CREATE TABLE outbox (
        event_seq INTEGER PRIMARY KEY REFERENCES events (seq),
        enqueued_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      ) STRICT;

      -- status and priority are copied here so "label X, waiting, by priority" is one index walk
      CREATE TABLE item_labels (
        item_id INTEGER NOT NULL REFERENCES items (id),
        label TEXT NOT NULL,
        status TEXT NOT NULL,
        priority REAL NOT NULL,
        PRIMARY KEY (item_id, label)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX item_labels_label_status_priority ON item_labels (label, status, priority DESC, item_id);
      CREATE TRIGGER item_labels_follow_item AFTER UPDATE OF status, priority ON items BEGIN
        UPDATE item_labels SET status = new.status, priority = new.priority WHERE item_id = new.id;
      END;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};

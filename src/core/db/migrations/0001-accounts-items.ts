import type { Migration } from './types';

// Accounts and items, keyed by the platform's own ids so that importing again updates in
// place. Timestamps are epoch milliseconds. Queue queries order by `priority` within a status,
// and each filter a moderator can pick has an index that yields rows already in that order.
export const migration0001: Migration = {
  version: 1,
  name: 'accounts-items',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        handle TEXT NOT NULL,
        name TEXT,
        created_at INTEGER,
        followers INTEGER,
        following INTEGER,
        posts INTEGER,
        likes INTEGER,
        listed INTEGER,
        verified INTEGER NOT NULL DEFAULT 0,
        default_avatar INTEGER NOT NULL DEFAULT 0,
        default_profile INTEGER NOT NULL DEFAULT 0,
        bio TEXT,
        url TEXT,
        location TEXT,
        extra TEXT,
        -- 1 while only known as some item's author or follower, before its own record arrives
        stub INTEGER NOT NULL DEFAULT 0,
        imported_at INTEGER NOT NULL,
        UNIQUE (platform, external_id)
      ) STRICT;

      CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('post', 'mention', 'reply', 'comment', 'review')),
        author_id INTEGER REFERENCES accounts (id),
        created_at INTEGER,
        text TEXT NOT NULL,
        target TEXT,
        rating INTEGER CHECK (rating BETWEEN 1 AND 5),
        thread TEXT,
        parent TEXT,
        url TEXT,
        lang TEXT,
        extra TEXT,
        queue TEXT NOT NULL,
        priority REAL NOT NULL,
        -- projection of the item's events; written only when an event is applied
        status TEXT NOT NULL DEFAULT 'new',
        version INTEGER NOT NULL DEFAULT 0,
        labels TEXT NOT NULL DEFAULT '[]',
        assignee TEXT,
        decided_at INTEGER,
        decided_by TEXT,
        imported_at INTEGER NOT NULL,
        UNIQUE (platform, external_id)
      ) STRICT;

      CREATE INDEX items_status_priority ON items (status, priority DESC, id);
      CREATE INDEX items_queue_status_priority ON items (queue, status, priority DESC, id);
      CREATE INDEX items_kind_status_priority ON items (kind, status, priority DESC, id);
      CREATE INDEX items_platform_status_priority ON items (platform, status, priority DESC, id);
      CREATE INDEX items_target_status_priority ON items (target, status, priority DESC, id) WHERE target IS NOT NULL;
      -- the "all statuses" view walks this one
      CREATE INDEX items_priority ON items (priority DESC, id);
      CREATE INDEX items_author_created ON items (author_id, created_at);
      CREATE INDEX items_thread_created ON items (thread, created_at) WHERE thread IS NOT NULL;

      CREATE TABLE follows (
        follower_id INTEGER NOT NULL REFERENCES accounts (id),
        followee_id INTEGER NOT NULL REFERENCES accounts (id),
        imported_at INTEGER NOT NULL,
        PRIMARY KEY (followee_id, follower_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX follows_follower ON follows (follower_id);

      CREATE VIRTUAL TABLE items_fts USING fts5 (
        text,
        content = 'items',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
        INSERT INTO items_fts (rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;
      CREATE TRIGGER items_fts_update AFTER UPDATE OF text ON items WHEN old.text IS NOT new.text BEGIN
        INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO items_fts (rowid, text) VALUES (new.id, new.text);
      END;
    `);
  },
};

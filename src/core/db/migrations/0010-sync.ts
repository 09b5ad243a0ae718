import type { Migration } from './types';

// What the central server made of each event (the log itself is append-only, so this lives
// beside it): its server sequence, and accepted, conflict or rejected with the reason. Events
// in conflict or rejected no longer count in the item's state; they are listed for people to
// see. sync_state keeps the connection (server, user, token) and the pull cursor.
export const migration0010: Migration = {
  version: 10,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE event_sync (
        event_id TEXT PRIMARY KEY REFERENCES events (id),
        server_seq INTEGER,
        status TEXT NOT NULL CHECK (status IN ('accepted', 'conflict', 'rejected')),
        reason TEXT,
        synced_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX event_sync_trouble ON event_sync (status, synced_at) WHERE status != 'accepted';

      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};

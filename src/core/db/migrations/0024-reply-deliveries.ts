import type { Migration } from './types';

// What became of each reply once a connector tried to post it: the
// central server hands connectors' acknowledgements to every workstation in its pulls, and
// they are kept here by the reply's event id. No row: still queued. A later acknowledgement
// (a retry that worked) replaces an earlier one; the server sequence says which is later, so
// applying a page twice (a snapshot, then pulls) changes nothing. No foreign key: a reply on
// an item this workstation has not received yet is parked, its acknowledgement is not.
// Supervisors see how many replies failed: a partial index keeps that count off the table.
export const migration0024: Migration = {
  version: 24,
  name: 'reply-deliveries',
  up(db) {
    db.exec(`
      CREATE TABLE reply_deliveries (
        event_id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
        reason TEXT,
        posted_id TEXT,
        connector TEXT NOT NULL,
        acked_at INTEGER NOT NULL,
        server_seq INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX reply_deliveries_failed ON reply_deliveries (event_id) WHERE status = 'failed';
    `);
  },
};

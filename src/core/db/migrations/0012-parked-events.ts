import type { Migration } from './types';

// Server events about items this workstation does not have yet (a connector's item still on
// its way, or an item another workstation imported locally): kept here, as the server sent
// them, until the item arrives by sync or by an import; then they join the log. Without this
// they would be lost here once the pull cursor moved past them.
export const migration0012: Migration = {
  version: 12,
  name: 'parked-events',
  up(db) {
    db.exec(`
      CREATE TABLE parked_events (
        event_id TEXT PRIMARY KEY,
        server_seq INTEGER NOT NULL,
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        body TEXT NOT NULL,
        parked_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX parked_events_item ON parked_events (platform, external_id, server_seq);
    `);
  },
};

import type { Migration } from './types';

// Work the server accepted but flagged (done on an item someone else held) is listed for
// supervisors, newest first: few rows among all synced events, so a partial index.
export const migration0013: Migration = {
  version: 13,
  name: 'flagged-work',
  up(db) {
    db.exec(`CREATE INDEX event_sync_flagged ON event_sync (synced_at) WHERE status = 'accepted' AND reason IS NOT NULL;`);
  },
};

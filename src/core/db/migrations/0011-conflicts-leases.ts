import type { Migration } from './types';

// Conflicts the server found (a decision on a version someone had already decided otherwise)
// stay open until a supervisor's resolution names them; the queue of open ones is what a
// supervisor works through. A claim is now a lease with an end: items keep when it runs out,
// so a lapsed claim no longer shows anyone as holding the item.
export const migration0011: Migration = {
  version: 11,
  name: 'conflicts-leases',
  up(db) {
    db.exec(`
      CREATE TABLE conflicts (
        event_id TEXT PRIMARY KEY REFERENCES events (id),
        item_id INTEGER NOT NULL REFERENCES items (id),
        found_at INTEGER NOT NULL,
        resolved_by TEXT
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX conflicts_open ON conflicts (found_at) WHERE resolved_by IS NULL;
      CREATE INDEX conflicts_item ON conflicts (item_id);

      ALTER TABLE items ADD COLUMN claim_until INTEGER;
      -- Leases about to end, for the workstation to renew the ones its user still holds.
      CREATE INDEX items_claim_until ON items (claim_until) WHERE claim_until IS NOT NULL;

      -- Conflicts recorded before this step become open ones.
      INSERT INTO conflicts (event_id, item_id, found_at)
        SELECT s.event_id, e.item_id, s.synced_at FROM event_sync s JOIN events e ON e.id = s.event_id WHERE s.status = 'conflict';
    `);
  },
};

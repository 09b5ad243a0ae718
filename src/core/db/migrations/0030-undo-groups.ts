import type { Migration } from './types';

// What a moderator can take back with one key: each decision made through the workstation
// (one item, a selection, a campaign) is a group of events with the words that describe it.
// Kept in the database, so undo reaches past a reload or a restart; undoing a group adds undo
// events like any other and marks the group as taken back.
export const migration0030: Migration = {
  version: 30,
  name: 'undo-groups',
  up(db) {
    db.exec(`
      CREATE TABLE undo_groups (
        id INTEGER PRIMARY KEY,
        actor TEXT NOT NULL,
        text TEXT NOT NULL,
        event_ids TEXT NOT NULL,
        item_ids TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        undone_at INTEGER
      ) STRICT;
      CREATE INDEX undo_groups_open ON undo_groups (actor, id) WHERE undone_at IS NULL;
    `);
  },
};

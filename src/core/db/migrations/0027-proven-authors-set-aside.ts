import type { Migration } from './types';

// Who made each event, as the server proves it: the signed-in user who pushed it and their
// role then (`author`, `author_role`), when the server took it, and the name the author's
// workstation wrote in it where that differs (`claimed`, a hint only). Events a workstation
// cannot take into its log wait beside it with their reason, counted and shown, instead of
// stopping the pull: those the server refused on another workstation ('refused': evidence, not
// state) and those this one cannot apply ('unappliable').
export const migration0027: Migration = {
  version: 27,
  name: 'proven-authors-set-aside',
  up(db) {
    db.exec(`
      ALTER TABLE event_sync ADD COLUMN author TEXT;
      ALTER TABLE event_sync ADD COLUMN author_role TEXT;
      ALTER TABLE event_sync ADD COLUMN received_at INTEGER;
      ALTER TABLE event_sync ADD COLUMN claimed TEXT;

      CREATE TABLE set_aside_events (
        event_id TEXT PRIMARY KEY,
        server_seq INTEGER NOT NULL,
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('refused', 'unappliable')),
        reason TEXT NOT NULL,
        body TEXT NOT NULL,
        set_aside_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX set_aside_kind ON set_aside_events (kind, set_aside_at);
    `);
  },
};

import type { Migration } from './types';

// Two undos of one event can meet in a workstation's log: its own, made offline or still
// waiting for the server's verdict, and another person's that the server accepted first. The
// server's accepted one is the record and must be taken; the one made here is then refused
// when pushed, and a refused event counts for nothing. So the log no longer allows only one
// undo per event; "one live undo per event" is a rule the server judges (and this workstation
// mirrors) before an undo is made, not a property of every event ever logged.
export const migration0031: Migration = {
  version: 31,
  name: 'undo-of-not-unique',
  up(db) {
    db.exec(`
      DROP INDEX events_undo_of;
      CREATE INDEX events_undo_of ON events (undo_of) WHERE undo_of IS NOT NULL;
    `);
  },
};

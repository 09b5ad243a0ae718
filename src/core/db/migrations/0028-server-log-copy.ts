import type { Migration } from './types';

// This workstation's copy of the server's verifiable log: the hash of every entry it pulled, in
// the log's order, and each checkpoint the server signed that it verified. With them it can show
// that what it holds is what the server logged, and notice a server whose history changed. A
// workstation that synced before the log existed reads the server's events again from the
// start (taking each in adds nothing it had), so that its copy starts at entry 0.
export const migration0028: Migration = {
  version: 28,
  name: 'server-log-copy',
  up(db) {
    db.exec(`
      CREATE TABLE server_log (
        leaf INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        server_seq INTEGER NOT NULL,
        hash BLOB NOT NULL
      ) STRICT;
      CREATE INDEX server_log_event ON server_log (event_id);

      CREATE TABLE log_checkpoints (
        size INTEGER PRIMARY KEY,
        root BLOB NOT NULL,
        signed_at INTEGER NOT NULL,
        note TEXT NOT NULL,
        verified_at INTEGER NOT NULL
      ) STRICT;

      DELETE FROM sync_state WHERE key = 'cursor';
    `);
  },
};

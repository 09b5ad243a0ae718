import type { Migration } from './types';

// Per-queue, per-status counts kept by triggers, so the queue sidebar shows its numbers
// without counting a million rows at start-up.
export const migration0003: Migration = {
  version: 3,
  name: 'queue-counts',
  up(db) {
    db.exec(`
      CREATE TABLE queue_counts (
        queue TEXT NOT NULL,
        status TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (queue, status)
      ) STRICT, WITHOUT ROWID;

      INSERT INTO queue_counts (queue, status, n)
        SELECT queue, status, count(*) FROM items GROUP BY queue, status;

      CREATE TRIGGER queue_counts_insert AFTER INSERT ON items BEGIN
        INSERT INTO queue_counts (queue, status, n) VALUES (new.queue, new.status, 1)
          ON CONFLICT (queue, status) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER queue_counts_delete AFTER DELETE ON items BEGIN
        UPDATE queue_counts SET n = n - 1 WHERE queue = old.queue AND status = old.status;
      END;
      CREATE TRIGGER queue_counts_update AFTER UPDATE OF queue, status ON items
        WHEN old.queue IS NOT new.queue OR old.status IS NOT new.status BEGIN
        UPDATE queue_counts SET n = n - 1 WHERE queue = old.queue AND status = old.status;
        INSERT INTO queue_counts (queue, status, n) VALUES (new.queue, new.status, 1)
          ON CONFLICT (queue, status) DO UPDATE SET n = n + 1;
      END;
    `);
  },
};

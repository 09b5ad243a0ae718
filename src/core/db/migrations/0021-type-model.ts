import type { Migration } from './types';

// The team's type model: the models table gains the 'type' kind, whose CHECK is part
// of the table, so the table is rebuilt (rows, ids and the active model kept). Its labels are
// the types moderators set and the rules' types they answered or escalated without correcting
// (detection/training/labels.ts, TYPE_LABELS_WHERE): a partial index holds exactly those rows,
// so counting them for the models dialog reads the index, not every item.
export const migration0021: Migration = {
  version: 21,
  name: 'type-model',
  up(db) {
    db.exec(`
      CREATE TABLE models_new (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('spam', 'reviews', 'accounts', 'sentiment', 'type')),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        positives INTEGER NOT NULL,
        negatives INTEGER NOT NULL,
        metrics TEXT NOT NULL,
        shape TEXT NOT NULL,
        weights BLOB NOT NULL,
        active INTEGER NOT NULL DEFAULT 0,
        activated_at INTEGER
      ) STRICT;
      INSERT INTO models_new SELECT id, kind, created_at, created_by, positives, negatives, metrics, shape, weights, active, activated_at FROM models;
      DROP TABLE models;
      ALTER TABLE models_new RENAME TO models;
      CREATE UNIQUE INDEX models_active ON models (kind) WHERE active = 1;
      CREATE INDEX models_kind ON models (kind, id DESC);

      CREATE INDEX items_type_labels ON items (triage_type)
        WHERE type_by = 'moderator' OR (type_by = 'rules' AND status IN ('replied', 'escalated'));
    `);
  },
};

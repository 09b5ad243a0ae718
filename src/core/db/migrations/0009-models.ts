import type { Migration } from './types';

// The team's trained models. Each training run adds a row with its cross-validated quality
// next to the built-in rules' on the same labels; a person switches one on per kind (at most
// one active, the unique partial index) and can switch back. Weights are Float32 bytes.
export const migration0009: Migration = {
  version: 9,
  name: 'models',
  up(db) {
    db.exec(`
      CREATE TABLE models (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('spam', 'reviews', 'accounts')),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        positives INTEGER NOT NULL,
        negatives INTEGER NOT NULL,
        -- {"cv": metrics, "rules": metrics}
        metrics TEXT NOT NULL,
        -- {"dim", "bias", "mean", "scale", "denseDim"}
        shape TEXT NOT NULL,
        weights BLOB NOT NULL,
        active INTEGER NOT NULL DEFAULT 0,
        activated_at INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX models_active ON models (kind) WHERE active = 1;
      CREATE INDEX models_kind ON models (kind, id DESC);
    `);
  },
};

import type { Migration } from './types';

// Every message classified for routing: its type, sentiment (label and score, the
// score's size being its strength), the action it needs and its language, with who set type
// and sentiment: the rules, the team's model or a moderator (whose word the scoring pass
// keeps; only a `classify` event, folded, puts it there). `triage` holds the reasons as JSON.
// Queues filter by type and by action needed among waiting items in priority order: an
// index each, shaped like the other dimension indexes (0001, 0006).
// The models table gains the 'sentiment' kind: its CHECK is part of the table, so the table is
// rebuilt (rows and ids kept). Waiting items are marked to be scored again, which classifies
// them; decided ones are classified when shown.
export const migration0014: Migration = {
  version: 14,
  name: 'classification',
  up(db) {
    db.exec(`
      ALTER TABLE items ADD COLUMN triage_type TEXT CHECK (triage_type IN ('question', 'complaint', 'compliment', 'other', 'spam', 'fake'));
      ALTER TABLE items ADD COLUMN type_by TEXT CHECK (type_by IN ('rules', 'model', 'moderator'));
      ALTER TABLE items ADD COLUMN sentiment TEXT CHECK (sentiment IN ('negative', 'neutral', 'positive'));
      ALTER TABLE items ADD COLUMN sentiment_score REAL CHECK (sentiment_score BETWEEN -1 AND 1);
      ALTER TABLE items ADD COLUMN sentiment_by TEXT CHECK (sentiment_by IN ('rules', 'model', 'moderator'));
      ALTER TABLE items ADD COLUMN action_needed TEXT CHECK (action_needed IN ('reply', 'escalate', 'no-action', 'remove'));
      ALTER TABLE items ADD COLUMN language TEXT;
      ALTER TABLE items ADD COLUMN triage TEXT;

      CREATE INDEX items_type_status_priority ON items (triage_type, status, priority DESC, id) WHERE triage_type IS NOT NULL;
      CREATE INDEX items_action_status_priority ON items (action_needed, status, priority DESC, id) WHERE action_needed IS NOT NULL;
      -- the sentiment trainer's labels: items a moderator set the sentiment of
      CREATE INDEX items_sentiment_corrected ON items (sentiment) WHERE sentiment_by = 'moderator';

      CREATE TABLE models_new (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('spam', 'reviews', 'accounts', 'sentiment')),
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

      UPDATE items SET scored_at = NULL WHERE status = 'new' AND scored_at IS NOT NULL;
    `);
  },
};

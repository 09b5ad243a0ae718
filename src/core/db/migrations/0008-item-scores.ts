import type { Migration } from './types';

// Detector verdicts kept with items, so that queues can route, sort and filter on them from an
// index instead of scoring a million texts per view:
//   spam_score / review_score / author_score  each detector's score (null where it does not apply),
//   risk                                      the highest of them and of the item's campaign,
//   detection                                 JSON of each detector's score and reasons,
//   scored_at                                 null while the item waits to be scored (new or changed).
// Near-duplicate clustering is incremental: each scored item's LSH band keys go into
// item_bands, so a new item meets its look-alikes through an index, and `dup_group` names the
// cluster it joined. Bursts are looked for per cluster and target (one brief reused against
// many hotels is many drives, each against one). Campaigns found within clusters are rows of
// their own.
// Accounts gain the follower audit and a flag that says it must be redone.
export const migration0008: Migration = {
  version: 8,
  name: 'item-scores',
  up(db) {
    db.exec(`
      ALTER TABLE items ADD COLUMN spam_score REAL;
      ALTER TABLE items ADD COLUMN review_score REAL;
      ALTER TABLE items ADD COLUMN author_score REAL;
      ALTER TABLE items ADD COLUMN campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL;
      ALTER TABLE items ADD COLUMN campaign_score REAL;
      ALTER TABLE items ADD COLUMN risk REAL NOT NULL DEFAULT 0;
      ALTER TABLE items ADD COLUMN detection TEXT;
      ALTER TABLE items ADD COLUMN dup_group INTEGER;
      ALTER TABLE items ADD COLUMN scored_at INTEGER;

      CREATE TABLE campaigns (
        id INTEGER PRIMARY KEY,
        -- stable name: the kind and the first item's platform id
        key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('near-duplicate', 'review-ring')),
        -- the near-duplicate cluster and target it was cut from
        dup_group INTEGER,
        target TEXT,
        score REAL NOT NULL,
        reasons TEXT NOT NULL,
        examples TEXT NOT NULL,
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL,
        item_count INTEGER NOT NULL,
        account_count INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX campaigns_score ON campaigns (score DESC, id);
      CREATE INDEX campaigns_dup_group ON campaigns (dup_group, target) WHERE dup_group IS NOT NULL;

      -- each near-duplicate cluster's size and time span per target ('' for none): the
      -- background rate its bursts are measured against, without counting a large cluster's
      -- members at every import
      CREATE TABLE dup_groups (
        id INTEGER NOT NULL,
        target TEXT NOT NULL,
        members INTEGER NOT NULL,
        -- members in some campaign: the background rate leaves them out
        bursty INTEGER NOT NULL DEFAULT 0,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        PRIMARY KEY (id, target)
      ) STRICT, WITHOUT ROWID;

      -- where clusters gained members since their campaigns were last cut: cluster, target
      -- and the six-hour slot of each new member's time; emptied by the campaign step
      CREATE TABLE dup_dirty (
        id INTEGER NOT NULL,
        target TEXT NOT NULL,
        slot INTEGER NOT NULL,
        PRIMARY KEY (id, target, slot)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE item_bands (
        band INTEGER NOT NULL,
        item_id INTEGER NOT NULL,
        PRIMARY KEY (band, item_id)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX items_unscored ON items (id) WHERE scored_at IS NULL;
      CREATE INDEX items_dup_group ON items (dup_group, target, created_at, author_id, campaign_id, campaign_score) WHERE dup_group IS NOT NULL;
      CREATE INDEX items_campaign ON items (campaign_id) WHERE campaign_id IS NOT NULL;
      CREATE INDEX items_target_kind_created ON items (target, created_at, rating) WHERE kind = 'review';
      -- "sort by score" within a queue, and across queues
      CREATE INDEX items_queue_status_risk ON items (queue, status, risk DESC, id);
      CREATE INDEX items_status_risk ON items (status, risk DESC, id);
      CREATE INDEX items_risk ON items (risk DESC, id);

      ALTER TABLE accounts ADD COLUMN fake_follower_share REAL;
      ALTER TABLE accounts ADD COLUMN audit_dirty INTEGER NOT NULL DEFAULT 0;
      UPDATE accounts SET audit_dirty = 1 WHERE id IN (SELECT DISTINCT followee_id FROM follows);
      CREATE INDEX accounts_unscored ON accounts (id) WHERE scored_at IS NULL AND stub = 0;
      CREATE INDEX accounts_audit_dirty ON accounts (id) WHERE audit_dirty = 1;
      UPDATE accounts SET scored_at = NULL WHERE scored_at < imported_at;
    `);
  },
};

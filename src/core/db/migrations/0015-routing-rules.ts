import type { Migration } from './types';

// Routing rules the admin edits, in order, and on each item what routing recorded: the rule
// that matched (its id, kept across edits of the set) and why, in words, so anyone can see
// why an item landed where it did. `route_queue` is the rule's queue, where detection hands
// the item back when no detection threshold holds it; `route_boost` multiplies priority (its
// logarithm is in the stored priority key); `sla_policy` is read by the SLA engine; `route`
// keeps the rest of what the rule set (assignee or team, labels) as JSON.
export const migration0015: Migration = {
  version: 15,
  name: 'routing-rules',
  up(db) {
    db.exec(`
      CREATE TABLE rules (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL UNIQUE,
        name TEXT NOT NULL,
        enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        conditions TEXT NOT NULL,
        actions TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;

      ALTER TABLE items ADD COLUMN rule_id TEXT;
      ALTER TABLE items ADD COLUMN rule_why TEXT;
      ALTER TABLE items ADD COLUMN route_queue TEXT;
      ALTER TABLE items ADD COLUMN route_boost REAL NOT NULL DEFAULT 1;
      ALTER TABLE items ADD COLUMN sla_policy TEXT;
      ALTER TABLE items ADD COLUMN route TEXT;

      -- "routed by rule X", in queue order (few items carry a rule until rules exist: partial)
      CREATE INDEX items_rule_status_priority ON items (rule_id, status, priority DESC, id) WHERE rule_id IS NOT NULL;
    `);
  },
};

import type { Migration } from './types';

// A business-hours change re-times every waiting item: its dues, and its priority, which counts
// urgency from them (sla.recompute_100k_ms). On the wide items rows (text, JSON,
// scores) that meant reading and rewriting ~100 MB for 100,000 items even before any index
// moved. The queue's ordering data now lives in a narrow table, one row per item:
//  - owned here, and nowhere else: priority and the dues (first response, resolution, next);
//  - copied from items by the triggers below, so that every queue index sits on this table:
//    status, queue, kind, platform, target, rule, SLA policy, first response, arrival, and
//    whether the item has labels (only then does item_labels copy status and priority).
// The store inserts the row with the item (store/items.ts); a recompute reads and rewrites
// these rows only. Priority is written through queue/order.ts, which keeps the label copies.
const DECIDED = "status NOT IN ('new', 'escalated')";

export const migration0026: Migration = {
  version: 26,
  name: 'item-order',
  up(db) {
    db.exec(`
      CREATE TABLE item_order (
        id INTEGER PRIMARY KEY,
        status TEXT NOT NULL,
        queue TEXT NOT NULL,
        kind TEXT NOT NULL,
        platform TEXT NOT NULL,
        target TEXT,
        rule_id TEXT,
        labelled INTEGER NOT NULL DEFAULT 0,
        -- the item's created_at, else its imported_at: where dues count from
        arrived_at INTEGER NOT NULL,
        sla_policy_id INTEGER,
        first_response_at INTEGER,
        first_response_due INTEGER,
        resolution_due INTEGER,
        sla_due INTEGER,
        priority REAL NOT NULL
      ) STRICT;
      INSERT INTO item_order (id, status, queue, kind, platform, target, rule_id, labelled, arrived_at, sla_policy_id,
          first_response_at, first_response_due, resolution_due, sla_due, priority)
        SELECT id, status, queue, kind, platform, target, rule_id, labels <> '[]', coalesce(created_at, imported_at), sla_policy_id,
          first_response_at, first_response_due, resolution_due, sla_due, priority
        FROM items;

      DROP TRIGGER item_labels_follow_item;
      DROP INDEX items_status_priority;
      DROP INDEX items_queue_status_priority;
      DROP INDEX items_kind_status_priority;
      DROP INDEX items_platform_status_priority;
      DROP INDEX items_target_status_priority;
      DROP INDEX items_rule_status_priority;
      DROP INDEX items_priority;
      DROP INDEX items_queue_priority;
      DROP INDEX items_kind_priority;
      DROP INDEX items_platform_priority;
      DROP INDEX items_target_priority;
      DROP INDEX items_status_sla_due;
      DROP INDEX items_first_response_late;
      ALTER TABLE items DROP COLUMN priority;
      ALTER TABLE items DROP COLUMN first_response_due;
      ALTER TABLE items DROP COLUMN resolution_due;
      ALTER TABLE items DROP COLUMN sla_due;

      -- Waiting items sit in two priority indexes only (and the due index): the status one, which
      -- also holds the filter dimensions so that a walk checks them in the index, and the
      -- queue's. A kind, platform, target or rule in a status is counted on its (dimension,
      -- status) index, which no priority change moves, and then either sorted (few) or picked
      -- out along the status walk (many): src/core/queue/query.ts. Both hold the
      -- due a page shows, which moves with priority: a page reads no ordering row.
      CREATE INDEX item_order_status_priority ON item_order (status, priority DESC, id, sla_due, kind, platform, target, rule_id);
      CREATE INDEX item_order_queue_status_priority ON item_order (queue, status, priority DESC, id, sla_due);
      CREATE INDEX item_order_kind_status ON item_order (kind, status);
      CREATE INDEX item_order_platform_status ON item_order (platform, status);
      CREATE INDEX item_order_target_status ON item_order (target, status) WHERE target IS NOT NULL;
      CREATE INDEX item_order_rule_status ON item_order (rule_id, status) WHERE rule_id IS NOT NULL;
      -- "all statuses": decided items only; waiting ones come from the status indexes (0022)
      CREATE INDEX item_order_priority ON item_order (priority DESC, id) WHERE ${DECIDED};
      CREATE INDEX item_order_queue_priority ON item_order (queue, priority DESC, id) WHERE ${DECIDED};
      CREATE INDEX item_order_kind_priority ON item_order (kind, priority DESC, id) WHERE ${DECIDED};
      CREATE INDEX item_order_platform_priority ON item_order (platform, priority DESC, id) WHERE ${DECIDED};
      CREATE INDEX item_order_target_priority ON item_order (target, priority DESC, id) WHERE target IS NOT NULL AND ${DECIDED};
      -- what breaches first, and overdue counts per queue and policy (0016)
      CREATE INDEX item_order_status_sla_due ON item_order (status, sla_due, queue, sla_policy_id) WHERE sla_due IS NOT NULL;
      CREATE INDEX item_order_first_response_late ON item_order (first_response_at) WHERE first_response_at > first_response_due;

      -- Copies follow the item. One trigger per column group, each only when a value changed:
      -- a re-import rewrites most columns with the values they had, and no index should move.
      CREATE TRIGGER item_order_status AFTER UPDATE OF status ON items WHEN old.status IS NOT new.status BEGIN
        UPDATE item_order SET status = new.status WHERE id = new.id;
      END;
      CREATE TRIGGER item_order_queue AFTER UPDATE OF queue ON items WHEN old.queue IS NOT new.queue BEGIN
        UPDATE item_order SET queue = new.queue WHERE id = new.id;
      END;
      CREATE TRIGGER item_order_dims AFTER UPDATE OF kind, platform, target, rule_id ON items
        WHEN old.kind IS NOT new.kind OR old.platform IS NOT new.platform OR old.target IS NOT new.target OR old.rule_id IS NOT new.rule_id BEGIN
        UPDATE item_order SET kind = new.kind, platform = new.platform, target = new.target, rule_id = new.rule_id WHERE id = new.id;
      END;
      CREATE TRIGGER item_order_labelled AFTER UPDATE OF labels ON items WHEN (old.labels <> '[]') IS NOT (new.labels <> '[]') BEGIN
        UPDATE item_order SET labelled = new.labels <> '[]' WHERE id = new.id;
      END;
      CREATE TRIGGER item_order_sla AFTER UPDATE OF created_at, imported_at, sla_policy_id, first_response_at ON items
        WHEN coalesce(old.created_at, old.imported_at) IS NOT coalesce(new.created_at, new.imported_at)
          OR old.sla_policy_id IS NOT new.sla_policy_id OR old.first_response_at IS NOT new.first_response_at BEGIN
        UPDATE item_order SET arrived_at = coalesce(new.created_at, new.imported_at), sla_policy_id = new.sla_policy_id,
          first_response_at = new.first_response_at WHERE id = new.id;
      END;
      CREATE TRIGGER item_order_delete AFTER DELETE ON items BEGIN
        DELETE FROM item_order WHERE id = old.id;
      END;
      -- The label copy (0002) follows a labelled item's status here; its priority is written
      -- with the ordering row's by the code that moves it (queue/order.ts): a trigger on every
      -- priority write costs a business-hours change as much as an index.
      CREATE TRIGGER item_labels_follow_item AFTER UPDATE OF status ON item_order WHEN new.labelled BEGIN
        UPDATE item_labels SET status = new.status WHERE item_id = new.id;
      END;
    `);
  },
};

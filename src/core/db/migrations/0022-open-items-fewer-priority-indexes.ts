import type { Migration } from './types';

// A business-hours change moves the due, and so the priority, of nearly every waiting item
// (sla.recompute_100k_ms). Each priority rewrite is a delete and an insert in every
// index that holds priority: thirteen on items, plus the label copy's trigger. This step
// keeps waiting items out of the ones no view of waiting items needs:
//  - the "all statuses" indexes (0001, 0006) hold decided items only; the queue serves an
//    all-statuses view by merging, in priority order, the waiting items' walks along the
//    status indexes with the decided items' walk along these (src/core/queue/query.ts).
//  - items_type_status_priority and items_action_status_priority (0014) are dropped: no query
//    filters by type or by action needed. A filter that comes to need one adds it back.
//  - the trigger that copies status and priority into item_labels runs only for items with a
//    label (an unlabelled item has no row there; decisions/project.ts keeps the two in step).
// Waiting means 'new' or 'escalated', as in the SLA recompute and summary.
const DECIDED = "status NOT IN ('new', 'escalated')";

export const migration0022: Migration = {
  version: 22,
  name: 'open-items-fewer-priority-indexes',
  up(db) {
    db.exec(`
      DROP INDEX items_type_status_priority;
      DROP INDEX items_action_status_priority;
      DROP INDEX items_priority;
      DROP INDEX items_queue_priority;
      DROP INDEX items_kind_priority;
      DROP INDEX items_platform_priority;
      DROP INDEX items_target_priority;
      CREATE INDEX items_priority ON items (priority DESC, id) WHERE ${DECIDED};
      CREATE INDEX items_queue_priority ON items (queue, priority DESC, id) WHERE ${DECIDED};
      CREATE INDEX items_kind_priority ON items (kind, priority DESC, id) WHERE ${DECIDED};
      CREATE INDEX items_platform_priority ON items (platform, priority DESC, id) WHERE ${DECIDED};
      CREATE INDEX items_target_priority ON items (target, priority DESC, id) WHERE target IS NOT NULL AND ${DECIDED};
      DROP TRIGGER item_labels_follow_item;
      CREATE TRIGGER item_labels_follow_item AFTER UPDATE OF status, priority ON items WHEN new.labels <> '[]' BEGIN
        UPDATE item_labels SET status = new.status, priority = new.priority WHERE item_id = new.id;
      END;
    `);
  },
};

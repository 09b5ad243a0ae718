import type { Migration } from './types';

// A routing rule's assignee or team owns the case its message opens (a rule's actions are
// queue, assignee or team). `owner_routed` says the owner came from a rule, not from a
// person: anyone may take such a case, and answering it takes it, as for an unowned one.
//
// Cases opened before this version whose first message a rule gave to someone, and which no
// person has taken or handed over since, get that owner now.
export const migration0020: Migration = {
  version: 20,
  name: 'routed case owner',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN owner_routed INTEGER NOT NULL DEFAULT 0;
      UPDATE cases SET owner = routed.who, owner_routed = 1
      FROM (SELECT id, coalesce(json_extract(route, '$.assignee'), json_extract(route, '$.team')) AS who FROM items WHERE route IS NOT NULL) AS routed
      WHERE routed.id = cases.root_item AND routed.who IS NOT NULL AND cases.owner IS NULL AND cases.status = 'open'
        AND NOT EXISTS (SELECT 1 FROM events e WHERE e.item_id = cases.root_item AND e.action IN ('case-take', 'case-handover'));
    `);
  },
};

import type { Migration } from './types';

// The label filter with every status ("label X, all statuses, by priority") walked
// item_labels_label_status_priority one status at a time and sorted the whole label in a
// temporary B-tree. This index yields that view already in priority order.
export const migration0005: Migration = {
  version: 5,
  name: 'label-priority',
  up(db) {
    db.exec('CREATE INDEX item_labels_label_priority ON item_labels (label, priority DESC, item_id);');
  },
};

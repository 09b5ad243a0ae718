import type { Migration } from './types';

// "All statuses" within a queue, kind, platform or target (a supervisor's view of everything
// in the reviews queue, say) walked that dimension's (x, status, priority) index one status at
// a time and sorted the whole slice in a temporary B-tree: seconds at a million items. These
// indexes yield those views already in priority order. Decisions do not touch them (they
// hold no status), so a decision costs what it did.
export const migration0006: Migration = {
  version: 6,
  name: 'dimension-priority',
  up(db) {
    db.exec(`
      CREATE INDEX items_queue_priority ON items (queue, priority DESC, id);
      CREATE INDEX items_kind_priority ON items (kind, priority DESC, id);
      CREATE INDEX items_platform_priority ON items (platform, priority DESC, id);
      CREATE INDEX items_target_priority ON items (target, priority DESC, id) WHERE target IS NOT NULL;
    `);
  },
};

// Opening an item from elsewhere (a similar case, a note): the view that holds it is its own
// queue and status, and its place there is where that view's page query puts it; the count
// walks the view's index.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { applyDecision } from '../../src/core/decisions/decide';
import { LOCATE_SQL, locateItem } from '../../src/core/queue/locate';
import { queuePage } from '../../src/core/queue/query';
import { loadWorkload } from '../../src/core/seed/load';
import { actor, onCleanup } from './helpers';
import { plan } from './query-plan';

describe('locating an item for the queue', () => {
  it('gives each item a view that shows it at the index its page query puts it, along the queue-status-priority index', () => {
    const db = openDatabase(':memory:');
    onCleanup(() => db.close());
    loadWorkload(db, { items: 1500, seed: 5, now: Date.UTC(2025, 0, 6) });
    const ids = db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
    applyDecision(db, actor(), { itemIds: ids.filter((_, i) => i % 5 === 0), action: 'approve' });
    // Items of every queue and status, equal priorities among them.
    for (const id of ids.filter((_, i) => i % 97 === 3 || i % 5 === 0).slice(0, 40)) {
      const at = locateItem(db, id);
      expect(at.row.id).toBe(id);
      expect(at.filter).toEqual({ queue: at.row.queue, status: at.row.status });
      expect(queuePage(db, at.filter, at.index, 1).map((r) => r.id)).toEqual([id]);
    }
    const steps = plan(db, LOCATE_SQL, ['mentions', 'new', 0, 0, 1]);
    expect(steps).toContain('item_order_queue_status_priority');
    expect(steps).not.toMatch(/SCAN item_order(?! USING)/);
    expect(() => locateItem(db, 99_999_999)).toThrow(/no item 99999999/);
  });
});

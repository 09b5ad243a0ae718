// The queue as the moderator walks it: a page, the count behind a filter, every queue's counts,
// the values to filter by, and where an item opened from elsewhere stands.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import { facets } from './facets';
import { locateItem } from './locate';
import { queueCount, queueCounts, queuePage } from './query';

type QueueMethods = 'queue.page' | 'queue.count' | 'queue.locate' | 'queue.counts' | 'queue.facets';

export function queueHandlers(db: Database): Pick<CoreHandlers, QueueMethods> {
  return {
    'queue.page': ({ filter, offset, limit }) => ({ rows: queuePage(db, filter, offset, limit), offset }),
    'queue.count': ({ filter }) => ({ total: queueCount(db, filter) }),
    'queue.locate': ({ itemId }) => locateItem(db, itemId),
    'queue.counts': () => queueCounts(db),
    'queue.facets': () => facets(db),
  };
}

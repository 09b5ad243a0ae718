// Exporting the items with their decisions, a page at a time.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import { exportPage } from './export';

export function exportHandlers(db: Database): Pick<CoreHandlers, 'export.page'> {
  return {
    'export.page': ({ format, cursor, limit }) => exportPage(db, format, cursor, limit),
  };
}

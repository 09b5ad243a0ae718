// Applying what the server sends, fast and safe at once: a page (or a snapshot's batch) is
// applied in one transaction with no savepoint per record, the common case; should anything
// in it fail, that transaction is rolled back whole and the same work runs again with a
// savepoint around each record, so that the one that fails is set aside (or skipped) alone
// and the rest is applied. The work must be safe to run twice from the start.
import type { Database } from 'better-sqlite3';

export function withFallback<T>(db: Database, work: (isolate: boolean) => T): T {
  try {
    return db.transaction(() => work(false))();
  } catch {
    return db.transaction(() => work(true))();
  }
}

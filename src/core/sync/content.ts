// Content a connector ingested, arriving from the server: checked again with the import's
// rules (the server is a peer, content is hostile) and stored through the same upserts a local
// import uses, so first verdicts, queues and the scoring pass after it behave the same.
import type { Database } from 'better-sqlite3';
import { normalizeRow } from '../../shared/records';
import type { ServerContent } from '../../shared/sync';
import type { ItemScorer } from '../detection/store/items';
import { upsertAccount } from '../store/accounts';
import { upsertItem } from '../store/items';

/** Inside the caller's transaction; what was stored, and what did not pass the checks. */
export function applyContent(db: Database, content: readonly ServerContent[], now: number, scorer: ItemScorer): { stored: number; invalid: number } {
  let stored = 0;
  let invalid = 0;
  for (const c of content) {
    const n = normalizeRow(c.record, c.type);
    if (!n.ok || n.record.type !== c.type) invalid++;
    else {
      if (n.record.type === 'account') upsertAccount(db, n.record, now);
      else if (n.record.type === 'item') upsertItem(db, n.record, now, scorer);
      stored++;
    }
  }
  return { stored, invalid };
}

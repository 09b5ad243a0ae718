// Content a connector ingested, arriving from the server: checked again with the import's
// rules (the server is a peer, content is hostile) and stored through the same upserts a local
// import uses, so first verdicts, queues and the scoring pass after it behave the same.
import type { Database } from 'better-sqlite3';
import { normalizeRow } from '../../shared/records';
import type { ServerContent } from '../../shared/sync';
import type { ItemScorer } from '../detection/scores/item-scores';
import { upsertAccount } from '../records/accounts';
import { upsertItem } from '../records/items';

/** Inside the caller's transaction; what was stored, and what did not pass the checks. */
/** `isolate`: a savepoint around each record, so that one this database cannot take is skipped alone (see fallback.ts). */
export function applyContent(
  db: Database,
  content: readonly ServerContent[],
  now: number,
  scorer: ItemScorer,
  isolate = true,
): { stored: number; invalid: number } {
  let stored = 0;
  let invalid = 0;
  for (const c of content) {
    const n = normalizeRow(c.record, c.type);
    if (!n.ok || n.record.type !== c.type) {
      invalid++;
      continue;
    }
    const record = n.record;
    const store = () => {
      if (record.type === 'account') upsertAccount(db, record, now);
      else if (record.type === 'item') upsertItem(db, record, now, scorer);
    };
    if (!isolate) {
      store();
      stored++;
      continue;
    }
    try {
      // A savepoint: a record this database cannot take is skipped alone, never the page.
      db.transaction(store)();
      stored++;
    } catch (e) {
      invalid++;
      console.error(
        `vigil: synced ${c.type} ${String(c.record.platform)}/${String(c.record.id)} (server seq ${c.seq}) not stored: ${(e as Error).message}`,
      );
    }
  }
  return { stored, invalid };
}

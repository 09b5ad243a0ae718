import type { Database } from 'better-sqlite3';
import { upsertAccount } from '../records/accounts';
import { upsertFollow } from '../records/follows';
import { upsertItem } from '../records/items';
import { ItemScorer } from '../detection/scores/item-scores';
import { generateWorkload, type WorkloadOptions } from './generate';

const BATCH = 5000;

/** Writes a generated workload straight into the store, through the same upserts an import uses. */
export function loadWorkload(
  db: Database,
  opts: WorkloadOptions,
  onProgress?: (itemsDone: number) => void,
): { items: number; accounts: number; follows: number } {
  const counts = { items: 0, accounts: 0, follows: 0 };
  const now = Date.now();
  let batch: ReturnType<typeof generateWorkload> extends Generator<infer R> ? R[] : never = [];
  const scorer = new ItemScorer(db, {});
  const flush = db.transaction((rows: typeof batch) => {
    for (const r of rows) {
      if (r.type === 'account') upsertAccount(db, r, now);
      else if (r.type === 'item') upsertItem(db, r, now, scorer);
      else upsertFollow(db, r, now);
    }
  });
  for (const r of generateWorkload(opts)) {
    counts[r.type === 'account' ? 'accounts' : r.type === 'item' ? 'items' : 'follows']++;
    batch.push(r);
    if (batch.length >= BATCH) {
      flush(batch);
      batch = [];
      onProgress?.(counts.items);
    }
  }
  flush(batch);
  onProgress?.(counts.items);
  return counts;
}

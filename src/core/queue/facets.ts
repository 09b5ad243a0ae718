import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';

/**
 * Distinct values of an indexed column by hopping from one value to the next through the
 * index (a loose index scan): one seek per distinct value instead of reading every row.
 */
function distinct(db: Database, sql: string, cap: number): string[] {
  const next = stmt<[string], { v: string | null }>(db, sql);
  const out: string[] = [];
  let last = '';
  while (out.length < cap) {
    const v = next.get(last)?.v;
    if (v === null || v === undefined) break;
    out.push(v);
    last = v;
  }
  return out;
}

export function facets(db: Database): { labels: string[]; platforms: string[]; queues: string[]; targets: string[] } {
  return {
    labels: distinct(db, 'SELECT min(label) AS v FROM item_labels WHERE label > ?', 500),
    platforms: distinct(db, 'SELECT min(platform) AS v FROM item_order WHERE platform > ?', 100),
    queues: distinct(db, 'SELECT min(queue) AS v FROM queue_counts WHERE queue > ? AND n > 0', 200),
    targets: distinct(db, 'SELECT min(target) AS v FROM item_order WHERE target > ?', 500),
  };
}

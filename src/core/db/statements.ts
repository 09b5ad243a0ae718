import type { Database, Statement } from 'better-sqlite3';

const caches = new WeakMap<Database, Map<string, Statement>>();

/** A prepared statement, compiled once per connection. All SQL in core goes through here or
 * through db.prepare with bound parameters: values are never spliced into SQL text. */
export function stmt<P extends unknown[] | Record<string, unknown> = unknown[], R = unknown>(db: Database, sql: string): Statement<P, R> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s as unknown as Statement<P, R>;
}

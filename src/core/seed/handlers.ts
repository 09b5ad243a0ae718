// demo.load: a generated workload to try the app on, arriving as if live.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import { loadWorkload } from './load';

export function demoHandlers(db: Database, now: () => number): Pick<CoreHandlers, 'demo.load'> {
  return {
    'demo.load': ({ items, seed }) => loadWorkload(db, { items, seed, now: now(), arrivals: 'live' }),
  };
}

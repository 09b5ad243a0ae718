// Server events that arrive before their item (see migration 0011) wait here, and join the log
// in server order the moment the item is stored, whether it came by sync or by a local import.
import type { Database } from 'better-sqlite3';
import type { ServerEvent } from '../../shared/sync';
import { stmt } from '../db/statements';
import { reproject } from '../decisions/project';
import { takeEvent } from './take-event';

export function park(db: Database, e: ServerEvent, now: number): void {
  stmt(
    db,
    `INSERT INTO parked_events (event_id, server_seq, platform, external_id, body, parked_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (event_id) DO UPDATE SET server_seq = excluded.server_seq, body = excluded.body`,
  ).run(e.id, e.seq, e.platform, e.externalId, JSON.stringify(e), now);
}

/** Applies what waited for a newly stored item; inside the caller's transaction. How many. */
export function adoptParked(db: Database, platform: string, externalId: string, itemId: number, now: number): number {
  const waiting = stmt<[string, string], { event_id: string; body: string }>(
    db,
    'SELECT event_id, body FROM parked_events WHERE platform = ? AND external_id = ? ORDER BY server_seq',
  ).all(platform, externalId);
  if (!waiting.length) return 0;
  for (const w of waiting) {
    takeEvent(db, parkedEvent(w.body), itemId, now);
    stmt(db, 'DELETE FROM parked_events WHERE event_id = ?').run(w.event_id);
  }
  reproject(db, itemId);
  return waiting.length;
}

/** A parked event as stored: one parked before schema 4 carried the server's verdict in `reason`. */
function parkedEvent(body: string): ServerEvent {
  const e = JSON.parse(body) as Record<string, unknown>;
  return ('verdict' in e ? e : { ...e, verdict: e.reason ?? null, reason: null }) as ServerEvent;
}

export function parkedCount(db: Database): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM parked_events').get()!.n;
}

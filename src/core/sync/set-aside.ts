// Server events kept beside the log instead of in it, each with its reason: 'refused' — another
// workstation's event the server refused (evidence of what was tried, never state) — and
// 'unappliable' — an event this workstation could not take into its log. Neither stops a pull;
// both are counted in the sync status and listed for people to see.
import type { Database } from 'better-sqlite3';
import type { SetAsideEvent } from '../../shared/model';
import type { ServerEvent } from '../../shared/sync';
import { stmt } from '../db/statements';

export function setAside(db: Database, e: ServerEvent, kind: SetAsideEvent['kind'], reason: string, now: number): void {
  stmt(
    db,
    `INSERT INTO set_aside_events (event_id, server_seq, platform, external_id, kind, reason, body, set_aside_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (event_id) DO NOTHING`,
  ).run(e.id, e.seq, e.platform, e.externalId, kind, reason, JSON.stringify(e), now);
}

export function setAsideCount(db: Database, kind: SetAsideEvent['kind']): number {
  return stmt<[string], { n: number }>(db, 'SELECT count(*) AS n FROM set_aside_events WHERE kind = ?').get(kind)!.n;
}

/** Newest first (served by set_aside_kind). */
export function listSetAside(db: Database, kind: SetAsideEvent['kind'], limit: number): SetAsideEvent[] {
  return stmt<
    [string, number],
    { event_id: string; server_seq: number; platform: string; external_id: string; reason: string; body: string; set_aside_at: number }
  >(
    db,
    'SELECT event_id, server_seq, platform, external_id, reason, body, set_aside_at FROM set_aside_events WHERE kind = ? ORDER BY set_aside_at DESC LIMIT ?',
  )
    .all(kind, limit)
    .map((r) => {
      const e = JSON.parse(r.body) as ServerEvent;
      return {
        eventId: r.event_id,
        kind,
        serverSeq: r.server_seq,
        platform: r.platform,
        externalId: r.external_id,
        action: e.action,
        by: e.by,
        at: e.receivedAt,
        reason: r.reason,
      };
    });
}

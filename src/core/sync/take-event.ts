// One server event into the local log, on an item this workstation has: stored once (a pull
// repeated, or this workstation's own event coming back, adds nothing) and the server's verdict
// noted beside it. The caller re-projects the item and owns the transaction.
import type { Database } from 'better-sqlite3';
import { CONFIG_ACTION } from '../../shared/config-sync';
import type { ServerEvent } from '../../shared/sync';
import { storeEvent } from '../decisions/log';
import { stmt } from '../db/statements';
import { openConflict, settleBy } from './conflicts';

/** Whether the event was new here. */
export function takeEvent(db: Database, e: ServerEvent, itemId: number, now: number): boolean {
  // A configuration change never acts on an item (apply.ts sends those to their own log).
  if (e.action === CONFIG_ACTION) return false;
  const fresh = !stmt<[string], { id: string }>(db, 'SELECT id FROM events WHERE id = ?').get(e.id);
  if (fresh) {
    storeEvent(db, {
      id: e.id, itemId, action: e.action, actor: e.actor, createdAt: e.createdAt, reason: e.reason ?? null, labels: e.labels,
      note: e.note ?? null, payload: e.payload ?? null, undoOf: e.undoOf ?? null, clientId: e.clientId, clientSeq: e.clientSeq,
      baseVersion: e.baseVersion,
    });
  }
  stmt(
    db,
    `INSERT INTO event_sync (event_id, server_seq, status, reason, synced_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (event_id) DO UPDATE SET server_seq = excluded.server_seq, status = excluded.status, reason = excluded.reason`,
  ).run(e.id, e.seq, e.status, e.reason, now);
  // Conflicts are known on every workstation, and a supervisor's resolution settles them.
  if (e.status === 'conflict') openConflict(db, e.id, itemId, now);
  else if (e.status === 'accepted') settleBy(db, e);
  return fresh;
}

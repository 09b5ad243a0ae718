// Pulling: a page of server events and the cursor after it go in one transaction. Events of
// other workstations join the local log (and the items they act on are folded again); this
// workstation's own come back with the server's verdict.
import type { Database } from 'better-sqlite3';
import type { ServerEvent } from '../../shared/sync';
import { stmt } from '../db/statements';
import { reproject } from '../decisions/project';
import { storeEvent } from '../decisions/log';
import { openConflict, settleBy } from './conflicts';
import { setCursor } from './state';

export interface Applied {
  applied: number;
  /** Events about items this workstation does not have (yet): counted, not lost (the server keeps them). */
  unknownItems: number;
}

export function applyPage(db: Database, events: readonly ServerEvent[], cursor: number, now: number): Applied {
  return db.transaction(() => {
    let applied = 0;
    let unknownItems = 0;
    const touched = new Set<number>();
    const known = stmt<[string], { id: string }>(db, 'SELECT id FROM events WHERE id = ?');
    const itemOf = stmt<[string, string], { id: number }>(db, 'SELECT id FROM items WHERE platform = ? AND external_id = ?');
    const verdict = stmt(
      db,
      `INSERT INTO event_sync (event_id, server_seq, status, reason, synced_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (event_id) DO UPDATE SET server_seq = excluded.server_seq, status = excluded.status, reason = excluded.reason`,
    );
    for (const e of events) {
      const item = itemOf.get(e.platform, e.externalId);
      if (!item) {
        unknownItems++;
        continue;
      }
      if (!known.get(e.id)) {
        storeEvent(db, {
          id: e.id, itemId: item.id, action: e.action, actor: e.actor, createdAt: e.createdAt, reason: e.reason ?? null, labels: e.labels,
          note: e.note ?? null, payload: e.payload ?? null, undoOf: e.undoOf ?? null, clientId: e.clientId, clientSeq: e.clientSeq,
          baseVersion: e.baseVersion,
        });
        applied++;
      }
      verdict.run(e.id, e.seq, e.status, e.reason, now);
      if (e.status === 'conflict') openConflict(db, e.id, item.id, now);
      else if (e.status === 'accepted') settleBy(db, e);
      touched.add(item.id);
    }
    for (const id of touched) reproject(db, id);
    setCursor(db, cursor);
    return { applied, unknownItems };
  })();
}

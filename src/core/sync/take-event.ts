// One server event into the local log, on an item this workstation has: stored once (a pull
// repeated, or this workstation's own event coming back, adds nothing) with the server's verdict
// and its author of record beside it. An event this workstation cannot take is set aside with
// its reason, never allowed to stop the page: one another workstation's push got refused is
// kept as evidence only, and one that cannot be applied here (whatever the cause) waits beside
// the log, counted and shown. The caller re-projects the item and owns the transaction.
import type { Database } from 'better-sqlite3';
import { CONFIG_ACTION } from '../../shared/config-sync';
import type { ServerEvent } from '../../shared/sync';
import { storeEvent } from '../decisions/log';
import { stmt } from '../db/statements';
import { openConflict, settleBy } from './conflicts';
import { setAside } from './set-aside';

/** What became of the event: a new entry in the log, one the log had, or set aside. */
export type Taken = 'new' | 'known' | 'set-aside';

/**
 * Why an undo from the server cannot join this log, or null. Only an undo the server accepted
 * stands in its way: one made here and not answered yet, or refused, does not (the server's
 * accepted undo is the record; the one made here is refused when it arrives).
 */
function undoProblem(db: Database, e: ServerEvent, itemId: number): string | null {
  if (!e.undoOf) return null;
  const target = stmt<[string], { item_id: number; undone: string | null }>(
    db,
    `SELECT e.item_id, (SELECT u.id FROM events u JOIN event_sync us ON us.event_id = u.id
       WHERE u.undo_of = e.id AND us.status = 'accepted' LIMIT 1) AS undone
     FROM events e WHERE e.id = ?`,
  ).get(e.undoOf);
  if (!target) return 'it undoes an event this workstation does not have';
  if (target.item_id !== itemId) return 'it undoes an event on another item';
  if (target.undone) return `the event it undoes was already undone here (by ${target.undone})`;
  return null;
}

function noteVerdict(db: Database, e: ServerEvent, now: number): void {
  stmt(
    db,
    `INSERT INTO event_sync (event_id, server_seq, status, reason, synced_at, author, author_role, received_at, claimed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (event_id) DO UPDATE SET server_seq = excluded.server_seq, status = excluded.status, reason = excluded.reason,
       author = excluded.author, author_role = excluded.author_role, received_at = excluded.received_at, claimed = excluded.claimed`,
  ).run(e.id, e.seq, e.status, e.verdict, now, e.by, e.role ?? null, e.receivedAt, e.actor !== e.by ? e.actor : null);
}

/** `isolate`: a savepoint around the store, so that a failure sets this event aside alone (see fallback.ts). */
export function takeEvent(db: Database, e: ServerEvent, itemId: number, now: number, isolate = true): Taken {
  // A configuration change never acts on an item (apply.ts sends those to their own log).
  if (e.action === CONFIG_ACTION) return 'known';
  const action = e.action;
  const known = !!stmt<[string], { id: string }>(db, 'SELECT id FROM events WHERE id = ?').get(e.id);
  if (!known) {
    // Another workstation's refused event is not part of anyone's state: kept as evidence.
    if (e.status === 'rejected') {
      setAside(db, e, 'refused', e.verdict ?? 'refused by the server', now);
      return 'set-aside';
    }
    const problem = undoProblem(db, e, itemId);
    if (problem) {
      setAside(db, e, 'unappliable', problem, now);
      return 'set-aside';
    }
    const store = () => {
      storeEvent(db, {
        // The author of record is the server's: the name the other workstation wrote is only a hint (noteVerdict keeps it).
        id: e.id,
        itemId,
        action,
        actor: e.by,
        createdAt: e.createdAt,
        reason: e.reason ?? null,
        labels: e.labels,
        note: e.note ?? null,
        payload: e.payload ?? null,
        undoOf: e.undoOf ?? null,
        clientId: e.clientId,
        clientSeq: e.clientSeq,
        baseVersion: e.baseVersion,
      });
      noteVerdict(db, e, now);
    };
    if (!isolate) store();
    else {
      try {
        // A savepoint: whatever this one event breaks is rolled back alone.
        db.transaction(store)();
      } catch (err) {
        setAside(db, e, 'unappliable', `this workstation could not store it: ${(err as Error).message}`, now);
        return 'set-aside';
      }
    }
  } else {
    noteVerdict(db, e, now);
  }
  // Conflicts are known on every workstation, and a supervisor's resolution settles them.
  if (e.status === 'conflict') openConflict(db, e.id, itemId, now);
  else if (e.status === 'accepted') settleBy(db, e);
  return known ? 'known' : 'new';
}

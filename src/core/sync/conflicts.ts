// Disagreements the server found, kept until a supervisor settles them. A conflict is opened
// when this workstation learns of one (its own push answered `conflict`, or another's pulled);
// a resolution is a new decision naming the conflicting events, so the log keeps every side
// and the item ends as the supervisor said. Nothing is settled by whoever wrote last.
import type { Database } from 'better-sqlite3';
import { VigilFailure } from '../../shared/errors';
import type { ConflictView, DecisionAction, DecisionOutcome, FlaggedWork, ItemKind, ItemStatus } from '../../shared/model';
import { resolvedBy } from '../../shared/sync';
import { stmt } from '../db/statements';
import type { Actor } from '../decisions/log';
import { recordEvents } from '../decisions/project';
import { connection } from './state';

export function openConflict(db: Database, eventId: string, itemId: number, now: number): void {
  stmt(db, 'INSERT INTO conflicts (event_id, item_id, found_at) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING').run(eventId, itemId, now);
}

/** A resolution was stored (made here or pulled): the conflicts it names are settled. */
export function settleBy(db: Database, e: { id: string; payload?: Record<string, unknown> | null }): void {
  const ids = resolvedBy(e);
  if (!ids) return;
  const settle = stmt(db, 'UPDATE conflicts SET resolved_by = ? WHERE event_id = ? AND resolved_by IS NULL');
  for (const id of ids) settle.run(e.id, id);
}

/** The server refused a resolution made here: what it named is open again. */
export function unsettle(db: Database, resolutionId: string): void {
  stmt(db, 'UPDATE conflicts SET resolved_by = NULL WHERE resolved_by = ?').run(resolutionId);
}

export function openConflictCount(db: Database): number {
  return stmt<[], { n: number }>(db, 'SELECT count(DISTINCT item_id) AS n FROM conflicts WHERE resolved_by IS NULL').get()!.n;
}

interface ConflictRow {
  event_id: string;
  item_id: number;
  found_at: number;
  action: string;
  actor: string;
  created_at: number;
  reason: string | null;
  platform: string;
  external_id: string;
  kind: ItemKind;
  text: string;
  handle: string | null;
  status: ItemStatus;
  decided_by: string | null;
  decided_at: number | null;
}

/** Open conflicts, oldest first, one entry per item with every decision that clashed on it. */
export function listConflicts(db: Database, limit: number): ConflictView[] {
  const rows = stmt<[number], ConflictRow>(
    db,
    `WITH open AS (
       SELECT item_id, min(found_at) AS first FROM conflicts WHERE resolved_by IS NULL GROUP BY item_id ORDER BY first LIMIT ?
     )
     SELECT c.event_id, c.item_id, o.first AS found_at, e.action, e.actor, e.created_at, s.reason,
       i.platform, i.external_id, i.kind, i.text, a.handle, i.status, i.decided_by, i.decided_at
     FROM open o JOIN conflicts c ON c.item_id = o.item_id AND c.resolved_by IS NULL
       JOIN events e ON e.id = c.event_id LEFT JOIN event_sync s ON s.event_id = c.event_id
       JOIN items i ON i.id = c.item_id LEFT JOIN accounts a ON a.id = i.author_id
     ORDER BY o.first, c.item_id, e.created_at`,
  ).all(limit);
  const out = new Map<number, ConflictView>();
  for (const r of rows) {
    let v = out.get(r.item_id);
    if (!v) {
      v = {
        itemId: r.item_id, platform: r.platform, externalId: r.external_id, kind: r.kind, text: r.text, authorHandle: r.handle,
        standing: { status: r.status, by: r.decided_by, at: r.decided_at }, contenders: [], foundAt: r.found_at,
      };
      out.set(r.item_id, v);
    }
    v.contenders.push({ eventId: r.event_id, action: r.action, actor: r.actor, createdAt: r.created_at, reason: r.reason });
  }
  return [...out.values()];
}

/** Flagged work, newest first (served by event_sync_flagged). */
export function listFlagged(db: Database, limit: number): FlaggedWork[] {
  return stmt<[number], FlaggedWork>(
    db,
    `SELECT s.event_id AS eventId, e.item_id AS itemId, i.platform, i.external_id AS externalId, e.action, e.actor, e.created_at AS createdAt,
       s.reason, i.text
     FROM event_sync s JOIN events e ON e.id = s.event_id JOIN items i ON i.id = e.item_id
     WHERE s.status = 'accepted' AND s.reason IS NOT NULL ORDER BY s.synced_at DESC LIMIT ?`,
  ).all(limit);
}

const RESOLVERS = new Set(['supervisor', 'admin']);

/**
 * A supervisor's call on an item in conflict: one decision, naming every open conflict on the
 * item, recorded like any other (and pushed). The server checks the role again.
 */
export function resolveConflict(db: Database, who: Actor, itemId: number, action: DecisionAction, reason: string | undefined): DecisionOutcome[] {
  const role = connection(db)?.role;
  if (!role || !RESOLVERS.has(role)) {
    throw new VigilFailure('action_refused', 'Only a supervisor resolves conflicts: sign this workstation in to the server as a supervisor.');
  }
  return db.transaction(() => {
    const ids = stmt<[number], { event_id: string }>(db, 'SELECT event_id FROM conflicts WHERE item_id = ? AND resolved_by IS NULL ORDER BY found_at')
      .all(itemId)
      .map((r) => r.event_id);
    if (!ids.length) throw new VigilFailure('not_found', `Item ${itemId} has no open conflict: someone may have resolved it already.`);
    const outcomes = recordEvents(db, who, [{ itemId, action, reason: reason ?? 'conflict resolved', payload: { resolves: ids } }]);
    settleBy(db, { id: outcomes[0]!.eventId, payload: { resolves: ids } });
    return outcomes;
  })();
}

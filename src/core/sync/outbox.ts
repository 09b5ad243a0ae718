// Pushing: outbox rows become protocol events (items named by platform and platform id, since
// row ids are this workstation's own), and each outcome the server gives is recorded beside
// the event. Nothing leaves the outbox without an outcome.
import type { Database } from 'better-sqlite3';
import type { EventColumnsRow } from '../decisions/log';
import type { PushOutcome, SyncEvent } from '../../shared/sync';
import { stmt } from '../db/statements';
import { reproject } from '../decisions/project';
import { openConflict, unsettle } from './conflicts';

interface OutboxRow extends EventColumnsRow {
  seq: number;
  platform: string;
  external_id: string;
  client_id: string;
  client_seq: number;
  base_version: number;
}

export function outboxSize(db: Database): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM outbox').get()!.n;
}

/** The oldest waiting events, in the order they were made. */
export function outboxBatch(db: Database, limit: number): { seq: number; itemId: number; event: SyncEvent }[] {
  return stmt<[number], OutboxRow>(
    db,
    `SELECT e.seq, e.id, e.item_id, i.platform, i.external_id, e.action, e.actor, e.created_at, e.reason, e.labels, e.note, e.payload,
       e.client_id, e.client_seq, e.base_version, e.undo_of
     FROM outbox o JOIN events e ON e.seq = o.event_seq JOIN items i ON i.id = e.item_id ORDER BY o.event_seq LIMIT ?`,
  )
    .all(limit)
    .map((r) => ({
      seq: r.seq,
      itemId: r.item_id,
      event: {
        id: r.id,
        clientId: r.client_id,
        clientSeq: r.client_seq,
        platform: r.platform,
        externalId: r.external_id,
        action: r.action,
        baseVersion: r.base_version,
        actor: r.actor,
        createdAt: r.created_at,
        reason: r.reason,
        note: r.note,
        undoOf: r.undo_of,
        ...(r.labels ? { labels: JSON.parse(r.labels) as string[] } : {}),
        ...(r.payload ? { payload: JSON.parse(r.payload) as Record<string, unknown> } : {}),
      },
    }));
}

/**
 * Records what the server said of each pushed event and takes it out of the outbox, in one
 * transaction. `by`: the signed-in user who pushed them, their author of record from now on.
 */
export function recordOutcomes(
  db: Database,
  batch: readonly { seq: number; itemId: number; event: SyncEvent }[],
  results: readonly PushOutcome[],
  now: number,
  by: { name: string; role: string },
): void {
  const byId = new Map(results.map((r) => [r.id, r]));
  db.transaction(() => {
    const touched = new Set<number>();
    for (const b of batch) {
      const r = byId.get(b.event.id);
      if (!r) continue; // not answered: stays in the outbox for the next push
      // A replay of an event the server already has: what it made of the first (a server of
      // schema 3 said only "duplicate", which then meant it had taken it).
      const status = r.status === 'duplicate' ? (r.stored ?? 'accepted') : r.status;
      stmt(
        db,
        `INSERT INTO event_sync (event_id, server_seq, status, reason, synced_at, author, author_role, claimed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (event_id) DO UPDATE SET server_seq = excluded.server_seq, status = excluded.status, reason = excluded.reason,
           author = coalesce(event_sync.author, excluded.author), author_role = coalesce(event_sync.author_role, excluded.author_role),
           claimed = coalesce(event_sync.claimed, excluded.claimed)`,
      ).run(b.event.id, r.seq, status, r.reason ?? null, now, by.name, by.role, b.event.actor !== by.name ? b.event.actor : null);
      stmt(db, 'DELETE FROM outbox WHERE event_seq = ?').run(b.seq);
      if (status === 'conflict') openConflict(db, b.event.id, b.itemId, now);
      if (status === 'rejected') unsettle(db, b.event.id);
      if (status !== 'accepted') touched.add(b.itemId);
    }
    // A refused or conflicting decision no longer counts in the item's state here either.
    for (const itemId of touched) reproject(db, itemId);
  })();
}

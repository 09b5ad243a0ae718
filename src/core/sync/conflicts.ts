// Disagreements the server found, kept until a supervisor settles them. A conflict is opened
// when this workstation learns of one (its own push answered `conflict`, or another's pulled);
// a resolution is a new decision naming the conflicting events, so the log keeps every side
// and the item ends as the supervisor said. Nothing is settled by whoever wrote last.
import type { Database } from 'better-sqlite3';
import { VigilFailure } from '../../shared/errors';
import {
  DECISION_ACTIONS,
  DECISION_STATUS,
  type ConflictView,
  type DecisionAction,
  type DecisionOutcome,
  type FlaggedWork,
  type ItemKind,
  type ItemStatus,
} from '../../shared/model';
import { RESOLUTION_REASON_MIN } from '../../shared/event-rules';
import { resolvedBy } from '../../shared/sync';
import { stmt } from '../db/statements';
import { authorOf, type Actor } from '../decisions/log';
import { recordEvents } from '../decisions/project';
import { undoneSql } from '../decisions/undone';

export function openConflict(db: Database, eventId: string, itemId: number, now: number): void {
  stmt(db, 'INSERT INTO conflicts (event_id, item_id, found_at) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING').run(
    eventId,
    itemId,
    now,
  );
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
  author: string | null;
  claimed: string | null;
  created_at: number;
  said: string | null;
  reason: string | null;
  platform: string;
  external_id: string;
  kind: ItemKind;
  text: string;
  handle: string | null;
  status: ItemStatus;
  decided_by: string | null;
  decided_at: number | null;
  risk: number;
  detection: string | null;
}

type Scores = ConflictView['scores'];

/** Detection's scores as the item holds them (items.detection), or null for an item not scored. */
function scoresOf(risk: number, detection: string | null): Scores {
  if (!detection) return null;
  let d: Record<string, { score?: unknown } | undefined>;
  try {
    d = JSON.parse(detection) as typeof d;
  } catch {
    return { risk, spam: null, review: null, author: null };
  }
  const score = (v: { score?: unknown } | undefined) => (typeof v?.score === 'number' ? v.score : null);
  return { risk, spam: score(d.spam), review: score(d.review), author: score(d.author) };
}

const DECIDING = JSON.stringify(DECISION_ACTIONS);

/**
 * The decision that set the item's status, as its history folds it (server order, then what
 * waits to be answered): the last decision counted and not undone, if it left this status.
 */
function standingDecision(db: Database, itemId: number, status: ItemStatus): ConflictView['standing']['decision'] {
  const r = stmt<
    [number, string],
    {
      id: string;
      action: DecisionAction;
      actor: string;
      author: string | null;
      claimed: string | null;
      created_at: number;
      reason: string | null;
      synced: number;
    }
  >(
    db,
    `SELECT e.id, e.action, e.actor, s.author, s.claimed, e.created_at, e.reason, s.event_id IS NOT NULL AS synced
     FROM events e LEFT JOIN event_sync s ON s.event_id = e.id
     WHERE e.item_id = ? AND e.action IN (SELECT value FROM json_each(?)) AND (s.status IS NULL OR s.status = 'accepted')
       AND NOT ${undoneSql()}
     ORDER BY s.server_seq IS NULL DESC, s.server_seq DESC, e.seq DESC LIMIT 1`,
  ).get(itemId, DECIDING);
  if (!r || DECISION_STATUS[r.action] !== status) return null;
  return { eventId: r.id, action: r.action, author: authorOf(r), createdAt: r.created_at, said: r.reason, synced: r.synced === 1 };
}

/** Open conflicts, oldest first, one entry per item with every decision that clashed on it. */
export function listConflicts(db: Database, limit: number): ConflictView[] {
  const rows = stmt<[number], ConflictRow>(
    db,
    `WITH open AS (
       SELECT item_id, min(found_at) AS first FROM conflicts WHERE resolved_by IS NULL GROUP BY item_id ORDER BY first LIMIT ?
     )
     SELECT c.event_id, c.item_id, o.first AS found_at, e.action, e.actor, s.author, s.claimed, e.created_at, e.reason AS said, s.reason,
       i.platform, i.external_id, i.kind, i.text, a.handle, i.status, i.decided_by, i.decided_at, i.risk, i.detection
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
        itemId: r.item_id,
        platform: r.platform,
        externalId: r.external_id,
        kind: r.kind,
        text: r.text,
        authorHandle: r.handle,
        scores: scoresOf(r.risk, r.detection),
        standing: { status: r.status, by: r.decided_by, at: r.decided_at, decision: standingDecision(db, r.item_id, r.status) },
        contenders: [],
        foundAt: r.found_at,
      };
      out.set(r.item_id, v);
    }
    const author = authorOf(r);
    v.contenders.push({
      eventId: r.event_id,
      action: r.action,
      actor: author.name,
      author,
      createdAt: r.created_at,
      reason: r.reason,
      said: r.said,
    });
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

/**
 * A supervisor's call on an item in conflict: one decision, naming every open conflict on the
 * item, recorded like any other (and pushed), with the supervisor's reason: the people whose
 * decision was overruled read why. Only a supervisor signed in may call it (api/traits.ts);
 * the server checks the role again.
 */
export function resolveConflict(db: Database, who: Actor, itemId: number, action: DecisionAction, reason: string): DecisionOutcome[] {
  const why = reason.trim();
  if (why.length < RESOLUTION_REASON_MIN) {
    throw new VigilFailure(
      'invalid_args',
      'Say why you settle it this way (a reason of 3 characters or more): it is recorded with the resolution for everyone whose decision it overrules.',
    );
  }
  return db.transaction(() => {
    const ids = stmt<[number], { event_id: string }>(
      db,
      'SELECT event_id FROM conflicts WHERE item_id = ? AND resolved_by IS NULL ORDER BY found_at',
    )
      .all(itemId)
      .map((r) => r.event_id);
    if (!ids.length) throw new VigilFailure('not_found', `Item ${itemId} has no open conflict: someone may have resolved it already.`);
    const outcomes = recordEvents(db, who, [{ itemId, action, reason: why, payload: { resolves: ids } }]);
    settleBy(db, { id: outcomes[0]!.eventId, payload: { resolves: ids } });
    return outcomes;
  })();
}

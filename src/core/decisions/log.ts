import { createHash } from 'node:crypto';
import { replyTextKey } from '../triage/answer/personal';
import type { Database } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { EventAction, EventView, ReplyDelivery } from '../../shared/model';
import { stmt } from '../db/statements';
import { recordMentions } from '../notes/mentions';
import { DELIVERY_COLUMNS, deliveryOf, hasServer, replyPlace, type DeliveryRow } from '../sync/acks';
import type { FoldEvent } from './fold';
import { undoneBySql } from './undone';

export interface Actor {
  actor: string;
  clientId: string;
  now(): number;
}

export interface NewEvent {
  itemId: number;
  action: EventAction;
  reason?: string | null | undefined;
  labels?: string[] | undefined;
  note?: string | null | undefined;
  payload?: Record<string, unknown> | null | undefined;
  undoOf?: string | null | undefined;
}

/** The columns of an `events` row that say what was done, as SQLite gives them back (JSON as text). */
export interface EventColumnsRow {
  id: string;
  item_id: number;
  action: EventAction;
  actor: string;
  created_at: number;
  reason: string | null;
  labels: string | null;
  note: string | null;
  payload: string | null;
  undo_of: string | null;
}

interface EventRow extends EventColumnsRow {
  seq: number;
}

const GENESIS = '0'.repeat(64);

/**
 * Appends one event to the log and queues it for sync. Must run inside the caller's
 * transaction, together with the projection update, so the two can never disagree.
 * Each event's hash covers the previous one's: the local log is tamper-evident.
 */
export function appendEvent(db: Database, who: Actor, e: NewEvent, baseVersion: number): { id: string; seq: number } {
  const seqRow = stmt<[string], { n: number | null }>(db, 'SELECT max(client_seq) AS n FROM events WHERE client_id = ?').get(who.clientId);
  const r = storeEvent(db, {
    ...e,
    id: uuidv7(),
    actor: who.actor,
    createdAt: who.now(),
    clientId: who.clientId,
    clientSeq: (seqRow?.n ?? 0) + 1,
    baseVersion,
  });
  stmt(db, 'INSERT INTO outbox (event_seq, enqueued_at) VALUES (?, ?)').run(r.seq, who.now());
  return r;
}

/** An event with all its identity given: one made here (appendEvent) or one pulled from the server. */
export interface StoredEvent extends NewEvent {
  id: string;
  actor: string;
  createdAt: number;
  clientId: string;
  clientSeq: number;
  baseVersion: number;
}

/** Appends to the hash chain; must run inside the caller's transaction. */
export function storeEvent(db: Database, e: StoredEvent): { id: string; seq: number } {
  const { id, createdAt } = e;
  const last = stmt<[], { hash: string }>(db, 'SELECT hash FROM events ORDER BY seq DESC LIMIT 1').get();
  const prevHash = last?.hash ?? GENESIS;
  const labels = e.labels?.length ? JSON.stringify(e.labels) : null;
  const payload = e.payload ? JSON.stringify(e.payload) : null;
  const body = [
    id,
    e.itemId,
    e.action,
    e.actor,
    createdAt,
    e.reason ?? null,
    labels,
    e.note ?? null,
    payload,
    e.clientId,
    e.clientSeq,
    e.baseVersion,
    e.undoOf ?? null,
  ];
  const hash = createHash('sha256').update(prevHash).update(JSON.stringify(body)).digest('hex');
  const info = stmt(
    db,
    `INSERT INTO events (id, item_id, action, actor, created_at, reason, labels, note, payload, client_id, client_seq,
       base_version, undo_of, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...body, prevHash, hash);
  const seq = Number(info.lastInsertRowid);
  // Local or pulled, a reply is filed by its words for the personalisation check (triage/answer/check.ts).
  if (e.action === 'reply' && e.note)
    stmt(db, 'INSERT INTO reply_texts (seq, text_key, created_at) VALUES (?, ?, ?)').run(seq, replyTextKey(e.note), createdAt);
  // Local or pulled, a note's mentions are filed as it is logged (its text is indexed by a trigger).
  if (e.action === 'note' && e.note) recordMentions(db, seq, e.note);
  return { id, seq };
}

function parseList(s: string | null): string[] {
  return s ? (JSON.parse(s) as string[]) : [];
}

function toFold(r: EventRow): FoldEvent {
  return {
    id: r.id,
    action: r.action,
    actor: r.actor,
    createdAt: r.created_at,
    labels: parseList(r.labels),
    payload: r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : null,
    undoOf: r.undo_of,
  };
}

const EVENT_COLUMNS = 'seq, id, item_id, action, actor, created_at, reason, labels, note, payload, undo_of';

/**
 * The events that make the item's state: those the server refused or put in conflict do not.
 * In the server's order, then those it has not answered yet: every replica folds the same
 * sequence, whatever order the events reached it in (label changes, claims and releases do
 * not commute).
 */
export function eventsOfItem(db: Database, itemId: number): FoldEvent[] {
  return stmt<[number], EventRow>(
    db,
    // The author of record is the server's where it has spoken (the name made here may differ for work done before a sign-in).
    `SELECT ${EVENT_COLUMNS.split(', ')
      .map((c) => (c === 'actor' ? 'coalesce(s.author, e.actor) AS actor' : `e.${c}`))
      .join(', ')}
     FROM events e LEFT JOIN event_sync s ON s.event_id = e.id
     WHERE e.item_id = ? AND (s.status IS NULL OR s.status = 'accepted') ORDER BY s.server_seq IS NULL, s.server_seq, e.seq`,
  )
    .all(itemId)
    .map(toFold);
}

/**
 * Who an event is by, honestly: the server's author of record once it has one; before that, the
 * name this workstation recorded, not verified by any server. `wrote`: a different name written
 * in the event (work done under a local name before a sign-in, or a client's claim).
 */
export function authorOf(r: { actor: string; author: string | null; claimed: string | null }): EventView['author'] {
  if (r.author === null) return { name: r.actor, verified: false, wrote: null };
  const wrote = r.claimed ?? (r.actor !== r.author ? r.actor : null);
  return { name: r.author, verified: true, wrote };
}

const withDelivery = (delivery: ReplyDelivery | undefined) => (delivery ? { delivery } : {});

export function eventViewsOfItem(db: Database, itemId: number): EventView[] {
  const rows = stmt<
    [number],
    EventRow &
      DeliveryRow & {
        sync_status: 'accepted' | 'conflict' | 'rejected' | null;
        sync_reason: string | null;
        resolved_by: string | null;
        author: string | null;
        claimed: string | null;
      }
  >(
    db,
    `SELECT ${EVENT_COLUMNS.split(', ')
      .map((c) => `e.${c}`)
      .join(', ')}, s.status AS sync_status, s.reason AS sync_reason, c.resolved_by,
       s.author, s.claimed, ${DELIVERY_COLUMNS}
     FROM events e LEFT JOIN event_sync s ON s.event_id = e.id LEFT JOIN conflicts c ON c.event_id = e.id
       LEFT JOIN reply_deliveries d ON d.event_id = e.id
     WHERE e.item_id = ? ORDER BY e.seq`,
  ).all(itemId);
  const undoneBy = new Map<string, string>();
  // A refused undo, or one in conflict, undoes nothing; the first that counts is the one shown.
  for (const r of rows) {
    if (r.action !== 'undo' || !r.undo_of || undoneBy.has(r.undo_of) || r.sync_status === 'rejected' || r.sync_status === 'conflict')
      continue;
    undoneBy.set(r.undo_of, r.id);
  }
  const connected = hasServer(db);
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    itemId: r.item_id,
    action: r.action,
    actor: r.author ?? r.actor,
    author: authorOf(r),
    createdAt: r.created_at,
    reason: r.reason,
    labels: parseList(r.labels),
    note: r.note,
    payload: r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : null,
    undoOf: r.undo_of,
    undoneBy: undoneBy.get(r.id) ?? null,
    ...(r.sync_status ? { server: { status: r.sync_status, reason: r.sync_reason, resolvedBy: r.resolved_by } } : {}),
    ...withDelivery(
      deliveryOf(
        r.action,
        r,
        undoneBy.has(r.id),
        r.sync_status === 'rejected' || r.sync_status === 'conflict',
        replyPlace(r.sync_status, connected),
      ),
    ),
  }));
}

export function eventById(
  db: Database,
  id: string,
): { seq: number; itemId: number; action: EventAction; undoneBy: string | null } | undefined {
  const row = stmt<[string], { seq: number; item_id: number; action: EventAction; undone_by: string | null }>(
    db,
    `SELECT e.seq, e.item_id, e.action, ${undoneBySql()} AS undone_by FROM events e WHERE e.id = ?`,
  ).get(id);
  return row && { seq: row.seq, itemId: row.item_id, action: row.action, undoneBy: row.undone_by };
}

/** Recomputes every event's hash from the first: the index of the first broken link, or -1. */
export function verifyChain(db: Database): number {
  const rows = db
    .prepare(
      `SELECT id, item_id, action, actor, created_at, reason, labels, note, payload, client_id, client_seq, base_version,
         undo_of, prev_hash, hash FROM events ORDER BY seq`,
    )
    .raw()
    .iterate() as IterableIterator<unknown[]>;
  let prev = GENESIS;
  let i = 0;
  for (const r of rows) {
    const body = r.slice(0, 13);
    const [prevHash, hash] = r.slice(13) as [string, string];
    const expect = createHash('sha256').update(prev).update(JSON.stringify(body)).digest('hex');
    if (prevHash !== prev || hash !== expect) return i;
    prev = hash;
    i++;
  }
  return -1;
}

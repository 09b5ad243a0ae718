// A stored event as an entry of the verifiable log: the event as the workstation sent it, with
// what the server made of it (status, verdict), who pushed it (the session's user and role),
// when, and its place in the server order. Both stores build entries here, from the values they
// store, so an entry read back from either store hashes as it did when it was appended.
import { entryJson, type LogEntry } from '../../core/log';
import type { Role, ServerEvent, SyncEvent } from '../../shared/sync';

export interface StoredEvent {
  seq: number;
  status: LogEntry['status'];
  /** The server's reason (refusal, conflict, flag). */
  verdict: string | null;
  by: string;
  role: Role | string;
  receivedAt: number;
  event: SyncEvent;
}

export function entryOf(s: StoredEvent): LogEntry {
  const e = s.event;
  // A body from an older version may lack a field: the entry holds what the store holds, the same each time it is read.
  return {
    v: 1,
    seq: s.seq,
    status: s.status,
    verdict: s.verdict,
    by: s.by,
    role: s.role,
    receivedAt: s.receivedAt,
    id: e.id,
    clientId: e.clientId,
    clientSeq: e.clientSeq,
    platform: e.platform,
    externalId: e.externalId,
    action: e.action,
    baseVersion: e.baseVersion,
    actor: e.actor ?? '',
    createdAt: e.createdAt ?? 0,
    reason: e.reason ?? null,
    labels: e.labels ?? [],
    note: e.note ?? null,
    payload: e.payload ?? null,
    undoOf: e.undoOf ?? null,
  };
}

/** The leaf data of a stored event: its entry's canonical JSON. */
export function leafDataOf(s: StoredEvent): string {
  return entryJson(entryOf(s));
}

/** The columns an events row keeps of the event (the row is the authority; the body adds the rest). */
export interface EventColumns {
  id: string;
  client_id: string;
  client_seq: number | string;
  platform: string;
  external_id: string;
  action: string;
  base_version: number | string;
  body: string;
}

/**
 * A log row as read raw, in this column order: its leaf, the entry's columns, the event's body
 * (JSON) and the leaf's hash.
 */
export type LogRow = [
  leaf: number,
  seq: number,
  status: LogEntry['status'],
  verdict: string | null,
  by: string,
  role: string,
  receivedAt: number,
  id: string,
  clientId: string,
  clientSeq: number,
  platform: string,
  externalId: string,
  action: string,
  baseVersion: number,
  body: string,
  hash: Buffer | null,
];

/**
 * The entry of a stored event straight from its raw row (a check reads a million of them: one
 * object, no copies). The columns are the authority; the body adds the rest.
 */
export function entryOfRow(r: LogRow): LogEntry {
  const [, seq, status, verdict, by, role, receivedAt, id, clientId, clientSeq, platform, externalId, action, baseVersion, body] = r;
  const b = JSON.parse(body) as Partial<SyncEvent>;
  return {
    v: 1,
    seq,
    status,
    verdict,
    by,
    role,
    receivedAt,
    id,
    clientId,
    clientSeq,
    platform,
    externalId,
    action,
    baseVersion,
    actor: b.actor ?? '',
    createdAt: b.createdAt ?? 0,
    reason: b.reason ?? null,
    labels: b.labels ?? [],
    note: b.note ?? null,
    payload: b.payload ?? null,
    undoOf: b.undoOf ?? null,
  };
}

/**
 * A stored event as pulls hand it out. The body of an event the log holds is its entry (the
 * record itself: what is served is what was logged and what a check hashes); a body from before
 * the log is the event as sent, with what the server made of it in the row's columns.
 */
export function serverEventOfRow(
  body: string,
  columns: { seq: number; status: LogEntry['status']; verdict: string | null; receivedAt: number; by: string; role: Role | string },
): ServerEvent {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  if (parsed.v === 1) {
    const { v: _v, ...event } = parsed;
    return event as unknown as ServerEvent;
  }
  return { ...(parsed as SyncEvent), ...columns, role: columns.role as Role };
}

export function eventOfRow(r: EventColumns): SyncEvent {
  return {
    ...(JSON.parse(r.body) as SyncEvent),
    id: r.id,
    clientId: r.client_id,
    clientSeq: Number(r.client_seq),
    platform: r.platform,
    externalId: r.external_id,
    action: r.action as SyncEvent['action'],
    baseVersion: Number(r.base_version),
  };
}

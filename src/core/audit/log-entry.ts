// One entry of the verifiable log: an event as the server stored it, with what the server made
// of it. Its leaf data is canonicalJson(entry) in UTF-8, so anyone holding the entry can
// recompute its leaf hash. Every key is always present (null or [] when empty), so that an
// entry has one spelling whoever writes it.
import { canonicalJson } from './canonical';
import { leafHash } from './merkle';

export const LOG_ENTRY_VERSION = 1;
export const LOG_STATUSES = ['accepted', 'conflict', 'rejected'] as const;
export type LogStatus = (typeof LOG_STATUSES)[number];

export interface LogEntry {
  v: 1;
  /** The server's order of the stored event. */
  seq: number;
  status: LogStatus;
  /** The server's reason for a conflict or a refusal, or what an accepted event was flagged for. */
  verdict: string | null;
  /** The signed-in user who pushed it (from the session, not the request). */
  by: string;
  /** That user's role when the server took it. */
  role: string;
  /** When the server took it, ms since the epoch. */
  receivedAt: number;
  id: string;
  clientId: string;
  clientSeq: number;
  platform: string;
  externalId: string;
  action: string;
  baseVersion: number;
  /** The name the client wrote. */
  actor: string;
  createdAt: number;
  reason: string | null;
  labels: string[];
  note: string | null;
  payload: Record<string, unknown> | null;
  undoOf: string | null;
}

/** What makeLogEntry takes: the client's optional fields may be left out. */
export type LogEntryInput = Omit<LogEntry, 'v' | 'verdict' | 'reason' | 'labels' | 'note' | 'payload' | 'undoOf'> &
  Partial<Pick<LogEntry, 'verdict' | 'reason' | 'labels' | 'note' | 'payload' | 'undoOf'>>;

type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const strOrNull: Check = (v) => v === null || typeof v === 'string';
/** Ms and counters; the largest time a Date can hold, so a time always formats. */
const count: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const time: Check = (v) => count(v) && (v as number) <= 8.64e15;

const FIELDS: Record<keyof LogEntry, [Check, string]> = {
  v: [(v) => v === LOG_ENTRY_VERSION, `${LOG_ENTRY_VERSION}`],
  seq: [count, 'a whole number'],
  status: [(v) => (LOG_STATUSES as readonly unknown[]).includes(v), LOG_STATUSES.join(', ')],
  verdict: [strOrNull, 'text or null'],
  by: [str, 'text'],
  role: [str, 'text'],
  receivedAt: [time, 'ms since the epoch'],
  id: [str, 'text'],
  clientId: [str, 'text'],
  clientSeq: [count, 'a whole number'],
  platform: [str, 'text'],
  externalId: [str, 'text'],
  action: [str, 'text'],
  baseVersion: [count, 'a whole number'],
  actor: [str, 'text'],
  createdAt: [time, 'ms since the epoch'],
  reason: [strOrNull, 'text or null'],
  labels: [(v) => Array.isArray(v) && v.every((l) => typeof l === 'string'), 'a list of text'],
  note: [strOrNull, 'text or null'],
  payload: [(v) => v === null || (typeof v === 'object' && !Array.isArray(v)), 'an object or null'],
  undoOf: [strOrNull, 'text or null'],
};

export const LOG_ENTRY_KEYS = Object.keys(FIELDS) as (keyof LogEntry)[];

/** Whether value is a version 1 log entry, with every key and no other; the problem names the field. */
export function checkLogEntry(value: unknown): { ok: true; entry: LogEntry } | { ok: false; problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'the entry is not an object' };
  const o = value as Record<string, unknown>;
  for (const key of LOG_ENTRY_KEYS) {
    if (!Object.prototype.hasOwnProperty.call(o, key)) return { ok: false, problem: `the entry has no "${key}"` };
    const [check, what] = FIELDS[key];
    if (!check(o[key])) return { ok: false, problem: `the entry's "${key}" must be ${what}` };
  }
  const extra = Object.keys(o).find((k) => !Object.prototype.hasOwnProperty.call(FIELDS, k));
  if (extra !== undefined)
    return {
      ok: false,
      problem: `the entry has a field a version ${LOG_ENTRY_VERSION} entry does not: ${JSON.stringify(extra.slice(0, 64))}`,
    };
  return { ok: true, entry: o as unknown as LogEntry };
}

/** A log entry, the absent optional fields as null or []. Throws when a field is of the wrong kind. */
export function makeLogEntry(input: LogEntryInput): LogEntry {
  const entry: LogEntry = {
    v: LOG_ENTRY_VERSION,
    seq: input.seq,
    status: input.status,
    verdict: input.verdict ?? null,
    by: input.by,
    role: input.role,
    receivedAt: input.receivedAt,
    id: input.id,
    clientId: input.clientId,
    clientSeq: input.clientSeq,
    platform: input.platform,
    externalId: input.externalId,
    action: input.action,
    baseVersion: input.baseVersion,
    actor: input.actor,
    createdAt: input.createdAt,
    reason: input.reason ?? null,
    labels: input.labels ?? [],
    note: input.note ?? null,
    payload: input.payload ?? null,
    undoOf: input.undoOf ?? null,
  };
  const checked = checkLogEntry(entry);
  if (!checked.ok) throw new Error(`not a log entry: ${checked.problem}`);
  // The payload must survive canonical JSON too (no NaN, no Date, not too deep).
  canonicalJson(entry);
  return entry;
}

/** The leaf data of an entry: its canonical JSON in UTF-8. */
export function logEntryData(entry: LogEntry): Buffer {
  return Buffer.from(canonicalJson(entry), 'utf8');
}

export function logEntryLeafHash(entry: LogEntry): Buffer {
  return leafHash(canonicalJson(entry));
}

const q = JSON.stringify;

/**
 * canonicalJson(entry), written out for the one shape an entry has: its keys in sorted order,
 * and only the payload (the one free-form part) through the general writer. Every append and
 * every check hashes an entry, so this is their hot path; a test holds it equal to
 * canonicalJson for any entry.
 */
export function entryJson(e: LogEntry): string {
  for (const n of [e.baseVersion, e.clientSeq, e.createdAt, e.receivedAt, e.seq, e.v]) {
    if (!Number.isFinite(n)) throw new Error(`not a log entry: ${String(n)} is not a number an entry holds`);
  }
  // Labels are a list of text in every entry the server writes; anything else is rare enough for the general writer.
  if (!e.labels.every((l) => typeof l === 'string')) return canonicalJson(e);
  // One native call for the whole entry, its keys inserted in sorted order (JSON.stringify keeps
  // insertion order); a payload, the one free-form part, is written by canonicalJson in its place.
  const text = JSON.stringify({
    action: e.action,
    actor: e.actor,
    baseVersion: e.baseVersion,
    by: e.by,
    clientId: e.clientId,
    clientSeq: e.clientSeq,
    createdAt: e.createdAt,
    externalId: e.externalId,
    id: e.id,
    labels: e.labels,
    note: e.note,
    payload: e.payload === null ? null : PLACEHOLDER,
    platform: e.platform,
    reason: e.reason,
    receivedAt: e.receivedAt,
    role: e.role,
    seq: e.seq,
    status: e.status,
    undoOf: e.undoOf,
    v: e.v,
    verdict: e.verdict,
  });
  // Every text before the payload is escaped, so the first unescaped `"payload":"…"` is the key itself.
  return e.payload === null ? text : text.replace(`"payload":${q(PLACEHOLDER)}`, () => `"payload":${canonicalJson(e.payload)}`);
}

/** Stands for the payload until canonicalJson writes it. */
const PLACEHOLDER = '\u0000vigil-canonical\u0000';

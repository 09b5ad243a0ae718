// The sync protocol between workstations and the central server, typed once: the server
// validates every request against these schemas, the client builds them from the same types.
// Changes are additive; a request from an older schema gets a clear "update required".
import { z } from 'zod';
import { CONFIG_ACTION } from './config-sync';
import { EVENT_ACTIONS } from './model';

/** Bumped when a request or answer changes shape; the server accepts this one and later ones it knows.
 * 2: pulls carry ingested content beside events; first sync from a snapshot.
 * 3: configuration documents travel as events (shared/config-sync), and pulls and snapshots carry
 *    connectors' acknowledgements of replies; older pulls get neither.
 * 4: events carry the role of their author of record (`by`), and `actor` is only the name the
 *    workstation wrote; the server's reason travels as `verdict`, beside the event's own `reason`;
 *    a duplicate's answer says what became of the first (`stored`). */
export const SYNC_SCHEMA_VERSION = 4;
export const OLDEST_SUPPORTED_SCHEMA = 1;

/** Events per push, and bytes per request body: a batch is one bounded transaction. */
export const MAX_PUSH_EVENTS = 500;
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Events per pull page. */
export const PULL_PAGE = 1000;

/**
 * A claim is a lease the server grants: a workstation asks for CLAIM_LEASE_MS and renews it
 * while the item stays open; the server never grants more than CLAIM_LEASE_MAX_MS at once.
 */
export const CLAIM_LEASE_MS = 15 * 60_000;
export const CLAIM_LEASE_MAX_MS = 60 * 60_000;
/** A held item's lease is renewed when this little of it is left. */
export const CLAIM_RENEW_MS = 5 * 60_000;

/** Records per ingest: one bounded transaction, like a push. */
export const MAX_INGEST_RECORDS = 1000;

/** People decide; a connector is a machine that may only post content (ingest). */
export const ROLES = ['moderator', 'supervisor', 'admin', 'connector'] as const;
export type Role = (typeof ROLES)[number];

const uuid = z.string().uuid();

/** What an event may do: an item's events, and a configuration document's change (shared/config-sync). */
export const SYNC_ACTIONS = [...EVENT_ACTIONS, CONFIG_ACTION] as const;

/** One event as it travels: the item by its platform id (row ids are local to a workstation), or a configuration document by its key. */
export const syncEvent = z
  .object({
    id: uuid,
    clientId: z.string().min(1).max(64),
    clientSeq: z.number().int().min(1),
    platform: z.string().min(1).max(64),
    externalId: z.string().min(1).max(200),
    action: z.enum(SYNC_ACTIONS),
    baseVersion: z.number().int().min(0),
    actor: z.string().min(1).max(200),
    createdAt: z.number().int().min(0),
    reason: z.string().max(500).nullable().optional(),
    labels: z.array(z.string().max(64)).max(20).optional(),
    note: z.string().max(10_000).nullable().optional(),
    payload: z.record(z.string(), z.unknown()).nullable().optional(),
    undoOf: uuid.nullable().optional(),
  })
  .strict();
export type SyncEvent = z.infer<typeof syncEvent>;

/**
 * A supervisor's resolution is a decision whose payload names the conflicting events it
 * settles (`{ resolves: [id, …] }`); null for any other event.
 */
export function resolvedBy(e: { payload?: Record<string, unknown> | null | undefined }): string[] | null {
  const r = e.payload?.resolves;
  return Array.isArray(r) && r.length > 0 && r.every((x) => typeof x === 'string') ? (r as string[]) : null;
}

export const pushRequest = z.object({ schemaVersion: z.number().int(), events: z.array(syncEvent).min(1).max(MAX_PUSH_EVENTS) }).strict();
export type PushRequest = z.infer<typeof pushRequest>;

/**
 * What the server reads of a push before looking at each event: events are judged one by one
 * (checkSyncEvent), so one malformed event is refused on its own and never costs the batch;
 * only an event without a usable id (nothing to answer it by) fails the request.
 */
export const pushEnvelope = z
  .object({
    schemaVersion: z.number().int(),
    events: z
      .array(z.looseObject({ id: uuid }))
      .min(1)
      .max(MAX_PUSH_EVENTS),
  })
  .strict();

/** How deep a payload may nest, and how large it may be as JSON: hostile shapes stop here. */
export const MAX_PAYLOAD_DEPTH = 16;
export const MAX_PAYLOAD_CHARS = 64 * 1024;

/**
 * A walk over a value without recursion (a payload 100,000 levels deep must not overflow the
 * stack): why it cannot be stored, or null. NUL is refused everywhere (PostgreSQL text cannot
 * hold it, and no honest field needs it).
 */
function valueProblem(value: unknown, what: string): string | null {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  let chars = 0;
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    if (depth > MAX_PAYLOAD_DEPTH) return `${what} nests deeper than ${MAX_PAYLOAD_DEPTH} levels`;
    if (typeof v === 'string') {
      chars += v.length;
      if (v.includes('\u0000')) return `${what} contains a NUL character`;
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push({ v: x, depth: depth + 1 });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        chars += k.length;
        if (k.includes('\u0000')) return `${what} contains a NUL character`;
        stack.push({ v: x, depth: depth + 1 });
      }
    } else chars += 8;
    if (chars > MAX_PAYLOAD_CHARS) return `${what} is larger than ${MAX_PAYLOAD_CHARS / 1024} KiB`;
  }
  return null;
}

/** One pushed event checked on its own: the event, or why it is refused. */
export function checkSyncEvent(raw: unknown): { ok: true; event: SyncEvent } | { ok: false; problem: string } {
  const bad = valueProblem(raw, 'the event');
  if (bad) return { ok: false, problem: bad };
  const r = syncEvent.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return { ok: false, problem: `${issue.path.join('.') || 'the event'}: ${issue.message}` };
  }
  return { ok: true, event: r.data };
}

export type PushStatus = 'accepted' | 'duplicate' | 'rejected' | 'conflict';
export interface PushOutcome {
  id: string;
  status: PushStatus;
  /** Server order of the stored event (every status but duplicate stores one; a duplicate gives the first one's). */
  seq: number;
  /** Why a conflict or a refusal; on an accepted event, what it is flagged for (work on an item someone else held). */
  reason?: string;
  /** On a duplicate: what the server made of the first (its answer may have been lost on the way). */
  stored?: Exclude<PushStatus, 'duplicate'>;
}
export interface PushResponse {
  results: PushOutcome[];
  /** The newest server sequence after this batch. */
  head: number;
}

/**
 * An event in server order, with what the server made of it. `by` and `role` are its author of
 * record: the signed-in user who pushed it and the role they had then. `verdict` is the server's
 * reason for a refusal, a conflict or a flag; `reason` stays the event's own (a hand-over's, an
 * undo's). From schema 4 on, `actor` is the name the workstation wrote in it, a hint only; older
 * schemas get `by` there, and the verdict in `reason`.
 */
export type ServerEvent = SyncEvent & {
  seq: number;
  status: Exclude<PushStatus, 'duplicate'>;
  verdict: string | null;
  receivedAt: number;
  by: string;
  role: Role;
};

export const pullQuery = z
  .object({
    cursor: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(PULL_PAGE).default(PULL_PAGE),
    schemaVersion: z.coerce.number().int(),
    /** Schema 4 on: the size of the newest checkpoint the workstation verified (0: none yet). */
    logSize: z.coerce.number().int().min(0).optional(),
  })
  .strict();

/**
 * Schema 4 on, with every pull page and at the head of a snapshot: where the server's verifiable
 * log stands (RFC 9162, shared/… core/audit). The workstation hashes every event it receives
 * into its own copy of the log; these proofs show that copy is a prefix of what the server signed,
 * and that what it signed extends what the workstation verified before.
 */
export interface PullLog {
  /** The newest checkpoint the server signed: a signed note (origin, size, root, time). */
  checkpoint: string;
  /** Entries up to the end of this page: every event up to the page's cursor is one. */
  size: number;
  /** Consistency proof (base64 hashes) from `size` to the checkpoint's size. */
  proof: string[];
  /** From the size the workstation verified before (`logSize`) to the checkpoint's size. */
  sinceVerified?: string[];
}

/** The log's identity, handed to a workstation at sign-in: it keeps the key and checks every checkpoint with it. */
export interface LogIdentity {
  origin: string;
  /** base64 of the raw Ed25519 public key. */
  publicKey: string;
  /** SHA-256 of the key, as the server prints it at start: for people to compare. */
  fingerprint: string;
}

export const consistencyQuery = z.object({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().min(0) }).strict();
export const proofQuery = z.object({ id: uuid }).strict();
/** An item or account a connector ingested, in the same server order as events. */
export interface ServerContent {
  seq: number;
  type: 'item' | 'account';
  /** The record in the interchange shape; a workstation checks it again as an import would. */
  record: Record<string, unknown>;
}

/**
 * What a connector said of an accepted reply, in the same server order: each acknowledgement
 * recorded takes the next number, so a later one (a retry that worked) comes after the first.
 */
export interface ServerAck {
  seq: number;
  /** The reply event. */
  eventId: string;
  status: 'sent' | 'failed';
  /** Why it failed, as the connector said. */
  reason: string | null;
  postedId: string | null;
  /** The connector (user) that said it, and when the server took it. */
  by: string;
  at: number;
}

export interface PullResponse {
  events: ServerEvent[];
  /** Schema 2 on: content in the page's range of the order (apply it before the events). */
  content?: ServerContent[];
  /** Schema 3 on: acknowledgements of replies in the page's range of the order. */
  acks?: ServerAck[];
  /** Pass back as `cursor` for the next page. */
  cursor: number;
  more: boolean;
  /** The newest server sequence: how far there is to go (for a catch-up progress bar). */
  head: number;
  /** Schema 4 on, from a server that signs its log. */
  log?: PullLog;
}

export interface LeasesResponse {
  leases: { platform: string; externalId: string; holder: string; grantedAt: number; until: number }[];
  /** The server's clock, so a workstation with a wrong one still shows how long is left. */
  now: number;
}

// Ingest: records are checked one by one with the import's rules (shared/records), so the
// envelope only bounds them; a bad record is that record's outcome, never the batch's.
export const ingestRequest = z
  .object({ schemaVersion: z.number().int(), records: z.array(z.unknown()).min(1).max(MAX_INGEST_RECORDS) })
  .strict();
export type IngestStatus = 'inserted' | 'updated' | 'unchanged' | 'rejected';
export interface IngestOutcome {
  /** Position in the request's records. */
  index: number;
  status: IngestStatus;
  /** Where it now stands in the server order (not for a rejected record). */
  seq?: number;
  reason?: string;
}
export interface IngestResponse {
  results: IngestOutcome[];
  head: number;
}

export const snapshotQuery = z.object({ schemaVersion: z.coerce.number().int() }).strict();
/**
 * `GET /sync/snapshot` answers NDJSON, everything as of one server sequence: a head line, all
 * content (in order), all events (in order), acknowledgements (schema 3 on) and an end line; without the end line it was cut
 * short. The workstation then pulls from `seq`.
 */
export type SnapshotLine =
  | { type: 'head'; seq: number; content: number; events: number; acks?: number; log?: PullLog }
  | { type: 'content'; content: ServerContent }
  | { type: 'event'; event: ServerEvent }
  /** Schema 3 on, after every event: the acknowledgement of a reply. */
  | { type: 'ack'; ack: ServerAck }
  | { type: 'end'; seq: number };

export const loginRequest = z.object({ name: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) }).strict();
export const newUserRequest = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, dot, dash or underscore only'),
    role: z.enum(ROLES),
    password: z.string().min(12).max(200),
  })
  .strict();

export interface LoginResponse {
  token: string;
  expiresAt: number;
  user: { name: string; role: Role };
  /**
   * A device token, when the sign-in brought none valid for this user: the workstation keeps
   * it and sends it (DEVICE_HEADER) with its later sign-ins as this user, which are then
   * counted apart from anyone else's failures on the same name.
   */
  device?: string;
  /** Schema 4 on: the server's verifiable log, whose key the workstation keeps. */
  log?: LogIdentity;
}

/** The request header a workstation's device token travels in (a header: an older server ignores it). */
export const DEVICE_HEADER = 'x-vigil-device';

/** This machine only: a server beside the workstation, or a test's. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    h === '[::1]' ||
    /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(h)
  );
}

/**
 * What a workstation says while its server is reached over plain http:// on another machine:
 * the sign-in, the session and everything synced cross the network readable. Null for
 * https:// and for loopback.
 */
export function plainHttpWarning(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' || isLoopbackHost(u.hostname)) return null;
  return `Not encrypted: ${u.host} is reached over plain http://, so the password, the session and everything synced can be read by anyone on the network in between. Ask for an https:// address.`;
}

/** Every error body: a code a program can act on, and a sentence a person can. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

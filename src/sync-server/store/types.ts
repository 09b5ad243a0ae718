// What the server keeps, behind one interface so that SQLite (one file, the default) and
// PostgreSQL (DATABASE_URL) behave the same and run the same tests.
import type { LogEntry, NodeId, PerfectNode } from '../../core/log';
import type { ChunkJob, ChunkResult, LogRecord } from '../log/range-check';
import type { Ack, AckOutcome, OutboundMessage } from '../../shared/outbound';
import type { IngestStatus, PushOutcome, Role, ServerAck, ServerContent, ServerEvent, SyncEvent } from '../../shared/sync';

export interface User {
  id: number;
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
}

export interface Session {
  user: User;
  expiresAt: number;
  revokedAt: number | null;
}

/** One count sign-in attempts are held to: a name, an address or a device (hashed), and its pace. */
export interface SignInKey {
  key: string;
  /** How long after its last failure the next attempt must wait, given the failures so far (0: at once). */
  wait(failures: number): number;
}

export interface LiveLease {
  platform: string;
  externalId: string;
  holder: string;
  grantedAt: number;
  until: number;
}

/** A connector's record, already checked: who it is, and its body in the interchange shape. */
export interface ContentIn {
  type: ServerContent['type'];
  platform: string;
  externalId: string;
  body: string;
}

export interface Ingested {
  status: Exclude<IngestStatus, 'rejected'>;
  seq: number;
}

/** Everything as of one server sequence, read page by page while the store goes on writing. */
export interface SnapshotReader {
  head: number;
  /** Log entries the snapshot's events make (every event is one). */
  logSize: number;
  contentCount: number;
  eventCount: number;
  ackCount: number;
  content(afterSeq: number, limit: number): Promise<ServerContent[]>;
  events(afterSeq: number, limit: number): Promise<ServerEvent[]>;
  acks(afterSeq: number, limit: number): Promise<ServerAck[]>;
  close(): Promise<void>;
}

/** A checkpoint the server signed: the log's size and root, when, and the signed note itself. */
export interface StoredCheckpoint {
  size: number;
  root: Buffer;
  signedAt: number;
  note: string;
}

/**
 * The verifiable log (RFC 9162): every stored event is an entry, in server order; the store
 * keeps the perfect subtrees' hashes and the checkpoints signed so far (signing is the server's,
 * with a key the store never sees).
 */
export interface LogStore {
  /** The log's name, in every checkpoint. */
  origin(): Promise<string>;
  head(): Promise<{ size: number; root: Buffer }>;
  /** The stored hashes of these perfect nodes (those it has). */
  nodes(ids: readonly NodeId[]): Promise<PerfectNode[]>;
  /** How many entries the events up to this server sequence make. */
  sizeAt(seq: number): Promise<number>;
  entry(eventId: string): Promise<{ leaf: number; entry: LogEntry } | null>;
  /** Entries from `fromLeaf` on, in log order, with the hash logged for each (null where none is). */
  entries(fromLeaf: number, limit: number): Promise<{ leaf: number; entry: LogEntry; hash: Buffer | null }[]>;
  /** The same as stored: each entry's text (its event's body), its server sequence and its logged hash; what a check hashes. */
  records(fromLeaf: number, limit: number): Promise<LogRecord[]>;
  /**
   * A second thread that shares a log check's chunks (range-check.ts), for the check to run on
   * two cores; `done` resolves when the calling thread has no chunk left to claim. A store that
   * cannot give a second reader leaves it out.
   */
  checkHelper?(job: ChunkJob, done: Promise<void>): Promise<ChunkResult[]>;
  /** Keeps a signed checkpoint; one per size (a second signing of the same size is dropped). */
  saveCheckpoint(cp: StoredCheckpoint): Promise<void>;
  checkpointAt(size: number): Promise<StoredCheckpoint | null>;
  latestCheckpoint(): Promise<StoredCheckpoint | null>;
  checkpoints(): Promise<StoredCheckpoint[]>;
}

export interface ServerStore {
  log: LogStore;
  countUsers(): Promise<number>;
  addUser(name: string, role: Role, passwordHash: string, now: number): Promise<User>;
  userByName(name: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  /** Disabling also ends every session of the user. */
  setDisabled(userId: number, disabled: boolean, now: number): Promise<void>;
  /** A new password ends every session of the user. */
  setPassword(userId: number, passwordHash: string, now: number): Promise<void>;
  createSession(tokenHash: string, userId: number, now: number, expiresAt: number): Promise<void>;
  session(tokenHash: string): Promise<Session | null>;
  revokeSession(tokenHash: string, now: number): Promise<void>;
  /** Replaces a password hash with one of the same password at a higher cost; sessions stay. Nothing happens if the hash has changed meanwhile. */
  upgradePasswordHash(userId: number, from: string, to: string): Promise<void>;
  /**
   * Takes one sign-in attempt on every key, in one transaction that every server process on
   * the store goes through: counted as a failure until settled. Null when taken; otherwise
   * nothing is taken, and the answer is when the slowest key allows the next attempt.
   */
  takeSignInAttempt(keys: readonly SignInKey[], now: number): Promise<number | null>;
  /** After a sign-in that did not fail: `clear` forgets these keys' failures, `release` gives back the attempt taken on these. */
  settleSignInAttempt(clear: readonly string[], release: readonly string[]): Promise<void>;
  /** A workstation's device token (its hash), bound to the user who signed in with it. */
  addDevice(tokenHash: string, userId: number, now: number): Promise<void>;
  /** The user a device token is bound to, or null. */
  deviceOwner(tokenHash: string): Promise<number | null>;
  touchDevice(tokenHash: string, now: number): Promise<void>;
  /** Forgets failures last counted before `failuresBefore` and devices unused since `devicesBefore`. */
  pruneSignIns(failuresBefore: number, devicesBefore: number): Promise<void>;
  /**
   * One batch, one transaction: every event gets an outcome, none is dropped. Should the store
   * fail on the batch, each event is tried alone; one it still cannot store is refused (and
   * `onFailure` hears why) without costing the others.
   */
  push(events: readonly SyncEvent[], by: User, now: number, onFailure?: (error: unknown, event: SyncEvent) => void): Promise<PushOutcome[]>;
  pull(cursor: number, limit: number): Promise<ServerEvent[]>;
  /** The newest server sequence, of events, content and acknowledgements alike. */
  head(): Promise<number>;
  /** Leases that have not ended: who holds what, for every workstation to see. */
  leases(now: number): Promise<LiveLease[]>;
  /** One batch, one transaction, in the same order as events; idempotent on (type, platform, id). */
  ingest(records: readonly ContentIn[], by: User, now: number): Promise<Ingested[]>;
  /** Content after `cursor` up to `upTo` (a head read first: nothing below it can still appear). */
  pullContent(cursor: number, upTo: number, limit: number): Promise<ServerContent[]>;
  snapshot(): Promise<SnapshotReader>;
  /** Accepted replies after `cursor`, in server order, with what connectors said of them. */
  outbound(cursor: number, limit: number): Promise<OutboundMessage[]>;
  /** One request, one transaction; every acknowledgement gets an outcome, and each one recorded the next server sequence. */
  ack(acks: readonly Ack[], by: User, now: number): Promise<AckOutcome[]>;
  /** Acknowledgements after `cursor` up to `upTo`, in server order (as pullContent). */
  pullAcks(cursor: number, upTo: number, limit: number): Promise<ServerAck[]>;
  /** Where several server processes share the store: hears every process's new events (pokes). */
  onPoke?(listener: (head: number) => void): Promise<void>;
  close(): Promise<void>;
}

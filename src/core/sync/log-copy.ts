// This workstation's copy of the server's verifiable log. The server's key is kept from the
// first sign-in (a later sign-in to the same server with another key is refused, named). Every
// event pulled is hashed, in the log's order, into a frontier kept here; each page comes with
// the newest checkpoint the server signed and two consistency proofs: that this copy is a
// prefix of what was signed, and that what was signed extends the checkpoint verified before.
// A page that fails either is not applied: the server's history changed, and sync stops there,
// saying so.
import type { Database } from 'better-sqlite3';
import { VigilFailure } from '../../shared/errors';
import type { LogIdentity, PullLog, ServerEvent } from '../../shared/sync';
import { entryJson, type LogEntry } from '../audit/log-entry';
import { Frontier } from '../audit/frontier';
import { leafHash, verifyConsistency } from '../audit/merkle';
import { verifyCheckpoint } from '../audit/checkpoint';
import { decodeBase64 } from '../audit/base64';
import { stmt } from '../db/statements';
import { get, put } from './state';

/** The server's key as this workstation first met it. */
export interface PinnedLog extends LogIdentity {
  url: string;
}

export interface VerifiedCheckpoint {
  size: number;
  root: Buffer;
  signedAt: number;
  note: string;
}

/** What a checked page adds to the copy, written with the page in one transaction (commitLog). */
export interface PageLog {
  rows: { leaf: number; eventId: string; seq: number; hash: Buffer }[];
  frontier: Frontier;
  checkpoint: VerifiedCheckpoint;
}

export function pinnedLog(db: Database): PinnedLog | null {
  const raw = get(db, 'logIdentity');
  return raw ? (JSON.parse(raw) as PinnedLog) : null;
}

/**
 * Keeps the log's key at sign-in. The same server with another key is refused: its history
 * can no longer be checked against what this workstation verified. Another server (a new
 * address) starts a copy of its own, so the copy and the pull start again from the beginning.
 */
export function pinLog(db: Database, url: string, identity: LogIdentity | undefined): void {
  if (!identity) return;
  const pinned = pinnedLog(db);
  if (pinned && pinned.url === url && (pinned.publicKey !== identity.publicKey || pinned.origin !== identity.origin)) {
    throw new VigilFailure(
      'untrusted_server',
      `The server at ${url} now signs its log with another key (${identity.fingerprint}; this workstation verified ${pinned.fingerprint}). Its history can no longer be checked against what this workstation holds: ask the server's administrator before signing in again.`,
      { was: pinned.fingerprint, now: identity.fingerprint },
    );
  }
  if (pinned && pinned.url === url) return;
  db.transaction(() => {
    put(db, 'logIdentity', JSON.stringify({ ...identity, url }));
    // A copy of another server's log (or none): start this one from entry 0.
    stmt(db, 'DELETE FROM server_log').run();
    stmt(db, 'DELETE FROM log_checkpoints').run();
    put(db, 'logFrontier', null);
    put(db, 'cursor', null);
  })();
}

export function frontierOf(db: Database): Frontier {
  const raw = get(db, 'logFrontier');
  return raw ? Frontier.fromJSON(JSON.parse(raw)) : new Frontier();
}

export function latestCheckpoint(db: Database): VerifiedCheckpoint | null {
  const r = stmt<[], { size: number; root: Buffer; signed_at: number; note: string }>(
    db,
    'SELECT size, root, signed_at, note FROM log_checkpoints ORDER BY size DESC LIMIT 1',
  ).get();
  return r ? { size: r.size, root: r.root, signedAt: r.signed_at, note: r.note } : null;
}

/** A pulled event as the log entry the server hashed. */
export function entryOfServerEvent(e: ServerEvent): LogEntry {
  return {
    v: 1,
    seq: e.seq,
    status: e.status,
    verdict: e.verdict ?? null,
    by: e.by,
    role: e.role,
    receivedAt: e.receivedAt,
    id: e.id,
    clientId: e.clientId,
    clientSeq: e.clientSeq,
    platform: e.platform,
    externalId: e.externalId,
    action: e.action,
    baseVersion: e.baseVersion,
    actor: e.actor,
    createdAt: e.createdAt,
    reason: e.reason ?? null,
    labels: e.labels ?? [],
    note: e.note ?? null,
    payload: e.payload ?? null,
    undoOf: e.undoOf ?? null,
  };
}

function broken(url: string, what: string): VigilFailure {
  return new VigilFailure(
    'untrusted_server',
    `The server at ${url} does not hold to its signed log: ${what}. Nothing from it was applied; sync stops here until its administrator explains.`,
    { url },
  );
}

/** Hashes events (the next entries of the copy, in order) onto the frontier, noting each entry's place. */
export function hashEvents(url: string, frontier: Frontier, events: readonly ServerEvent[], rows: PageLog['rows']): void {
  for (const e of events) {
    let hash: Buffer;
    try {
      hash = leafHash(entryJson(entryOfServerEvent(e)));
    } catch {
      throw broken(url, `its event ${String(e.id)} is not a log entry`);
    }
    rows.push({ leaf: frontier.size, eventId: e.id, seq: e.seq, hash });
    frontier.append(hash);
  }
}

/**
 * Checks a grown copy against what the server signed: its checkpoint under the kept key, that
 * the copy is a prefix of it, and that it extends the checkpoint verified before. Throws
 * untrusted_server when any does not hold.
 */
export function verifyLog(db: Database, url: string, frontier: Frontier, rows: PageLog['rows'], log: PullLog | undefined): PageLog {
  const pinned = pinnedLog(db)!;
  if (!log) throw broken(url, 'it sent no checkpoint with its events');
  if (log.size !== frontier.size)
    throw broken(url, `it counts ${log.size} log entries up to here, and this workstation received ${frontier.size}`);
  const v = verifyCheckpoint(log.checkpoint, pinned.publicKey, pinned.origin);
  if (!v.ok) throw broken(url, `its checkpoint does not verify with the key kept at sign-in (${v.reason})`);
  const cp = v.checkpoint;
  const hashes = (xs: unknown): Buffer[] => {
    const out = Array.isArray(xs) ? xs.map((x) => (typeof x === 'string' ? decodeBase64(x) : null)) : [null];
    if (out.some((x) => x === null)) throw broken(url, 'its proofs are not hashes');
    return out as Buffer[];
  };
  const proof = hashes(log.proof ?? []);
  const since = hashes(log.sinceVerified ?? []);
  const toThis = verifyConsistency(frontier.size, cp.size, proof, frontier.root(), cp.root);
  if (!toThis.ok)
    throw broken(
      url,
      `the ${frontier.size} entries it sent are not the first ${frontier.size} of the log it signed at size ${cp.size} (${toThis.reason})`,
    );
  const before = latestCheckpoint(db);
  if (before) {
    const grew = verifyConsistency(before.size, cp.size, since, before.root, cp.root);
    if (!grew.ok)
      throw broken(
        url,
        `its log at size ${cp.size} does not extend the one it signed at size ${before.size} (${grew.reason}): its history was rewritten`,
      );
  }
  return { rows, frontier, checkpoint: { size: cp.size, root: cp.root, signedAt: cp.time, note: log.checkpoint } };
}

/** A pull page checked as above; null when the server signs no log. */
export function checkPage(db: Database, url: string, events: readonly ServerEvent[], log: PullLog | undefined): PageLog | null {
  if (!pinnedLog(db)) return null;
  const frontier = Frontier.fromJSON(frontierOf(db).toJSON());
  const rows: PageLog['rows'] = [];
  hashEvents(url, frontier, events, rows);
  return verifyLog(db, url, frontier, rows, log);
}

/** Writes what checkPage found; inside the page's transaction. */
export function commitLog(db: Database, page: PageLog, now: number): void {
  const entry = stmt(db, 'INSERT OR REPLACE INTO server_log (leaf, event_id, server_seq, hash) VALUES (?, ?, ?, ?)');
  for (const r of page.rows) entry.run(r.leaf, r.eventId, r.seq, r.hash);
  put(db, 'logFrontier', JSON.stringify(page.frontier.toJSON()));
  const cp = page.checkpoint;
  stmt(
    db,
    'INSERT INTO log_checkpoints (size, root, signed_at, note, verified_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (size) DO NOTHING',
  ).run(cp.size, cp.root, cp.signedAt, cp.note, now);
}

/** The size the workstation has verified: what it tells the server it wants proofs from. */
export function verifiedSize(db: Database): number {
  return latestCheckpoint(db)?.size ?? 0;
}

// The check of a workstation's record (audit.verify, `cli audit verify`): its own log's chain;
// its copy of the server's log, grown again from the hashes it keeps and held against every
// checkpoint it verified (signed with the key kept at sign-in); every server event it keeps,
// hashed again from what it stores and held against the hash the log has for it; and, when
// asked, the server's log today, which must still extend the newest checkpoint verified here.
import type { Database } from 'better-sqlite3';
import type { AuditReport } from '../../shared/model';
import type { ServerEvent } from '../../shared/sync';
import { verifyCheckpoint } from '../audit/checkpoint';
import { Frontier } from '../audit/frontier';
import { entryJson, type LogEntry } from '../audit/log-entry';
import { leafHash, verifyConsistency } from '../audit/merkle';
import { decodeBase64 } from '../audit/base64';
import { stmt } from '../db/statements';
import { verifyChain } from '../decisions/log';
import { entryOfServerEvent, pinnedLog } from './log-copy';

type Problem = AuditReport['problems'][number];

interface KeptRow {
  leaf: number;
  hash: Buffer;
  event_id: string;
  server_seq: number;
  id: string | null;
  client_id: string;
  client_seq: number;
  platform: string;
  external_id: string;
  action: string;
  actor: string;
  created_at: number;
  reason: string | null;
  labels: string | null;
  note: string | null;
  payload: string | null;
  base_version: number;
  undo_of: string | null;
  status: LogEntry['status'] | null;
  sync_seq: number | null;
  verdict: string | null;
  author: string | null;
  author_role: string | null;
  received_at: number | null;
  claimed: string | null;
}

/** An event kept in this workstation's log, as the entry the server hashed for it. */
function entryOfKept(r: KeptRow): LogEntry {
  return {
    v: 1,
    seq: r.server_seq,
    status: r.status!,
    verdict: r.verdict,
    by: r.author ?? r.actor,
    role: r.author_role ?? '',
    receivedAt: r.received_at ?? 0,
    id: r.event_id,
    clientId: r.client_id,
    clientSeq: r.client_seq,
    platform: r.platform,
    externalId: r.external_id,
    action: r.action,
    baseVersion: r.base_version,
    actor: r.claimed ?? r.actor,
    createdAt: r.created_at,
    reason: r.reason,
    labels: r.labels ? (JSON.parse(r.labels) as string[]) : [],
    note: r.note,
    payload: r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : null,
    undoOf: r.undo_of,
  };
}

const at = (t: number) => `${new Date(t).toISOString().replace('T', ' ').slice(0, 16)} UTC`;

/** What the server says of its log today, for the last part of the check; null when it cannot be reached. */
export type AskServer = () => Promise<{ checkpoint: string; proof: (fromSize: number, toSize: number) => Promise<string[]> } | null>;

export async function auditWorkstation(db: Database, now: number, ask: AskServer | null): Promise<AuditReport> {
  const problems: Problem[] = [];
  const entries = stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM events').get()!.n;
  const brokenAt = verifyChain(db);
  if (brokenAt >= 0)
    problems.push({
      where: 'chain',
      position: brokenAt,
      what: `entry ${brokenAt} of this workstation's own log, or the one before it, was changed, removed or inserted after it was written`,
    });

  const pinned = pinnedLog(db);
  if (!pinned) return { ok: problems.length === 0, checkedAt: now, chain: { entries }, serverLog: null, problems };
  const logProblem = (position: number | null, what: string) => {
    if (problems.filter((p) => p.where === 'server-log').length < 50) problems.push({ where: 'server-log', position, what });
  };

  // Every server event kept here, hashed again from what is stored.
  let kept = 0;
  const check = (leaf: number, logged: Buffer, entry: LogEntry) => {
    kept++;
    let hash: Buffer;
    try {
      hash = leafHash(entryJson(entry));
    } catch {
      hash = Buffer.alloc(0);
    }
    if (!hash.equals(logged))
      logProblem(
        leaf,
        `entry ${leaf} (event ${entry.id}, ${entry.action} by ${entry.by}) is not what the server logged: it was changed here`,
      );
  };
  const rows = stmt<[], KeptRow>(
    db,
    `SELECT l.leaf, l.hash, l.event_id, l.server_seq, e.id, e.client_id, e.client_seq, i.platform, i.external_id, e.action, e.actor, e.created_at, e.reason,
       e.labels, e.note, e.payload, e.base_version, e.undo_of, s.status, s.server_seq AS sync_seq, s.reason AS verdict, s.author, s.author_role, s.received_at, s.claimed
     FROM server_log l JOIN events e ON e.id = l.event_id JOIN items i ON i.id = e.item_id LEFT JOIN event_sync s ON s.event_id = e.id ORDER BY l.leaf`,
  );
  for (const r of rows.iterate()) {
    if (r.status === null || r.sync_seq !== r.server_seq) {
      logProblem(
        r.leaf,
        `entry ${r.leaf} (event ${r.event_id}) is kept here without the server's answer for it: its record was changed here`,
      );
      continue;
    }
    check(r.leaf, r.hash, entryOfKept(r));
  }
  for (const table of ['set_aside_events', 'parked_events'] as const) {
    for (const r of stmt<[], { leaf: number; hash: Buffer; body: string }>(
      db,
      `SELECT l.leaf, l.hash, t.body FROM server_log l JOIN ${table} t ON t.event_id = l.event_id ORDER BY l.leaf`,
    ).iterate()) {
      check(r.leaf, r.hash, entryOfServerEvent(JSON.parse(r.body) as ServerEvent));
    }
  }
  // A server event here that the copy does not have was not pulled: inserted here.
  for (const r of stmt<[], { id: string; server_seq: number }>(
    db,
    `SELECT s.event_id AS id, s.server_seq FROM event_sync s WHERE s.server_seq > 0 AND s.received_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM server_log l WHERE l.event_id = s.event_id) LIMIT 10`,
  ).all()) {
    logProblem(
      null,
      `event ${r.id} says the server logged it (server sequence ${r.server_seq}), but the copy of the log does not have it: inserted here`,
    );
  }

  // The checkpoints verified here must still verify, and be met by the copy grown again.
  const checkpoints = stmt<[], { size: number; root: Buffer; signed_at: number; note: string }>(
    db,
    'SELECT size, root, signed_at, note FROM log_checkpoints ORDER BY size',
  )
    .all()
    .filter((cp) => {
      const v = verifyCheckpoint(cp.note, pinned.publicKey, pinned.origin);
      if (v.ok && v.checkpoint.size === cp.size && v.checkpoint.root.equals(cp.root)) return true;
      logProblem(
        null,
        `the checkpoint kept for size ${cp.size} is not one the server signed with the key kept at sign-in${v.ok ? '' : ` (${v.reason})`}`,
      );
      return false;
    });
  const frontier = new Frontier();
  let next = 0;
  let cpAt = 0;
  let lastGood = 0;
  const firstExact = () => problems.find((p) => p.where === 'server-log' && p.position !== null)?.position ?? null;
  const meetCheckpoints = () => {
    for (; cpAt < checkpoints.length && checkpoints[cpAt]!.size <= frontier.size; cpAt++) {
      const cp = checkpoints[cpAt]!;
      if (cp.size < frontier.size) continue;
      if (frontier.root().equals(cp.root)) lastGood = cp.size;
      else
        logProblem(
          firstExact() ?? lastGood,
          `the copy's first ${cp.size} entries do not make the root the server signed at ${at(cp.signed_at)}: an entry from ${lastGood} on was changed, removed, inserted or reordered here`,
        );
    }
  };
  meetCheckpoints();
  let lastSeq = 0;
  for (const r of stmt<[], { leaf: number; hash: Buffer; server_seq: number }>(
    db,
    'SELECT leaf, hash, server_seq FROM server_log ORDER BY leaf',
  ).iterate()) {
    if (r.leaf !== next) logProblem(next, `entries ${next} to ${r.leaf - 1} of the copy are missing: removed here`);
    // The log's order is the server's: an entry after one the server stored later was moved.
    if (r.server_seq <= lastSeq)
      logProblem(Math.max(0, r.leaf - 1), `entries ${r.leaf - 1} and ${r.leaf} of the copy are out of the server's order: reordered here`);
    lastSeq = r.server_seq;
    frontier.append(r.hash);
    next = r.leaf + 1;
    meetCheckpoints();
  }
  const newest = checkpoints[checkpoints.length - 1] ?? null;
  if (newest && newest.size > frontier.size)
    logProblem(
      frontier.size,
      `the copy holds ${frontier.size} entries, but the server signed ${newest.size} and this workstation verified that: entries were cut from its end here`,
    );

  let server: NonNullable<AuditReport['serverLog']>['server'] = 'not-asked';
  if (ask && newest) {
    const today = await ask().catch(() => null);
    if (!today) server = 'unreachable';
    else {
      const v = verifyCheckpoint(today.checkpoint, pinned.publicKey, pinned.origin);
      let holds = v.ok;
      let why = v.ok ? '' : v.reason;
      if (v.ok) {
        const proof = v.checkpoint.size > newest.size ? await today.proof(newest.size, v.checkpoint.size).catch(() => null) : [];
        const hashes = proof?.map((x) => decodeBase64(x));
        if (!hashes || hashes.some((h) => h === null)) {
          holds = false;
          why = 'it gave no usable consistency proof';
        } else {
          const c = verifyConsistency(newest.size, v.checkpoint.size, hashes as Buffer[], newest.root, v.checkpoint.root);
          holds = c.ok;
          if (!c.ok) why = c.reason;
        }
      }
      server = holds ? 'consistent' : 'inconsistent';
      if (!holds) {
        problems.push({
          where: 'server',
          position: newest.size,
          what: `the server's log today does not extend the one it signed at size ${newest.size} on ${at(newest.signed_at)} (${why}): its history was rewritten, or this is another log`,
        });
      }
    }
  }
  problems.sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
  return {
    ok: problems.length === 0,
    checkedAt: now,
    chain: { entries },
    serverLog: {
      entries: frontier.size,
      kept,
      checkpoint: newest ? { size: newest.size, signedAt: newest.signed_at, key: pinned.fingerprint } : null,
      server,
    },
    problems,
  };
}

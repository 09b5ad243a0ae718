// The verifiable log on the SQLite store. A push places its events in the log inside its own
// transaction: each entry's hash goes on its event's row (`leaf`, `leaf_hash`), the larger
// perfect subtrees it completes into log_nodes; the log is read back for proofs, pulls and checks.
import type { Database } from 'better-sqlite3';
import { assembleRoot, Frontier, lookupOf, rootNodes, type LogEntry, type NodeId, type PerfectNode } from '../../core/log';
import { entryOf, entryOfRow, eventOfRow, leafDataOf, type EventColumns, type LogRow, type StoredEvent } from '../log/entry';
import { Worker } from 'node:worker_threads';
import { HELPER_CLAIMS, type ChunkJob, type ChunkResult, type LogRecord } from '../log/range-check';
import type { CheckHelperData } from '../log/verify-worker';
import { RECORDS_SQL } from './sqlite-records';
import type { LogStore, StoredCheckpoint } from './types';

interface EntryRow extends EventColumns {
  leaf: number;
  seq: number;
  status: LogEntry['status'];
  reason: string | null;
  by_name: string;
  role: string;
  received_at: number;
}

const stored = (r: Omit<EntryRow, 'leaf'>): StoredEvent => ({
  seq: r.seq,
  status: r.status,
  verdict: r.reason,
  by: r.by_name,
  role: r.role,
  receivedAt: r.received_at,
  event: eventOfRow(r),
});
const ENTRY_COLUMNS =
  'leaf, seq, status, reason, by_name, role, received_at, body, id, client_id, client_seq, platform, external_id, action, base_version';

/** Subtrees written by one statement: a push closes about one per event. */
const NODES_AT_ONCE = 64;

/** Catch-up batches: events stored before the log existed get their entries when the store opens. */
const CATCH_UP = 10_000;

/** An entry's place, its hash, and its text (canonical JSON), which becomes its event's body: the record. */
export interface Placed {
  leaf: number;
  hash: Buffer;
  text: string;
}

export interface SqliteLog extends LogStore {
  /**
   * The next entries of the log for these stored events (in server order): their hashes, for
   * their rows, with the larger subtrees they complete already written. Inside the caller's
   * transaction, which writes the rows.
   */
  place(events: readonly StoredEvent[]): Placed[];
  /** Leaves so far (the next event's place); inside a transaction it reads that transaction's view. */
  size(): number;
}

export function sqliteLog(db: Database): SqliteLog {
  const q = {
    size: db.prepare<[], { leaf: number | null }>('SELECT max(leaf) AS leaf FROM events WHERE leaf IS NOT NULL'),
    leafHash: db.prepare<[number], { hash: Buffer }>('SELECT leaf_hash AS hash FROM events WHERE leaf = ?'),
    node: db.prepare<[number, number], { hash: Buffer }>('SELECT hash FROM log_nodes WHERE level = ? AND idx = ?'),
    putNode: db.prepare('INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)'),
    putNodes: db.prepare(
      `INSERT INTO log_nodes (level, idx, hash) VALUES ${Array.from({ length: NODES_AT_ONCE }, () => '(?, ?, ?)').join(', ')}`,
    ),
    sizeAt: db.prepare<[number], { leaf: number | null }>(
      'SELECT leaf FROM events WHERE seq <= ? AND leaf IS NOT NULL ORDER BY seq DESC LIMIT 1',
    ),
    byEvent: db.prepare<[string], EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM events WHERE id = ? AND leaf IS NOT NULL`),
    // Read as arrays (raw), the columns in this order: a check reads every entry of the log.
    entries: db
      .prepare<[number, number], LogRow>(
        'SELECT leaf, seq, status, reason, by_name, role, received_at, id, client_id, client_seq, platform, external_id, action, base_version, body, leaf_hash FROM events WHERE leaf >= ? ORDER BY leaf LIMIT ?',
      )
      .raw(),
    pending: db.prepare<[number], Omit<EntryRow, 'leaf'>>(`SELECT ${ENTRY_COLUMNS} FROM events WHERE leaf IS NULL ORDER BY seq LIMIT ?`),
    setLeaf: db.prepare('UPDATE events SET leaf = ?, leaf_hash = ?, body = ? WHERE seq = ?'),
    records: db.prepare<[number, number], LogRecord>(RECORDS_SQL).raw(),
    origin: db.prepare<[], { value: string }>("SELECT value FROM log_meta WHERE key = 'origin'"),
    saveCheckpoint: db.prepare(
      'INSERT INTO log_checkpoints (size, root, signed_at, note) VALUES (?, ?, ?, ?) ON CONFLICT (size) DO NOTHING',
    ),
    latest: db.prepare<[], { size: number; root: Buffer; signed_at: number; note: string }>(
      'SELECT size, root, signed_at, note FROM log_checkpoints ORDER BY size DESC LIMIT 1',
    ),
    checkpoints: db.prepare<[], { size: number; root: Buffer; signed_at: number; note: string }>(
      'SELECT size, root, signed_at, note FROM log_checkpoints ORDER BY size',
    ),
    checkpointAt: db.prepare<[number], { size: number; root: Buffer; signed_at: number; note: string }>(
      'SELECT size, root, signed_at, note FROM log_checkpoints WHERE size = ?',
    ),
  };
  const size = () => (q.size.get()?.leaf ?? -1) + 1;
  const nodes = (ids: readonly NodeId[]): PerfectNode[] =>
    ids.flatMap((id) => {
      const r = id.level === 0 ? q.leafHash.get(id.index) : q.node.get(id.level, id.index);
      return r?.hash ? [{ ...id, hash: r.hash }] : [];
    });
  const checkpoint = (r: { size: number; root: Buffer; signed_at: number; note: string } | undefined): StoredCheckpoint | null =>
    r ? { size: r.size, root: r.root, signedAt: r.signed_at, note: r.note } : null;

  function place(events: readonly StoredEvent[]): Placed[] {
    if (!events.length) return [];
    const at = size();
    const frontier = Frontier.fromNodes(at, lookupOf(nodes(rootNodes(at).nodes)));
    const closed: PerfectNode[] = [];
    const placed = events.map((e, i) => {
      const text = leafDataOf(e);
      const [leaf, ...rest] = frontier.appendData(text);
      for (const n of rest) closed.push(n);
      return { leaf: at + i, hash: leaf!.hash, text };
    });
    let i = 0;
    for (; i + NODES_AT_ONCE <= closed.length; i += NODES_AT_ONCE)
      q.putNodes.run(closed.slice(i, i + NODES_AT_ONCE).flatMap((n) => [n.level, n.index, n.hash]));
    for (; i < closed.length; i++) q.putNode.run(closed[i]!.level, closed[i]!.index, closed[i]!.hash);
    return placed;
  }

  // Events stored before the log existed: placed now, in the order they were stored.
  for (;;) {
    const batch = q.pending.all(CATCH_UP);
    if (!batch.length) break;
    db.transaction(() => {
      const placed = place(batch.map(stored));
      // The body becomes the entry: from now on what is served is what was logged.
      batch.forEach((r, i) => q.setLeaf.run(placed[i]!.leaf, placed[i]!.hash, placed[i]!.text, r.seq));
    })();
  }

  /**
   * A helper thread on its own read-only connection that shares the check's chunks. It answers
   * the results of the chunks it checked; nothing if it could not start or failed (the thread
   * that joins checks any chunk left without a result), or once `done` says the check ended
   * before it claimed a chunk.
   */
  const checkHelper = (job: ChunkJob, done: Promise<void>): Promise<ChunkResult[]> =>
    new Promise((resolve) => {
      let worker: Worker;
      try {
        const source = new URL('../log/verify-worker.ts', import.meta.url).href;
        const boot = `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(source)}); })()`;
        worker = new Worker(boot, { eval: true, workerData: { file: db.name, job } satisfies CheckHelperData });
      } catch {
        resolve([]);
        return;
      }
      const end = (results: ChunkResult[]) => {
        void worker.terminate();
        resolve(results);
      };
      worker.once('message', (m: { results?: ChunkResult[]; error?: string }) => end(m.results ?? []));
      worker.once('error', () => end([]));
      // No chunk is left to claim once the joining thread is done: a helper that has none stops here.
      void done.then(() => {
        if (Atomics.load(new Int32Array(job.shared), HELPER_CLAIMS) === 0) end([]);
      });
    });

  return {
    place,
    size,
    // A file has a second reader to give; a database in memory does not.
    ...(db.memory ? {} : { checkHelper }),
    origin: async () => q.origin.get()!.value,
    head: async () => {
      const n = size();
      return { size: n, root: assembleRoot(rootNodes(n), nodes(rootNodes(n).nodes)) };
    },
    nodes: async (ids) => nodes(ids),
    sizeAt: async (seq) => (q.sizeAt.get(seq)?.leaf ?? -1) + 1,
    entry: async (eventId) => {
      const r = q.byEvent.get(eventId);
      return r ? { leaf: r.leaf, entry: entryOf(stored(r)) } : null;
    },
    entries: async (fromLeaf, limit) =>
      q.entries.all(fromLeaf, limit).map((r) => {
        const row = r as LogRow;
        return { leaf: row[0], entry: entryOfRow(row), hash: row[15] };
      }),
    records: async (fromLeaf, limit) => q.records.all(fromLeaf, limit),
    saveCheckpoint: async (cp) => {
      q.saveCheckpoint.run(cp.size, cp.root, cp.signedAt, cp.note);
    },
    checkpointAt: async (n) => checkpoint(q.checkpointAt.get(n)),
    latestCheckpoint: async () => checkpoint(q.latest.get()),
    checkpoints: async () => q.checkpoints.all().map((r) => checkpoint(r)!),
  };
}

// The verifiable log on the SQLite store: entries are appended inside the push's transaction
// (their nodes beside the events that make them), and read back for proofs, pulls and checks.
import type { Database } from 'better-sqlite3';
import { assembleRoot, Frontier, lookupOf, rootNodes, type LogEntry, type NodeId, type PerfectNode } from '../../core/index';
import { entryOf, eventOfRow, leafDataOf, type EventColumns, type StoredEvent } from '../log/entry';
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

const stored = (r: EntryRow): StoredEvent => ({
  seq: r.seq, status: r.status, verdict: r.reason, by: r.by_name, role: r.role, receivedAt: r.received_at, event: eventOfRow(r),
});
const ENTRY_COLUMNS = 'leaf, seq, status, reason, by_name, role, received_at, body, id, client_id, client_seq, platform, external_id, action, base_version';

/** Catch-up batches: events stored before the log existed get their entries when the store opens. */
const CATCH_UP = 10_000;

export interface SqliteLog extends LogStore {
  /** Appends these stored events (in server order) at the end of the log; inside the caller's transaction. */
  append(events: readonly (StoredEvent & { leaf: number })[]): void;
  /** Leaves so far (the next event's place); inside a transaction it reads that transaction's view. */
  size(): number;
}

export function sqliteLog(db: Database): SqliteLog {
  const q = {
    size: db.prepare<[], { leaf: number | null }>('SELECT max(leaf) AS leaf FROM events WHERE leaf IS NOT NULL'),
    node: db.prepare<[number, number], { hash: Buffer }>('SELECT hash FROM log_nodes WHERE level = ? AND idx = ?'),
    putNode: db.prepare('INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)'),
    sizeAt: db.prepare<[number], { leaf: number | null }>('SELECT leaf FROM events WHERE seq <= ? AND leaf IS NOT NULL ORDER BY seq DESC LIMIT 1'),
    byEvent: db.prepare<[string], EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM events WHERE id = ? AND leaf IS NOT NULL`),
    entries: db.prepare<[number, number], EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM events WHERE leaf >= ? ORDER BY leaf LIMIT ?`,
    ),
    pending: db.prepare<[number], EntryRow & { leaf: null }>(
      `SELECT ${ENTRY_COLUMNS} FROM events WHERE leaf IS NULL ORDER BY seq LIMIT ?`,
    ),
    setLeaf: db.prepare('UPDATE events SET leaf = ? WHERE seq = ?'),
    origin: db.prepare<[], { value: string }>("SELECT value FROM log_meta WHERE key = 'origin'"),
    saveCheckpoint: db.prepare('INSERT INTO log_checkpoints (size, root, signed_at, note) VALUES (?, ?, ?, ?) ON CONFLICT (size) DO NOTHING'),
    latest: db.prepare<[], { size: number; root: Buffer; signed_at: number; note: string }>('SELECT size, root, signed_at, note FROM log_checkpoints ORDER BY size DESC LIMIT 1'),
    checkpoints: db.prepare<[], { size: number; root: Buffer; signed_at: number; note: string }>('SELECT size, root, signed_at, note FROM log_checkpoints ORDER BY size'),
    checkpointAt: db.prepare<[number], { size: number; root: Buffer; signed_at: number; note: string }>('SELECT size, root, signed_at, note FROM log_checkpoints WHERE size = ?'),
  };
  const size = () => (q.size.get()?.leaf ?? -1) + 1;
  const nodes = (ids: readonly NodeId[]): PerfectNode[] =>
    ids.flatMap((id) => {
      const r = q.node.get(id.level, id.index);
      return r ? [{ ...id, hash: r.hash }] : [];
    });
  const frontierAt = (n: number) => Frontier.fromNodes(n, lookupOf(nodes(rootNodes(n).nodes)));
  const checkpoint = (r: { size: number; root: Buffer; signed_at: number; note: string } | undefined): StoredCheckpoint | null =>
    r ? { size: r.size, root: r.root, signedAt: r.signed_at, note: r.note } : null;

  function append(events: readonly (StoredEvent & { leaf: number })[]): void {
    if (!events.length) return;
    const frontier = frontierAt(events[0]!.leaf);
    for (const e of events) {
      for (const n of frontier.appendData(leafDataOf(e))) q.putNode.run(n.level, n.index, n.hash);
    }
  }

  // Events stored before the log existed: appended now, in the order they were stored.
  for (;;) {
    const batch = q.pending.all(CATCH_UP);
    if (!batch.length) break;
    db.transaction(() => {
      const at = size();
      const placed = batch.map((r, i) => ({ ...stored(r), leaf: at + i }));
      for (const p of placed) q.setLeaf.run(p.leaf, p.seq);
      append(placed);
    })();
  }

  return {
    append,
    size,
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
    entries: async (fromLeaf, limit) => q.entries.all(fromLeaf, limit).map((r) => ({ leaf: r.leaf, entry: entryOf(stored(r)) })),
    saveCheckpoint: async (cp) => {
      q.saveCheckpoint.run(cp.size, cp.root, cp.signedAt, cp.note);
    },
    checkpointAt: async (n) => checkpoint(q.checkpointAt.get(n)),
    latestCheckpoint: async () => checkpoint(q.latest.get()),
    checkpoints: async () => q.checkpoints.all().map((r) => checkpoint(r)!),
  };
}

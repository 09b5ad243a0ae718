// The verifiable log on the PostgreSQL store: appended inside the push's transaction (which
// holds the push lock, so entries are numbered in server order whichever process pushes), and
// read back for proofs, pulls and checks. As sqlite-log.ts, with batched statements.
import type pg from 'pg';
import { assembleRoot, Frontier, lookupOf, rootNodes, type LogEntry, type NodeId, type PerfectNode } from '../../core/log';
import { entryOf, eventOfRow, leafDataOf, type EventColumns, type StoredEvent } from '../log/entry';
import type { LogStore, StoredCheckpoint } from './types';
import type { LogRecord } from '../log/range-check';

type Db = pg.Pool | pg.PoolClient;

interface EntryRow extends EventColumns {
  leaf: string;
  leaf_hash?: Buffer | null;
  seq: string;
  status: LogEntry['status'];
  reason: string | null;
  by_name: string;
  role: string;
  received_at: string;
}

const ENTRY_COLUMNS =
  'leaf, seq, status, reason, by_name, role, received_at, body, id, client_id, client_seq, platform, external_id, action, base_version';
const stored = (r: EntryRow): StoredEvent => ({
  seq: Number(r.seq),
  status: r.status,
  verdict: r.reason,
  by: r.by_name,
  role: r.role,
  receivedAt: Number(r.received_at),
  event: eventOfRow(r),
});
const CATCH_UP = 10_000;

export async function pgLogSize(c: Db): Promise<number> {
  return Number((await c.query<{ leaf: string | null }>('SELECT max(leaf) AS leaf FROM events')).rows[0]!.leaf ?? -1) + 1;
}

/** Stored hashes of these perfect nodes: entries' own (level 0) on their events' rows, larger subtrees in log_nodes. */
export async function pgNodes(c: Db, ids: readonly NodeId[]): Promise<PerfectNode[]> {
  if (!ids.length) return [];
  const leaves = ids.filter((i) => i.level === 0);
  const larger = ids.filter((i) => i.level > 0);
  const out: PerfectNode[] = [];
  if (leaves.length) {
    const r = await c.query<{ leaf: string; hash: Buffer | null }>(
      'SELECT leaf, leaf_hash AS hash FROM events WHERE leaf = ANY($1::bigint[])',
      [leaves.map((i) => i.index)],
    );
    for (const x of r.rows) if (x.hash) out.push({ level: 0, index: Number(x.leaf), hash: x.hash });
  }
  if (larger.length) {
    const r = await c.query<{ level: number; idx: string; hash: Buffer }>(
      'SELECT n.level, n.idx, n.hash FROM log_nodes n JOIN unnest($1::int[], $2::bigint[]) AS k (level, idx) ON n.level = k.level AND n.idx = k.idx',
      [larger.map((i) => i.level), larger.map((i) => i.index)],
    );
    for (const x of r.rows) out.push({ level: x.level, index: Number(x.idx), hash: x.hash });
  }
  return out;
}

/**
 * The next entries of the log for these stored events (in server order): their places and
 * hashes, for their rows, with the larger subtrees they complete already written. Inside the
 * caller's transaction, which writes the rows.
 */
/** An entry's place, its hash, and its text (canonical JSON), which becomes its event's body: the record. */
export interface Placed {
  leaf: number;
  hash: Buffer;
  text: string;
}

export async function pgPlace(c: pg.PoolClient, events: readonly StoredEvent[]): Promise<Placed[]> {
  if (!events.length) return [];
  const at = await pgLogSize(c);
  const frontier = Frontier.fromNodes(at, lookupOf(await pgNodes(c, rootNodes(at).nodes)));
  const closed: PerfectNode[] = [];
  const placed = events.map((e, i) => {
    const text = leafDataOf(e);
    const [leaf, ...rest] = frontier.appendData(text);
    closed.push(...rest);
    return { leaf: at + i, hash: leaf!.hash, text };
  });
  if (closed.length) {
    await c.query('INSERT INTO log_nodes (level, idx, hash) SELECT * FROM unnest($1::int[], $2::bigint[], $3::bytea[])', [
      closed.map((n) => n.level),
      closed.map((n) => n.index),
      closed.map((n) => n.hash),
    ]);
  }
  return placed;
}

function checkpoint(r: { size: string; root: Buffer; signed_at: string; note: string } | undefined): StoredCheckpoint | null {
  return r ? { size: Number(r.size), root: r.root, signedAt: Number(r.signed_at), note: r.note } : null;
}

/** Events stored before the log existed get their entries, in the order they were stored; under the caller's setup lock. */
export async function pgLogCatchUp(c: pg.PoolClient): Promise<void> {
  for (;;) {
    const batch = (await c.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM events WHERE leaf IS NULL ORDER BY seq LIMIT $1`, [CATCH_UP]))
      .rows;
    if (!batch.length) return;
    await c.query('BEGIN');
    try {
      const placed = await pgPlace(c, batch.map(stored));
      // The body becomes the entry: from now on what is served is what was logged.
      await c.query(
        'UPDATE events e SET leaf = k.leaf, leaf_hash = k.hash, body = k.body FROM unnest($1::bigint[], $2::bigint[], $3::bytea[], $4::text[]) AS k (seq, leaf, hash, body) WHERE e.seq = k.seq',
        [batch.map((r) => Number(r.seq)), placed.map((p) => p.leaf), placed.map((p) => p.hash), placed.map((p) => p.text)],
      );
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  }
}

export function pgLog(pool: pg.Pool): LogStore {
  const CP = 'SELECT size, root, signed_at, note FROM log_checkpoints';
  return {
    origin: async () => (await pool.query<{ value: string }>("SELECT value FROM log_meta WHERE key = 'origin'")).rows[0]!.value,
    head: async () => {
      const c = await pool.connect();
      try {
        // One snapshot for the size and the nodes it needs.
        await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const size = await pgLogSize(c);
        const needs = rootNodes(size);
        const root = assembleRoot(needs, await pgNodes(c, needs.nodes));
        await c.query('COMMIT');
        return { size, root };
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        c.release();
      }
    },
    nodes: (ids) => pgNodes(pool, ids),
    sizeAt: async (seq) =>
      Number(
        (
          await pool.query<{ leaf: string | null }>(
            'SELECT leaf FROM events WHERE seq <= $1 AND leaf IS NOT NULL ORDER BY seq DESC LIMIT 1',
            [seq],
          )
        ).rows[0]?.leaf ?? -1,
      ) + 1,
    entry: async (eventId) => {
      const r = (await pool.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM events WHERE id = $1 AND leaf IS NOT NULL`, [eventId])).rows[0];
      return r ? { leaf: Number(r.leaf), entry: entryOf(stored(r)) } : null;
    },
    entries: async (fromLeaf, limit) =>
      (
        await pool.query<EntryRow>(`SELECT ${ENTRY_COLUMNS}, leaf_hash FROM events WHERE leaf >= $1 ORDER BY leaf LIMIT $2`, [
          fromLeaf,
          limit,
        ])
      ).rows.map((r) => ({
        leaf: Number(r.leaf),
        entry: entryOf(stored(r)),
        hash: r.leaf_hash ?? null,
      })),
    records: async (fromLeaf, limit) =>
      (
        await pool.query<{ leaf: string; seq: string; body: string; leaf_hash: string | null }>(
          "SELECT leaf, seq, body, encode(leaf_hash, 'hex') AS leaf_hash FROM events WHERE leaf >= $1 ORDER BY leaf LIMIT $2",
          [fromLeaf, limit],
        )
      ).rows.map((r): LogRecord => [Number(r.leaf), Number(r.seq), r.body, r.leaf_hash]),
    saveCheckpoint: async (cp) => {
      await pool.query('INSERT INTO log_checkpoints (size, root, signed_at, note) VALUES ($1, $2, $3, $4) ON CONFLICT (size) DO NOTHING', [
        cp.size,
        cp.root,
        cp.signedAt,
        cp.note,
      ]);
    },
    checkpointAt: async (size) => checkpoint((await pool.query(`${CP} WHERE size = $1`, [size])).rows[0]),
    latestCheckpoint: async () => checkpoint((await pool.query(`${CP} ORDER BY size DESC LIMIT 1`)).rows[0]),
    checkpoints: async () => (await pool.query(`${CP} ORDER BY size`)).rows.map((r) => checkpoint(r)!),
  };
}

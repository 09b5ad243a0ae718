// Pages in server order on PostgreSQL, for pulls (on the pool) and snapshots (on one client
// inside a repeatable-read transaction) alike.
import type pg from 'pg';
import type { ServerContent, ServerEvent, SyncEvent } from '../../shared/sync';

type Db = pg.Pool | pg.PoolClient;

export async function eventPage(db: Db, cursor: number, limit: number): Promise<ServerEvent[]> {
  const r = await db.query<{ seq: string; status: ServerEvent['status']; reason: string | null; body: string; received_at: string; by: string }>(
    `SELECT e.seq, e.status, e.reason, e.body, e.received_at, u.name AS by FROM events e JOIN users u ON u.id = e.user_id
     WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
    [cursor, limit],
  );
  return r.rows.map((row) => ({ ...(JSON.parse(row.body) as SyncEvent), seq: Number(row.seq), status: row.status, reason: row.reason, receivedAt: Number(row.received_at), by: row.by }));
}

export async function contentPage(db: Db, cursor: number, upTo: number, limit: number): Promise<ServerContent[]> {
  const r = await db.query<{ seq: string; type: ServerContent['type']; body: string }>(
    'SELECT seq, type, body FROM content WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3',
    [cursor, upTo, limit],
  );
  return r.rows.map((row) => ({ seq: Number(row.seq), type: row.type, record: JSON.parse(row.body) as Record<string, unknown> }));
}

/** The newest sequence of either kind. */
export async function headOf(db: Db): Promise<number> {
  const r = await db.query<{ n: string }>('SELECT greatest((SELECT coalesce(max(seq), 0) FROM events), (SELECT coalesce(max(seq), 0) FROM content)) AS n');
  return Number(r.rows[0]!.n);
}

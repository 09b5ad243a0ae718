// Pages in server order on PostgreSQL, for pulls (on the pool) and snapshots (on one client
// inside a repeatable-read transaction) alike.
import type pg from 'pg';
import type { Role, ServerAck, ServerContent, ServerEvent } from '../../shared/sync';
import { serverEventOfRow } from '../log/entry';

type Db = pg.Pool | pg.PoolClient;

export async function eventPage(db: Db, cursor: number, limit: number): Promise<ServerEvent[]> {
  const r = await db.query<{
    seq: string;
    status: ServerEvent['status'];
    reason: string | null;
    body: string;
    received_at: string;
    by_name: string;
    role: Role;
  }>('SELECT seq, status, reason, body, received_at, by_name, role FROM events WHERE seq > $1 ORDER BY seq LIMIT $2', [cursor, limit]);
  return r.rows.map((row) =>
    serverEventOfRow(row.body, {
      seq: Number(row.seq),
      status: row.status,
      verdict: row.reason,
      receivedAt: Number(row.received_at),
      by: row.by_name,
      role: row.role,
    }),
  );
}

export async function contentPage(db: Db, cursor: number, upTo: number, limit: number): Promise<ServerContent[]> {
  const r = await db.query<{ seq: string; type: ServerContent['type']; body: string }>(
    'SELECT seq, type, body FROM content WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3',
    [cursor, upTo, limit],
  );
  return r.rows.map((row) => ({ seq: Number(row.seq), type: row.type, record: JSON.parse(row.body) as Record<string, unknown> }));
}

export async function ackPage(db: Db, cursor: number, upTo: number, limit: number): Promise<ServerAck[]> {
  const r = await db.query<{
    seq: string;
    event_id: string;
    status: ServerAck['status'];
    reason: string | null;
    posted_id: string | null;
    by: string;
    acked_at: string;
  }>(
    `SELECT a.seq, a.event_id, a.status, a.reason, a.posted_id, u.name AS by, a.acked_at
     FROM outbound_acks a JOIN users u ON u.id = a.user_id WHERE a.seq > $1 AND a.seq <= $2 ORDER BY a.seq LIMIT $3`,
    [cursor, upTo, limit],
  );
  return r.rows.map((row) => ({
    seq: Number(row.seq),
    eventId: row.event_id,
    status: row.status,
    reason: row.reason,
    postedId: row.posted_id,
    by: row.by,
    at: Number(row.acked_at),
  }));
}

/** The newest sequence of any kind. */
export async function headOf(db: Db): Promise<number> {
  const r = await db.query<{ n: string }>(
    'SELECT greatest((SELECT coalesce(max(seq), 0) FROM events), (SELECT coalesce(max(seq), 0) FROM content), (SELECT coalesce(max(seq), 0) FROM outbound_acks)) AS n',
  );
  return Number(r.rows[0]!.n);
}

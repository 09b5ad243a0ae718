// Pages in server order on SQLite, for pulls and for snapshots alike: a snapshot runs the same
// reads on a connection of its own, inside one read transaction.
import type { Database } from 'better-sqlite3';
import type { ServerContent, ServerEvent, SyncEvent } from '../../shared/sync';

type EventRow = { seq: number; status: ServerEvent['status']; reason: string | null; body: string; received_at: number; by: string };

export function eventPages(db: Database): (cursor: number, limit: number) => ServerEvent[] {
  const q = db.prepare<[number, number], EventRow>(
    `SELECT e.seq, e.status, e.reason, e.body, e.received_at, u.name AS by FROM events e JOIN users u ON u.id = e.user_id
     WHERE e.seq > ? ORDER BY e.seq LIMIT ?`,
  );
  return (cursor, limit) =>
    q.all(cursor, limit).map((r) => ({ ...(JSON.parse(r.body) as SyncEvent), seq: r.seq, status: r.status, reason: r.reason, receivedAt: r.received_at, by: r.by }));
}

export function contentPages(db: Database): (cursor: number, upTo: number, limit: number) => ServerContent[] {
  const q = db.prepare<[number, number, number], { seq: number; type: ServerContent['type']; body: string }>(
    'SELECT seq, type, body FROM content WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
  );
  return (cursor, upTo, limit) => q.all(cursor, upTo, limit).map((r) => ({ seq: r.seq, type: r.type, record: JSON.parse(r.body) as Record<string, unknown> }));
}

/** The newest sequence of either kind. */
export function headOf(db: Database): () => number {
  const q = db.prepare<[], { n: number }>('SELECT max(coalesce((SELECT max(seq) FROM events), 0), coalesce((SELECT max(seq) FROM content), 0)) AS n');
  return () => q.get()!.n;
}

// Pages in server order on SQLite, for pulls and for snapshots alike: a snapshot runs the same
// reads on a connection of its own, inside one read transaction.
import type { Database } from 'better-sqlite3';
import type { Role, ServerAck, ServerContent, ServerEvent } from '../../shared/sync';
import { serverEventOfRow } from '../log/entry';

type EventRow = {
  seq: number;
  status: ServerEvent['status'];
  reason: string | null;
  body: string;
  received_at: number;
  by: string;
  role: Role;
};

export function eventPages(db: Database): (cursor: number, limit: number) => ServerEvent[] {
  const q = db.prepare<[number, number], EventRow>(
    'SELECT seq, status, reason, body, received_at, by_name AS by, role FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  return (cursor, limit) =>
    q
      .all(cursor, limit)
      .map((r) =>
        serverEventOfRow(r.body, { seq: r.seq, status: r.status, verdict: r.reason, receivedAt: r.received_at, by: r.by, role: r.role }),
      );
}

export function contentPages(db: Database): (cursor: number, upTo: number, limit: number) => ServerContent[] {
  const q = db.prepare<[number, number, number], { seq: number; type: ServerContent['type']; body: string }>(
    'SELECT seq, type, body FROM content WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
  );
  return (cursor, upTo, limit) =>
    q.all(cursor, upTo, limit).map((r) => ({ seq: r.seq, type: r.type, record: JSON.parse(r.body) as Record<string, unknown> }));
}

export function ackPages(db: Database): (cursor: number, upTo: number, limit: number) => ServerAck[] {
  const q = db.prepare<[number, number, number], ServerAck>(
    `SELECT a.seq, a.event_id AS eventId, a.status, a.reason, a.posted_id AS postedId, u.name AS by, a.acked_at AS at
     FROM outbound_acks a JOIN users u ON u.id = a.user_id WHERE a.seq > ? AND a.seq <= ? ORDER BY a.seq LIMIT ?`,
  );
  return (cursor, upTo, limit) => q.all(cursor, upTo, limit);
}

/** The newest sequence of any kind. */
export function headOf(db: Database): () => number {
  const q = db.prepare<[], { n: number }>(
    'SELECT max(coalesce((SELECT max(seq) FROM events), 0), coalesce((SELECT max(seq) FROM content), 0), coalesce((SELECT max(seq) FROM outbound_acks), 0)) AS n',
  );
  return () => q.get()!.n;
}

// The outbound queue on the SQLite store.
import type { Database } from 'better-sqlite3';
import type { Ack, AckOutcome, OutboundMessage } from '../../shared/outbound';
import { judgeAck, messageOf, outcomeOf, type OutboundRow } from './outbound-rules';
import type { User } from './types';

export function sqliteOutbound(db: Database): {
  outbound(cursor: number, limit: number): OutboundMessage[];
  ack(acks: readonly Ack[], by: User, now: number): AckOutcome[];
} {
  const q = {
    page: db.prepare<[number, number], Omit<OutboundRow, 'undone'> & { undone: number }>(
      `SELECT e.seq, e.body, e.received_at AS receivedAt, a.status AS ackStatus, a.reason AS ackReason, a.posted_id AS postedId, a.acked_at AS ackedAt,
         EXISTS (SELECT 1 FROM events u WHERE u.undo_of = e.id AND u.status = 'accepted') AS undone
       FROM events e LEFT JOIN outbound_acks a ON a.event_id = e.id
       WHERE e.action = 'reply' AND e.status = 'accepted' AND e.seq > ? ORDER BY e.seq LIMIT ?`,
    ),
    known: db.prepare<[string], { id: string }>("SELECT id FROM events WHERE id = ? AND action = 'reply' AND status = 'accepted'"),
    current: db.prepare<[string], { status: 'sent' | 'failed'; reason: string | null; postedId: string | null }>(
      'SELECT status, reason, posted_id AS postedId FROM outbound_acks WHERE event_id = ?',
    ),
    write: db.prepare(
      `INSERT INTO outbound_acks (event_id, status, reason, posted_id, user_id, acked_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (event_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, posted_id = excluded.posted_id,
         user_id = excluded.user_id, acked_at = excluded.acked_at, seq = excluded.seq`,
    ),
    // The events' counter, as content takes it (sqlite-content.ts): one order for everything pulled.
    counter: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'"),
    moveCounter: db.prepare<[number]>("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'"),
  };
  const ack = db.transaction((acks: readonly Ack[], by: User, now: number) =>
    acks.map((a) => {
      const verdict = judgeAck(a, q.known.get(a.eventId) !== undefined, q.current.get(a.eventId) ?? null);
      if (verdict.write) {
        // A known reply is an event, so the counter has its row.
        const seq = q.counter.get()!.seq + 1;
        q.moveCounter.run(seq);
        q.write.run(a.eventId, a.status, a.reason ?? null, a.postedId ?? null, by.id, now, seq);
      }
      return outcomeOf(verdict);
    }),
  );
  return {
    outbound: (cursor, limit) => q.page.all(cursor, limit).map((r) => messageOf({ ...r, undone: r.undone === 1 })),
    ack: (acks, by, now) => ack(acks, by, now),
  };
}

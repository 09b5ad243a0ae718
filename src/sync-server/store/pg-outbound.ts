// The outbound queue on the PostgreSQL store: the same rules as on SQLite (outbound-rules.ts).
import type pg from 'pg';
import type { Ack, AckOutcome, OutboundMessage } from '../../shared/outbound';
import { judgeAck, messageOf, outcomeOf } from './outbound-rules';
import { inTransaction } from './pg-transaction';
import type { User } from './types';

export async function pgOutbound(pool: pg.Pool, cursor: number, limit: number): Promise<OutboundMessage[]> {
  const r = await pool.query<{
    seq: string;
    body: string;
    received_at: string;
    status: 'sent' | 'failed' | null;
    reason: string | null;
    posted_id: string | null;
    acked_at: string | null;
    undone: boolean;
  }>(
    `SELECT e.seq, e.body, e.received_at, a.status, a.reason, a.posted_id, a.acked_at,
       EXISTS (SELECT 1 FROM events u WHERE u.undo_of = e.id AND u.status = 'accepted') AS undone
     FROM events e LEFT JOIN outbound_acks a ON a.event_id = e.id
     WHERE e.action = 'reply' AND e.status = 'accepted' AND e.seq > $1 ORDER BY e.seq LIMIT $2`,
    [cursor, limit],
  );
  return r.rows.map((row) =>
    messageOf({
      seq: Number(row.seq),
      body: row.body,
      receivedAt: Number(row.received_at),
      ackStatus: row.status,
      ackReason: row.reason,
      postedId: row.posted_id,
      ackedAt: row.acked_at === null ? null : Number(row.acked_at),
      undone: row.undone,
    }),
  );
}

/** Takes the pushes' advisory lock: an acknowledgement's number commits in order with events and content. */
export function pgAck(
  pool: pg.Pool,
  lock: { id: number; channel: string },
  acks: readonly Ack[],
  by: User,
  now: number,
): Promise<AckOutcome[]> {
  return inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [lock.id]);
    const ids = acks.map((a) => a.eventId);
    const known = new Set(
      (
        await c.query<{ id: string }>("SELECT id FROM events WHERE id = ANY($1) AND action = 'reply' AND status = 'accepted'", [ids])
      ).rows.map((r) => r.id),
    );
    // Rows locked: two connectors acknowledging the same reply wait for each other.
    const current = new Map(
      (
        await c.query<{ event_id: string; status: 'sent' | 'failed'; reason: string | null; posted_id: string | null }>(
          'SELECT event_id, status, reason, posted_id FROM outbound_acks WHERE event_id = ANY($1) FOR UPDATE',
          [ids],
        )
      ).rows.map((r) => [r.event_id, { status: r.status, reason: r.reason, postedId: r.posted_id }]),
    );
    const out: AckOutcome[] = [];
    let last = 0;
    // In order, as the SQLite store runs them: an id twice in one request sees its first ack.
    for (const a of acks) {
      const verdict = judgeAck(a, known.has(a.eventId), current.get(a.eventId) ?? null);
      if (verdict.write) {
        const r = await c.query<{ seq: string }>(
          `INSERT INTO outbound_acks (event_id, status, reason, posted_id, user_id, acked_at, seq) VALUES ($1, $2, $3, $4, $5, $6, nextval('events_seq_seq'))
           ON CONFLICT (event_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, posted_id = excluded.posted_id,
             user_id = excluded.user_id, acked_at = excluded.acked_at, seq = excluded.seq
           RETURNING seq`,
          [a.eventId, a.status, a.reason ?? null, a.postedId ?? null, by.id, now],
        );
        last = Number(r.rows[0]!.seq);
        current.set(a.eventId, { status: a.status, reason: a.reason ?? null, postedId: a.postedId ?? null });
      }
      out.push(outcomeOf(verdict));
    }
    if (last) await c.query('SELECT pg_notify($1, $2)', [lock.channel, String(last)]);
    return out;
  });
}

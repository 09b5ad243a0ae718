// Connectors' content on the PostgreSQL store. An ingest takes the pushes' advisory lock, so
// content and events take their numbers (one sequence) and commit in the same order: a pull
// that read past N never later finds something numbered below N appear.
import pg from 'pg';
import { ackPage, contentPage, eventPage, headOf } from './pg-reads';
import { inTransaction } from './pg-transaction';
import type { ContentIn, Ingested, SnapshotReader, User } from './types';

const keyOf = (type: string, platform: string, externalId: string) => `${type}\u0000${platform}\u0000${externalId}`;

export function pgIngest(
  pool: pg.Pool,
  lock: { id: number; channel: string },
  records: readonly ContentIn[],
  by: User,
  now: number,
): Promise<Ingested[]> {
  return inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [lock.id]);
    const stored = new Map(
      (
        await c.query<{ type: string; platform: string; external_id: string; seq: string; body: string }>(
          `SELECT t.type, t.platform, t.external_id, t.seq, t.body FROM content t
           JOIN unnest($1::text[], $2::text[], $3::text[]) AS k (type, platform, external_id)
             ON t.type = k.type AND t.platform = k.platform AND t.external_id = k.external_id`,
          [records.map((r) => r.type), records.map((r) => r.platform), records.map((r) => r.externalId)],
        )
      ).rows.map((r) => [keyOf(r.type, r.platform, r.external_id), { seq: Number(r.seq), body: r.body }]),
    );
    // The rules run here in order (a record twice in one batch: the later one is an update);
    // numbers are drawn afterwards, as many as there are writes, and handed out in order.
    const plan = records.map((r) => {
      const k = keyOf(r.type, r.platform, r.externalId);
      const before = stored.get(k);
      if (before && before.body === r.body) return { status: 'unchanged' as const, k, seq: before.seq };
      stored.set(k, { seq: -1, body: r.body });
      return { status: before ? ('updated' as const) : ('inserted' as const), k, seq: -1 };
    });
    const writes = plan.filter((p) => p.status !== 'unchanged');
    if (writes.length) {
      const seqs = (await c.query<{ n: string }>("SELECT nextval('events_seq_seq') AS n FROM generate_series(1, $1)", [writes.length])).rows
        .map((r) => Number(r.n))
        .sort((a, b) => a - b);
      writes.forEach((p, i) => (p.seq = seqs[i]!));
      // One row per record: the last write of each wins.
      const last = new Map<string, { r: ContentIn; seq: number }>();
      plan.forEach((p, i) => p.status !== 'unchanged' && last.set(p.k, { r: records[i]!, seq: p.seq }));
      const rows = [...last.values()];
      await c.query(
        `INSERT INTO content (seq, type, platform, external_id, body, user_id, ingested_at)
         SELECT seq, type, platform, external_id, body, $6, $7 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])
           AS r (seq, type, platform, external_id, body)
         ON CONFLICT (type, platform, external_id) DO UPDATE SET seq = excluded.seq, body = excluded.body, user_id = excluded.user_id, ingested_at = excluded.ingested_at`,
        [
          rows.map((w) => w.seq),
          rows.map((w) => w.r.type),
          rows.map((w) => w.r.platform),
          rows.map((w) => w.r.externalId),
          rows.map((w) => w.r.body),
          by.id,
          now,
        ],
      );
      await c.query('SELECT pg_notify($1, $2)', [lock.channel, String(seqs[seqs.length - 1])]);
    }
    return plan.map((p) => ({ status: p.status, seq: p.seq }));
  });
}

/** One client in a read-only repeatable-read transaction: every page is as of its head. */
export async function pgSnapshot(pool: pg.Pool): Promise<SnapshotReader> {
  const c = await pool.connect();
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    await c.query('COMMIT').catch(() => {});
    c.release();
  };
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const head = await headOf(c);
    const counts = (
      await c.query<{ content: string; events: string; acks: string }>(
        'SELECT (SELECT count(*) FROM content) AS content, (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM outbound_acks) AS acks',
      )
    ).rows[0]!;
    return {
      head,
      // Every stored event is one entry of the log, in the same order.
      logSize: Number(counts.events),
      contentCount: Number(counts.content),
      eventCount: Number(counts.events),
      ackCount: Number(counts.acks),
      content: (after, limit) => contentPage(c, after, head, limit),
      events: (after, limit) => eventPage(c, after, limit),
      acks: (after, limit) => ackPage(c, after, head, limit),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

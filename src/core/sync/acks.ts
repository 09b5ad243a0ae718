// Connectors' acknowledgements of replies, arriving from the server: kept by the reply's event
// id, the later (by server sequence) standing, so a page applied twice changes nothing.
import type { Database } from 'better-sqlite3';
import { connection } from './state';
import type { ReplyDelivery } from '../../shared/model';
import type { ServerAck } from '../../shared/sync';
import { stmt } from '../db/statements';

/** Inside the caller's transaction. */
export function applyAcks(db: Database, acks: readonly ServerAck[]): number {
  const put = stmt(
    db,
    `INSERT INTO reply_deliveries (event_id, status, reason, posted_id, connector, acked_at, server_seq) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (event_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, posted_id = excluded.posted_id,
       connector = excluded.connector, acked_at = excluded.acked_at, server_seq = excluded.server_seq
     WHERE excluded.server_seq > reply_deliveries.server_seq`,
  );
  let changed = 0;
  for (const a of acks) {
    // The server is a peer, not a trusted source: a line of the wrong shape is skipped.
    if (
      typeof a.eventId !== 'string' ||
      (a.status !== 'sent' && a.status !== 'failed') ||
      !Number.isInteger(a.seq) ||
      !Number.isFinite(a.at)
    )
      continue;
    changed += put.run(a.eventId, a.status, a.reason ?? null, a.postedId ?? null, String(a.by ?? ''), a.at, a.seq).changes;
  }
  return changed;
}

/** Replies a connector could not post (and nobody posted since): for supervisors to see. */
export function failedReplyCount(db: Database): number {
  return stmt<[], { n: number }>(db, "SELECT count(*) AS n FROM reply_deliveries WHERE status = 'failed'").get()!.n;
}

/** Columns a read of events joins in (`LEFT JOIN reply_deliveries d ON d.event_id = e.id`) for deliveryOf. */
export const DELIVERY_COLUMNS =
  'd.status AS delivery_status, d.reason AS delivery_reason, d.connector AS delivery_by, d.acked_at AS delivery_at';

export interface DeliveryRow {
  delivery_status: 'sent' | 'failed' | null;
  delivery_reason: string | null;
  delivery_by: string | null;
  delivery_at: number | null;
}

/** Where a reply without a connector's word is: `server` once the server took it. */
export type ReplyPlace = 'local' | 'outbox' | 'server';

/**
 * The place of a reply event whose server verdict (event_sync.status) is `serverStatus`;
 * `connected`: whether this workstation has a server (read once per listing, not per event).
 */
export function replyPlace(serverStatus: string | null, connected: boolean): ReplyPlace {
  if (serverStatus !== null) return 'server';
  return connected ? 'outbox' : 'local';
}

export const hasServer = (db: Database): boolean => connection(db) !== null;

/**
 * A reply's state in the outbound queue. What a connector said stands (a sent reply stays
 * sent, even undone); without word, a reply is queued once the server has it, waits in the
 * outbox before, or stays local on a workstation with no server; an undone reply, or one the
 * server would not take, is in no queue.
 */
export function deliveryOf(
  action: string,
  r: DeliveryRow,
  undone: boolean,
  refused: boolean,
  place: ReplyPlace,
): ReplyDelivery | undefined {
  if (action !== 'reply') return undefined;
  if (r.delivery_status) return { state: r.delivery_status, by: r.delivery_by, at: r.delivery_at, reason: r.delivery_reason };
  if (undone || refused) return undefined;
  return { state: place === 'server' ? 'queued' : place, by: null, at: null, reason: null };
}

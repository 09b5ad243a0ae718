import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { applyAcks, failedReplyCount } from '../../src/core/sync/acks';
import { columns, objectNames, openAt, reopenAt, userVersion } from './steps';
import { plan } from '../unit/query-plan';

/** Up to and including 0024, wherever it sits in the list. */
const UP_TO_24 = MIGRATIONS.findIndex((m) => m.version === 24) + 1;

const ack = (seq: number, eventId: string, status: 'sent' | 'failed', reason: string | null = null) => ({
  seq,
  eventId,
  status,
  reason,
  postedId: null,
  by: 'feed',
  at: 1000 + seq,
});

describe('migration 0024: what became of replies', () => {
  it('keeps the latest acknowledgement of each reply, and counts failures along an index', () => {
    const { db: before, file } = openAt(UP_TO_24 - 1);
    expect(objectNames(before, 'table')).not.toContain('reply_deliveries');
    const db = reopenAt(before, file, UP_TO_24);
    expect(userVersion(db)).toBe(24);
    expect(columns(db, 'reply_deliveries')).toEqual(['event_id', 'status', 'reason', 'posted_id', 'connector', 'acked_at', 'server_seq']);
    expect(() => db.prepare("INSERT INTO reply_deliveries VALUES ('e', 'lost', NULL, NULL, 'feed', 1, 1)").run()).toThrow(/CHECK/);

    applyAcks(db, [ack(5, 'r1', 'failed', 'rate limited'), ack(6, 'r2', 'failed', 'suspended')]);
    expect(failedReplyCount(db)).toBe(2);
    // A retry that worked replaces the failure; the same page again, or an older line, changes nothing.
    expect(applyAcks(db, [ack(9, 'r1', 'sent')])).toBe(1);
    expect(applyAcks(db, [ack(5, 'r1', 'failed', 'rate limited'), ack(9, 'r1', 'sent')])).toBe(0);
    expect(db.prepare("SELECT status, reason, acked_at FROM reply_deliveries WHERE event_id = 'r1'").get()).toEqual({
      status: 'sent',
      reason: null,
      acked_at: 1009,
    });
    expect(failedReplyCount(db)).toBe(1);
    expect(plan(db, "SELECT count(*) AS n FROM reply_deliveries WHERE status = 'failed'")).toContain('reply_deliveries_failed');
  });
});

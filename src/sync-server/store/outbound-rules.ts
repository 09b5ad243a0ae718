// The outbound queue's rules, shared by both stores so they answer alike: what a stored reply
// looks like to a connector, and what an acknowledgement may change.
import type { Ack, AckOutcome, OutboundMessage, OutboundState } from '../../shared/outbound';
import type { SyncEvent } from '../../shared/sync';

export interface OutboundRow {
  seq: number;
  body: string;
  receivedAt: number;
  ackStatus: 'sent' | 'failed' | null;
  ackReason: string | null;
  postedId: string | null;
  ackedAt: number | null;
  undone: boolean;
}

export function messageOf(r: OutboundRow): OutboundMessage {
  const e = JSON.parse(r.body) as SyncEvent;
  const payload = e.payload ?? {};
  // Once a connector said something, that stands; an undo only cancels what nobody sent yet.
  const state: OutboundState = r.ackStatus ?? (r.undone ? 'cancelled' : 'waiting');
  return {
    seq: r.seq,
    eventId: e.id,
    platform: e.platform,
    externalId: e.externalId,
    text: e.note ?? '',
    caseRef: typeof payload.caseRef === 'string' ? payload.caseRef : null,
    templateId: typeof payload.templateId === 'string' ? payload.templateId : null,
    actor: e.actor,
    createdAt: e.createdAt,
    receivedAt: r.receivedAt,
    state,
    reason: r.ackReason,
    postedId: r.postedId,
    ackedAt: r.ackedAt,
  };
}

/**
 * `known`: an accepted reply has that id; `current`: what was recorded before. A reply sent is
 * sent for good (a later failure is refused: the post is out); a failure may be retried.
 */
export function judgeAck(
  a: Ack,
  known: boolean,
  current: { status: 'sent' | 'failed'; reason: string | null; postedId: string | null } | null,
): AckOutcome & { write: boolean } {
  if (!known) return { eventId: a.eventId, status: 'unknown', reason: 'no accepted reply has this id', write: false };
  if (current?.status === 'sent') {
    if (a.status === 'sent' && (a.postedId ?? null) === current.postedId) return { eventId: a.eventId, status: 'duplicate', write: false };
    return { eventId: a.eventId, status: 'refused', reason: 'this reply was already acknowledged as sent', write: false };
  }
  if (current && current.status === a.status && current.reason === (a.reason ?? null))
    return { eventId: a.eventId, status: 'duplicate', write: false };
  return { eventId: a.eventId, status: 'recorded', write: true };
}

export const outcomeOf = ({ write: _write, ...o }: AckOutcome & { write: boolean }): AckOutcome => o;

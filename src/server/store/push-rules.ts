// What the server makes of one pushed event, whatever the database: the rules of the protocol
// written once. Decisions made concurrently (on the same item version) that disagree become a
// conflict for a supervisor; nothing is overwritten, nothing is last-writer-wins.
import { DECISION_ACTIONS } from '../../shared/model';
import type { PushStatus, SyncEvent } from '../../shared/sync';

const DECISIONS = new Set<string>(DECISION_ACTIONS);

export function isDecision(action: string): boolean {
  return DECISIONS.has(action);
}

export interface Verdict {
  status: Exclude<PushStatus, 'duplicate'>;
  reason: string | null;
  /** Whether the item's version moves on. */
  advances: boolean;
}

/**
 * `head`: accepted events so far on the item; `concurrent`: the decisions already accepted
 * on it from the event's base version on (what its author could not have seen).
 */
export function judge(e: SyncEvent, head: number, concurrent: readonly { action: string; actor: string }[], undoTargetKnown: boolean): Verdict {
  if (e.action === 'undo' && (!e.undoOf || !undoTargetKnown)) {
    return { status: 'rejected', reason: 'it undoes an event the server does not have', advances: false };
  }
  if (e.baseVersion >= head || !isDecision(e.action)) return { status: 'accepted', reason: null, advances: true };
  const other = concurrent.find((c) => c.action !== e.action);
  if (!other) return { status: 'accepted', reason: null, advances: true };
  return {
    status: 'conflict',
    reason: `${e.actor} decided ${e.action} while ${other.actor} had decided ${other.action} on the same version`,
    advances: false,
  };
}

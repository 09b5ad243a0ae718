// A case's state is a fold over the case events on its root item, in log order (server order
// where synced). The fold keeps the invariants whatever order offline workstations produced:
// one owner at a time (a take while someone else owns the case is ignored; a hand-over is
// the only way to move it), and a resolution needs an outcome.
import type { FoldEvent } from '../decisions/fold';

export interface CaseState {
  owner: string | null;
  status: 'open' | 'resolved';
  outcome: string | null;
  resolvedAt: number | null;
  handovers: number;
  bounced: boolean;
  owners: string[];
  /** The owner is still the one a routing rule chose (nobody has taken or been handed the case). */
  ownerRouted: boolean;
}

/** More hand-overs than this and the customer is being bounced. */
export const BOUNCE_HANDOVERS = 2;

/**
 * `routedTo`: the person or team a routing rule gave the case's first message to. It owns the
 * case from the start, but only until a person takes it: a rule's assignment is where the
 * case waits, not someone's promise to the customer, so anyone may take it from there.
 */
export function foldCase(events: readonly FoldEvent[], routedTo: string | null = null): CaseState {
  const undone = new Set(events.filter((e) => e.action === 'undo' && e.undoOf).map((e) => e.undoOf!));
  const s: CaseState = {
    owner: null,
    status: 'open',
    outcome: null,
    resolvedAt: null,
    handovers: 0,
    bounced: false,
    owners: [],
    ownerRouted: false,
  };
  const own = (who: string) => {
    s.owner = who;
    if (s.owners[s.owners.length - 1] !== who) s.owners.push(who);
  };
  if (routedTo) {
    own(routedTo);
    s.ownerRouted = true;
  }
  for (const e of events) {
    if (undone.has(e.id)) continue;
    if (e.action === 'case-take') {
      if (s.owner === null || s.owner === e.actor || s.ownerRouted) own(e.actor);
      s.ownerRouted = false;
    } else if (e.action === 'case-handover') {
      const to = typeof e.payload?.to === 'string' ? e.payload.to : null;
      if (!to || to === s.owner) continue;
      // Back to someone who had it already, or passed on too often: the customer is bouncing.
      if (s.owners.includes(to) || s.handovers + 1 > BOUNCE_HANDOVERS) s.bounced = true;
      s.handovers++;
      own(to);
      s.ownerRouted = false;
    } else if (e.action === 'case-resolve') {
      const outcome = typeof e.payload?.outcome === 'string' ? e.payload.outcome : null;
      if (!outcome) continue;
      s.status = 'resolved';
      s.outcome = outcome;
      s.resolvedAt = e.createdAt;
    } else if (e.action === 'case-reopen') {
      s.status = 'open';
      s.outcome = null;
      s.resolvedAt = null;
    }
  }
  return s;
}

export const CASE_ACTIONS = new Set(['case-take', 'case-handover', 'case-resolve', 'case-reopen']);

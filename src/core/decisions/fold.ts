// An item's state is a fold over its events: nothing else writes status, labels or assignee.
// The same fold serves the projection kept on the items row (for fast queue queries) and
// any check that the projection is right.
import {
  DECISION_STATUS,
  SENTIMENTS,
  TRIAGE_TYPES,
  type EventAction,
  type ItemStatus,
  type Sentiment,
  type TriageType,
} from '../../shared/model';

export interface FoldEvent {
  id: string;
  action: EventAction;
  actor: string;
  createdAt: number;
  labels: string[];
  payload: Record<string, unknown> | null;
  undoOf: string | null;
}

export interface ItemState {
  status: ItemStatus;
  labels: string[];
  assignee: string | null;
  /** When the assignee's lease ends (a claim made before leases has none). */
  claimUntil: number | null;
  decidedAt: number | null;
  decidedBy: string | null;
  /** Number of events, undo events included: every event moves the version on. */
  version: number;
  /** What moderators set of the classification (the latest correction of each wins over any classifier). */
  corrections: { type?: TriageType; sentiment?: Sentiment };
  /** When the first reply (not undone) went out: it meets the first-response target. */
  firstReplyAt: number | null;
}

const isType = (v: unknown): v is TriageType => typeof v === 'string' && (TRIAGE_TYPES as readonly string[]).includes(v);
const isSentiment = (v: unknown): v is Sentiment => typeof v === 'string' && (SENTIMENTS as readonly string[]).includes(v);

export function isDecision(action: EventAction): action is keyof typeof DECISION_STATUS {
  return Object.prototype.hasOwnProperty.call(DECISION_STATUS, action);
}

/** `routedLabels`: what the item's routing rule labelled it with; label events add to and remove from them. */
export function foldEvents(events: readonly FoldEvent[], routedLabels: readonly string[] = []): ItemState {
  const undone = new Set<string>();
  for (const e of events) if (e.action === 'undo' && e.undoOf) undone.add(e.undoOf);

  const state: ItemState = {
    status: 'new',
    labels: [],
    assignee: null,
    claimUntil: null,
    decidedAt: null,
    decidedBy: null,
    version: events.length,
    corrections: {},
    firstReplyAt: null,
  };
  const labels = new Set<string>(routedLabels);
  for (const e of events) {
    if (e.action === 'undo' || undone.has(e.id)) continue;
    if (e.action === 'reply' && (state.firstReplyAt === null || e.createdAt < state.firstReplyAt)) state.firstReplyAt = e.createdAt;
    if (isDecision(e.action)) {
      state.status = DECISION_STATUS[e.action];
      state.decidedAt = e.createdAt;
      state.decidedBy = e.actor;
    } else if (e.action === 'reopen') {
      state.status = 'new';
      state.decidedAt = null;
      state.decidedBy = null;
    } else if (e.action === 'label') {
      for (const l of e.labels) labels.add(l);
      const removed = e.payload?.remove;
      if (Array.isArray(removed)) for (const l of removed) labels.delete(String(l));
    } else if (e.action === 'claim') {
      state.assignee = e.actor;
      state.claimUntil = typeof e.payload?.until === 'number' ? e.payload.until : null;
    } else if (e.action === 'release') {
      state.assignee = null;
      state.claimUntil = null;
    } else if (e.action === 'classify') {
      // Events come from other workstations too: a value this version does not know is ignored, not trusted.
      if (isType(e.payload?.type)) state.corrections.type = e.payload.type;
      if (isSentiment(e.payload?.sentiment)) state.corrections.sentiment = e.payload.sentiment;
    } else if (e.action === 'handover') {
      state.assignee = typeof e.payload?.to === 'string' ? e.payload.to : null;
      state.claimUntil = typeof e.payload?.until === 'number' ? e.payload.until : null;
    }
  }
  state.labels = [...labels].sort();
  return state;
}

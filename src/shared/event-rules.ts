// Who may do what to an item, and what makes an event valid: one table, every action, written
// once. The central server judges every pushed event by it (its verdict is the record); a
// workstation checks the same table before it records an event of its own, so a person is told
// at once rather than refused later. The server is the authority: what it knows (who holds an
// item, who owns a case, who wrote an event, which users exist) may be more than a workstation
// knows, and a check that needs what the caller did not give is left to the caller that has it.
import { DECISION_STATUS, type EventAction } from './model';
import { CLAIM_LEASE_MAX_MS, resolvedBy, type Role } from './sync';

/** People decide; a connector (a machine) posts content and acknowledgements only. */
export const PEOPLE: readonly Role[] = ['moderator', 'supervisor', 'admin'];
/** Those who may overrule: undo anyone's work, resolve conflicts, release or hand over what others hold. */
export const OVERSEERS: readonly Role[] = ['supervisor', 'admin'];

/** An event being judged: the fields the rules read. */
export interface JudgedEvent {
  action: string;
  platform: string;
  externalId: string;
  undoOf?: string | null | undefined;
  payload?: Record<string, unknown> | null | undefined;
  labels?: readonly string[] | undefined;
  reason?: string | null | undefined;
}

/** The shortest reason a conflict resolution takes: a word that says why, not a placeholder. */
export const RESOLUTION_REASON_MIN = 3;

/** An event already in the log, as the judge needs to know it (an undo's target). */
export interface LoggedEvent {
  id: string;
  action: string;
  /** 'pending': made on this workstation and not answered by the server yet. */
  status: 'accepted' | 'conflict' | 'rejected' | 'pending';
  platform: string;
  externalId: string;
  /** Its author: the signed-in user who pushed it (or, not yet pushed, the one who made it here). */
  by: string;
  /** An accepted undo of it, if any. */
  undoneBy: string | null;
  /** A supervisor's conflict resolution (a decision naming the conflicts it settles). */
  resolution: boolean;
}

/** What a person may be handed work to. */
export type Assignee = 'person' | 'not-a-person' | 'unknown';

export interface RuleContext {
  by: { name: string; role: Role };
  now: number;
  /** Who holds the item under a lease, and until when (null: nobody ever held it, or it was released). */
  lease?: { holder: string; until: number } | null;
  /** An undo's target; null when the log has no such event. */
  target?: LoggedEvent | null;
  /** Who owns the case whose root this item is (explicitly: taken or handed over); null: nobody. */
  caseOwner?: string | null;
  /** The decision a quality-review event names in payload.of; null when the log does not have it. */
  reviewed?: LoggedEvent | null;
  /** Whether a name is someone work can be handed to; without it, any name passes here. */
  assignee?: (name: string) => Assignee;
}

type Check = (e: JudgedEvent, c: RuleContext) => string | null;

export interface EventRule {
  /** Roles that may make the event at all. */
  roles: readonly Role[];
  /** The rule in words: documentation, and the table the tests walk. */
  rule: string;
  /** Who may undo an accepted event of this kind: its author (or an overseer), only an overseer, or nobody. */
  undo: 'author' | 'overseer' | 'never';
  /** What the context must hold for check (the caller reads it only for actions that need it). */
  needs?: readonly ('lease' | 'target' | 'caseOwner' | 'reviewed')[];
  check?: Check;
}

const OK = null;
const decisionAction = (a: unknown) => typeof a === 'string' && Object.prototype.hasOwnProperty.call(DECISION_STATUS, a);
const isOverseer = (c: RuleContext) => OVERSEERS.includes(c.by.role);
const live = (c: RuleContext) => (c.lease && c.lease.until > c.now ? c.lease : null);
const text = (v: unknown, max = 200): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

function handTo(to: unknown, c: RuleContext): string | null {
  if (!text(to)) return 'a hand-over names the person who takes it';
  if (to === c.by.name) return 'hand over to someone else';
  const who = c.assignee?.(to);
  if (who === 'unknown') return `there is no user called ${to}`;
  if (who === 'not-a-person') return `${to} cannot take work (not an active person on the team)`;
  return OK;
}

const decision: EventRule = {
  roles: PEOPLE,
  rule: 'Anyone who decides may decide any item (work on an item another person holds is kept and flagged); a decision that resolves conflicts is a supervisor’s.',
  undo: 'author',
  check: (e, c) => {
    if (!resolvedBy(e)) return OK;
    if (!isOverseer(c)) return `only a supervisor resolves a conflict; ${c.by.name} is a ${c.by.role}`;
    // The people whose decision it overrules read why: a resolution without one is refused.
    if ((e.reason ?? '').trim().length < RESOLUTION_REASON_MIN)
      return `a conflict resolution says why (a reason of ${RESOLUTION_REASON_MIN} characters or more)`;
    return OK;
  },
};

const plain = (rule: string, check?: Check): EventRule => ({ roles: PEOPLE, rule, undo: 'author', ...(check ? { check } : {}) });

function checkUndo(e: JudgedEvent, c: RuleContext): string | null {
  const t = c.target;
  if (!e.undoOf) return 'an undo names the event it undoes';
  if (!t) return 'it undoes an event the log does not have';
  if (t.platform !== e.platform || t.externalId !== e.externalId) return 'it undoes an event on another item';
  if (t.status === 'rejected') return 'it undoes an event the server refused';
  if (t.status === 'conflict') return 'it undoes a decision in conflict: a supervisor settles a conflict by resolving it';
  if (t.undoneBy) return 'that event was already undone';
  const rule = ruleOf(t.action);
  if (!rule || rule.undo === 'never')
    return t.action === 'undo'
      ? 'an undo cannot itself be undone; decide again instead'
      : `a ${t.action} is not undone: ${undoInstead(t.action)}`;
  if ((rule.undo === 'overseer' || t.resolution) && !isOverseer(c))
    return `only a supervisor undoes ${t.resolution ? 'a conflict resolution' : `a ${t.action}`}; ${c.by.name} is a ${c.by.role}`;
  if (t.by !== c.by.name && !isOverseer(c)) return `only ${t.by} (or a supervisor) undoes ${t.by}’s ${t.action}`;
  return OK;
}

function undoInstead(action: string): string {
  if (action === 'claim') return 'release the item instead';
  if (action === 'release') return 'claim the item again instead';
  if (action === 'handover') return 'the person who has it hands it on';
  return 'decide again instead';
}

function caseWork(what: string): Check {
  return (_e, c) => {
    const owner = c.caseOwner;
    if (owner && owner !== c.by.name && !isOverseer(c)) return `${owner} owns this case: only the owner (or a supervisor) ${what} it`;
    return OK;
  };
}

/** The longest comment or criterion key a review carries, and the most criteria a scorecard has. */
export const QA_LIMITS = { criteria: 30, key: 64, draw: 64 } as const;

/** What a quality-review event says of the decision it names: an accepted (or, here, pending) decision on this item, not undone. */
function reviewable(e: JudgedEvent, c: RuleContext, what: string): string | null {
  if (!text(e.payload?.of, 200)) return `${what} names the decision it is about`;
  const d = c.reviewed;
  if (d === undefined) return OK;
  if (!d) return `${what} is about a decision the log does not have`;
  if (!decisionAction(d.action)) return `${what} is about a decision, and ${d.id} is a ${d.action}`;
  if (d.platform !== e.platform || d.externalId !== e.externalId) return `${what} is about a decision on another item`;
  if (d.status === 'rejected' || d.status === 'conflict') return `${what} is about a decision the server did not accept`;
  if (d.undoneBy) return `that decision was undone: there is nothing to review`;
  return OK;
}

function reviewShape(e: JudgedEvent): string | null {
  const p = e.payload ?? {};
  if (!decisionAction(p.answer)) return 'a review answers with a decision (approve, remove, escalate, spam, fake or reply)';
  if (typeof p.blind !== 'boolean') return 'a review says whether it was made blind';
  if (p.draw !== undefined && !text(p.draw, QA_LIMITS.draw)) return 'a review names the sample draw it answers, or none';
  if (p.scores !== undefined) {
    if (!p.scores || typeof p.scores !== 'object' || Array.isArray(p.scores)) return 'a scorecard is a set of criteria and scores';
    const entries = Object.entries(p.scores as Record<string, unknown>);
    if (entries.length > QA_LIMITS.criteria) return `a scorecard has at most ${QA_LIMITS.criteria} criteria`;
    for (const [k, v] of entries) {
      if (!k || k.length > QA_LIMITS.key) return 'a criterion has a key of 1 to 64 characters';
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return `the score of ${k} is a number from 0 to 1`;
    }
  }
  return OK;
}

/** Every action's rule. `satisfies` makes a new action decide its rule before it compiles. */
export const EVENT_RULES = {
  approve: decision,
  remove: decision,
  escalate: decision,
  spam: decision,
  fake: decision,
  reply: decision,
  reopen: plain('Anyone who decides may put a decided item back in the queue.'),
  label: plain('Anyone who decides may label an item (at most 20 labels an event).', (e) =>
    (e.labels?.length ?? 0) > 20 ? 'at most 20 labels at once' : OK,
  ),
  note: plain('Anyone who decides may write an internal note.'),
  classify: plain('Anyone who decides may correct an item’s type or sentiment.'),
  link: plain('Anyone who decides may move an item into another case.', (e) =>
    text(e.payload?.platform, 64) && text(e.payload?.externalId) ? OK : 'a link names the platform and id of the case’s first message',
  ),
  unlink: plain('Anyone who decides may take an item out of its case.'),
  claim: {
    roles: PEOPLE,
    rule: 'Nobody claims an item another person holds under a live lease; a lease asked for ends within the longest lease. A claim is not undone: it is released.',
    undo: 'never',
    needs: ['lease'],
    check: (e, c) => {
      const l = live(c);
      if (l && l.holder !== c.by.name) return `${l.holder} holds this item until ${clock(l.until)}`;
      return leaseEnd(e.payload?.until, c);
    },
  },
  release: {
    roles: PEOPLE,
    rule: 'Only the person who holds an item (or a supervisor) releases it.',
    undo: 'never',
    needs: ['lease'],
    check: (_e, c) => {
      const l = live(c);
      return l && l.holder !== c.by.name && !isOverseer(c) ? `${l.holder} holds this item: only they (or a supervisor) release it` : OK;
    },
  },
  handover: {
    roles: PEOPLE,
    rule: 'Only the person who holds an item (anyone, while nobody holds it; a supervisor, always) hands it over, to an active person.',
    undo: 'never',
    needs: ['lease'],
    check: (e, c) => {
      const l = live(c);
      if (l && l.holder !== c.by.name && !isOverseer(c)) return `${l.holder} holds this item: only they (or a supervisor) hand it over`;
      return handTo(e.payload?.to, c) ?? leaseEnd(e.payload?.until, c);
    },
  },
  undo: {
    roles: PEOPLE,
    rule: 'An undo cancels one accepted, not yet undone event of the same item: one’s own, or anyone’s by a supervisor; a conflict resolution only by a supervisor. An undo is not undone.',
    undo: 'never',
    needs: ['target'],
    check: checkUndo,
  },
  'case-take': plain(
    'Anyone who decides may take a case; while another person owns it the take changes nothing (ownership moves by hand-over).',
  ),
  'case-handover': {
    ...plain('Only the case’s owner (anyone, while nobody owns it; a supervisor, always) hands a case over, to an active person.'),
    needs: ['caseOwner'],
    check: (e, c) => caseWork('hands over')(e, c) ?? handTo(e.payload?.to, c),
  },
  'case-resolve': {
    ...plain('Only the case’s owner (anyone, while nobody owns it; a supervisor, always) resolves a case, with an outcome.'),
    needs: ['caseOwner'],
    check: (e, c) => caseWork('resolves')(e, c) ?? (text(e.payload?.outcome, 64) ? OK : 'a resolution names its outcome'),
  },
  'case-reopen': plain('Anyone who decides may reopen a resolved case.'),
  'qa-pick': {
    roles: OVERSEERS,
    rule: 'A supervisor picks an accepted decision for quality review (drawing a sample); a supervisor withdraws a pick by undoing it.',
    undo: 'overseer',
    needs: ['reviewed'],
    check: (e, c) =>
      reviewable(e, c, 'a pick') ??
      (text(e.payload?.draw, QA_LIMITS.draw) ? OK : 'a pick names the sample draw it belongs to') ??
      (typeof e.payload?.blind === 'boolean' ? OK : 'a pick says whether its review is blind'),
  },
  'qa-review': {
    roles: PEOPLE,
    rule: 'Anyone who decides may review someone else’s accepted decision (never their own), answering with the decision they would have made; their latest review of it counts.',
    undo: 'author',
    needs: ['reviewed'],
    check: (e, c) => {
      const no = reviewable(e, c, 'a review') ?? reviewShape(e);
      if (no) return no;
      if (c.reviewed && c.reviewed.by === c.by.name) return 'nobody reviews their own decision';
      return OK;
    },
  },
} as const satisfies Record<EventAction, EventRule>;

export function ruleOf(action: string): EventRule | undefined {
  return Object.prototype.hasOwnProperty.call(EVENT_RULES, action) ? (EVENT_RULES as Record<string, EventRule>)[action] : undefined;
}

const clock = (t: number) =>
  Number.isFinite(t) && Math.abs(t) < 8.64e15 ? `${new Date(t).toISOString().slice(11, 16)} UTC` : 'further notice';

/** A lease's end, where an event names one: a time no later than the longest lease from now. */
function leaseEnd(until: unknown, c: RuleContext): string | null {
  if (until === undefined) return OK;
  if (typeof until !== 'number' || !Number.isFinite(until)) return 'a lease’s end is a time';
  return until > c.now + CLAIM_LEASE_MAX_MS ? `a lease ends within ${CLAIM_LEASE_MAX_MS / 60_000} minutes` : OK;
}

/**
 * Why this event may not be made by this person in this context, or null when it may. The
 * role check, where undo and resolution fields may appear, then the action's own rule.
 */
export function refusal(e: JudgedEvent, c: RuleContext): string | null {
  const rule = ruleOf(e.action);
  if (!rule) return `“${e.action}” is not an action on an item`;
  if (!rule.roles.includes(c.by.role)) return `a ${c.by.role} does not ${e.action} items`;
  if (e.action !== 'undo' && e.undoOf) return 'only an undo names an event to undo';
  if (e.payload && 'resolves' in e.payload && !(e.action in DECISION_STATUS)) return 'only a decision resolves conflicts';
  if (e.payload && 'resolves' in e.payload && !resolvedBy(e)) return 'a resolution names the conflicting events it settles';
  return rule.check ? rule.check(e, c) : OK;
}

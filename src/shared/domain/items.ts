// The items Vigil works on, in the words the database stores and the contract carries: kinds,
// statuses, the decisions and other actions on an item, and how an item is classified.

export const ITEM_KINDS = ['post', 'mention', 'reply', 'comment', 'review'] as const;

export type ItemKind = (typeof ITEM_KINDS)[number];

/** Status is never written directly: it is folded from the item's events (see core/decisions/fold.ts). */
export const ITEM_STATUSES = ['new', 'approved', 'removed', 'escalated', 'spam', 'fake', 'replied'] as const;

export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Actions that settle an item and the status each leaves it in. */
export const DECISION_STATUS = {
  approve: 'approved',
  remove: 'removed',
  escalate: 'escalated',
  spam: 'spam',
  fake: 'fake',
  reply: 'replied',
} as const satisfies Record<string, ItemStatus>;

export type DecisionAction = keyof typeof DECISION_STATUS;

export const DECISION_ACTIONS = Object.keys(DECISION_STATUS) as DecisionAction[];

/** Every event kind in the append-only log. */
export const EVENT_ACTIONS = [
  ...(Object.keys(DECISION_STATUS) as DecisionAction[]),
  'reopen',
  'label',
  'note',
  'claim',
  'release',
  'handover',
  'undo',
  // Cases: membership events travel on the moved item, the rest on the case's root item.
  'link',
  'unlink',
  'case-take',
  'case-handover',
  'case-resolve',
  'case-reopen',
  /** A moderator's correction of the item's type or sentiment: payload {type?, sentiment?}. */
  'classify',
  /** Quality review: a supervisor's pick of a decision for review (payload {of, draw, blind}), and a review of one (payload {of, answer, blind, draw?, scores?}). */
  'qa-pick',
  'qa-review',
] as const;

export type EventAction = (typeof EVENT_ACTIONS)[number];

/** What a message is, for routing: the four of social care practice, and detection's two. */
export const TRIAGE_TYPES = ['question', 'complaint', 'compliment', 'other', 'spam', 'fake'] as const;

export type TriageType = (typeof TRIAGE_TYPES)[number];

/** The types a moderator cycles through with a key (spam and fake are decisions of their own). */
export const CORRECTABLE_TYPES = ['question', 'complaint', 'compliment', 'other'] as const satisfies readonly TriageType[];

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

export type Sentiment = (typeof SENTIMENTS)[number];

export const ACTIONS_NEEDED = ['reply', 'escalate', 'no-action', 'remove'] as const;

export type ActionNeeded = (typeof ACTIONS_NEEDED)[number];

/** Who set a classification: the built-in rules, the team's trained model, or a moderator. */
export type ClassifiedBy = 'rules' | 'model' | 'moderator';

/** An item's classification, as the detail pane shows it. */
export interface ItemTriage {
  type: TriageType;
  typeBy: ClassifiedBy;
  sentiment: Sentiment;
  /** -1 to 1; its size is the strength (a moderator's correction keeps the classifier's figure). */
  sentimentScore: number;
  sentimentBy: ClassifiedBy;
  action: ActionNeeded;
  /** ISO 639-1, or 'und' when unsure. */
  language: string;
  /** The fake-adjusted reach the action took into account (null where the author is unknown). */
  reach: number | null;
  reasons: { type: string[]; sentiment: string[]; action: string[] };
}

/** Queues an item lands in on import; routing rules refine this later. */
export const DEFAULT_QUEUES = ['mentions', 'reviews', 'comments'] as const;

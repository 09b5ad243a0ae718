// Domain vocabulary shared by every layer. Values here are what the database stores and what
// the contract carries; labels meant for people live in the renderer.
import type { ItemRouting } from './rules';
import type { TemplateKind } from './templates';

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

/**
 * Queues that detection routes waiting items into, most specific first: a member of a
 * campaign goes to spam waves even when its text alone looks like a fake review.
 */
export const DETECTION_QUEUES = ['spam-waves', 'fake-reviews', 'fake-accounts', 'spam'] as const;
export type DetectionQueue = (typeof DETECTION_QUEUES)[number];

/** The score from which an item is routed to each detection queue (settings can move them). */
export const DEFAULT_THRESHOLDS: Record<DetectionQueue, number> = {
  'spam-waves': 0.7,
  'fake-reviews': 0.75,
  'fake-accounts': 0.8,
  spam: 0.8,
};

/** How sure a score is: 'low' (no signal, one weak one, or signals that disagree), 'medium', 'high'. */
export const SURE_LEVELS = ['low', 'medium', 'high'] as const;
export type SureLevel = (typeof SURE_LEVELS)[number];

/**
 * How much a score rests on. For the built-in rules: how many independent signals push it the
 * way it went, how strong they are, and how much points the other way. For a team model: its
 * cross-validated quality and how far this score is from its decision boundary.
 */
export interface Sureness {
  level: SureLevel;
  /** Why, in a few words: "one signal", "3 signals agree", "signals disagree", "team model (MCC 0.81 on 420 labels), near its boundary". */
  basis: string;
}

/** One detector's say on an item. */
export interface DetectorVerdict {
  score: number;
  reasons: string[];
  /** 'model' when the team's trained model gave the score, 'rules' for the built-in detector. */
  source: 'rules' | 'model';
  /** Absent only on a score kept before sureness was recorded (until the item is scored again). */
  sure?: Sureness;
}

/** What detection knows of an item, for the detail pane. */
export interface ItemDetection {
  /** The highest of the scores below (and of the campaign's). */
  risk: number;
  spam?: DetectorVerdict;
  review?: DetectorVerdict;
  author?: DetectorVerdict;
  campaign?: CampaignInfo & { itemIds: number[] };
  /** The author's follower audit, where follows are known. */
  audit?: { followers: number; fakeFollowerShare: number; adjustedReach: number };
}

export interface QueueFilter {
  queue?: string | undefined;
  /** 'all' lifts the status filter; the default is 'new' (waiting for a decision). */
  status?: ItemStatus | 'all' | undefined;
  kind?: ItemKind | undefined;
  label?: string | undefined;
  platform?: string | undefined;
  target?: string | undefined;
  /** FTS5 query over item text; plain words are matched as prefixes. */
  search?: string | undefined;
  /** Only items whose detection score is at least this. */
  minRisk?: number | undefined;
  /** Only items this routing rule (by id) routed. */
  rule?: string | undefined;
  /** Queue order: priority (the default), detection score (highest first) or SLA due (soonest first). */
  sort?: 'priority' | 'risk' | 'due' | undefined;
}

export interface QueueRow {
  id: number;
  platform: string;
  externalId: string;
  kind: ItemKind;
  queue: string;
  status: ItemStatus;
  version: number;
  priority: number;
  createdAt: number | null;
  text: string;
  target: string | null;
  rating: number | null;
  thread: string | null;
  labels: string[];
  assignee: string | null;
  /** When the assignee's claim (a server lease) ends; null for a claim without an end. Past it, nobody holds the item. */
  claimUntil: number | null;
  authorId: number | null;
  authorHandle: string | null;
  authorName: string | null;
  authorFollowers: number | null;
  /** Detection score in [0, 1] (0 until scored). */
  risk: number;
  /** How sure the detector that gave `risk` is; null when not known (not scored, or the score is a campaign's). */
  riskSure?: SureLevel | null;
  /** The next SLA due (epoch ms): first response until a reply, then resolution; null without a policy. */
  slaDue: number | null;
}

export interface AccountCard {
  id: number;
  platform: string;
  externalId: string;
  handle: string;
  name: string | null;
  createdAt: number | null;
  followers: number | null;
  following: number | null;
  posts: number | null;
  likes: number | null;
  listed: number | null;
  verified: boolean;
  defaultAvatar: boolean;
  defaultProfile: boolean;
  bio: string | null;
  url: string | null;
  location: string | null;
  /** Whether any of the account's items has been decided as coming from a fake account. */
  markedFake: boolean;
  itemCount: number;
  /** How the team decided this author's items so far. */
  decisions: Partial<Record<ItemStatus, number>>;
  recentItems: { id: number; kind: ItemKind; status: ItemStatus; createdAt: number | null; text: string }[];
}

export interface EventView {
  id: string;
  seq: number;
  itemId: number;
  action: EventAction;
  /** Its author, as `author.name`. */
  actor: string;
  /**
   * Who made it: once the server has it, the signed-in user who pushed it (`verified`); before,
   * the name this workstation recorded, which no server has confirmed. `wrote`: a different
   * name written in the event (work done under a local name before a sign-in).
   */
  author: { name: string; verified: boolean; wrote: string | null };
  createdAt: number;
  reason: string | null;
  labels: string[];
  note: string | null;
  payload: Record<string, unknown> | null;
  undoOf: string | null;
  /** Set when a later undo event cancelled this one. */
  undoneBy: string | null;
  /**
   * What the server made of it, once synced: refused and conflicting events do not count in
   * the item's state; an accepted one may carry a flag (work on an item someone else held).
   */
  server?: { status: 'accepted' | 'conflict' | 'rejected'; reason: string | null; resolvedBy: string | null };
  /** On a reply: whether a connector has posted it (absent when undone before, or refused by the server). */
  delivery?: ReplyDelivery;
}

/**
 * What became of a reply in the outbound queue: queued until a connector says; sent (by that
 * connector, at that time) or failed with the connector's reason. Vigil itself posts nowhere.
 * Before that: `outbox` while it waits on this workstation to reach the server, `local` on a
 * workstation not connected to a team server (no connector will ever see it).
 */
export interface ReplyDelivery {
  state: 'local' | 'outbox' | 'queued' | 'sent' | 'failed';
  by: string | null;
  at: number | null;
  reason: string | null;
}

export interface ItemDetail {
  item: QueueRow & {
    url: string | null;
    lang: string | null;
    parent: string | null;
    extra: Record<string, unknown> | null;
    importedAt: number;
  };
  author: AccountCard | null;
  /** The items of its thread (or its parent chain), itself included, oldest first. */
  thread: { id: number; kind: ItemKind; authorHandle: string | null; createdAt: number | null; text: string; status: ItemStatus }[];
  events: EventView[];
  detection: ItemDetection | null;
  /** The routing rule that placed it, and why; null when no rule matched. */
  routing: ItemRouting | null;
  /** Null until the item is first classified. */
  triage: ItemTriage | null;
}

/** What an event left the item as: enough for a client to update its copy without a re-read. */
export interface DecisionOutcome {
  itemId: number;
  eventId: string;
  status: ItemStatus;
  version: number;
  labels: string[];
  assignee: string | null;
  claimUntil: number | null;
}

export interface ImportError {
  file: string;
  line: number;
  message: string;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
}

export interface ImportReport {
  importId: string;
  file: string;
  format: 'ndjson' | 'csv';
  bytes: number;
  lines: number;
  accounts: ImportCounts;
  items: ImportCounts;
  follows: ImportCounts;
  /** Rows rejected, each with its line and reason; `errorCount` may exceed the list kept. */
  errors: ImportError[];
  errorCount: number;
  done: boolean;
}

export interface QueueCount {
  queue: string;
  /** Waiting for a decision. */
  open: number;
  total: number;
}

export interface Stats {
  items: number;
  accounts: number;
  follows: number;
  byStatus: Partial<Record<ItemStatus, number>>;
  byKind: Partial<Record<ItemKind, number>>;
  decisions: number;
  events: number;
  outbox: number;
}

export interface ReplyTemplate {
  id: string;
  name: string;
  body: string;
  kind: TemplateKind;
  /** Why we ask (contact-request, private-channel): shown to the moderator and recorded with the reply. */
  reason: string | null;
  tags: string[];
  updatedAt: number | null;
  updatedBy: string | null;
}

export interface Settings {
  actor: string;
  /** Action id → key combination, only the ones rebound away from the default map. */
  keymap: Record<string, string>;
  blurMedia: boolean;
  /** Score from which detection routes a waiting item to each detection queue. */
  thresholds: Record<DetectionQueue, number>;
}

export interface AppInfo {
  version: string;
  schemaVersion: number;
  dataDir: string;
  dbPath: string;
  clientId: string;
  actor: string;
  host: 'electron' | 'web' | 'cli' | 'test';
  empty: boolean;
}

/** An account's authenticity verdict; the follower audit where its followers are known. */
export interface AccountScore {
  platform: string;
  id: string;
  handle: string;
  score: number;
  reasons: string[];
  /** Absent only on a score kept before sureness was recorded. */
  sure?: Sureness;
  /** Share of its known followers that look fake (only where follows are known). */
  fakeFollowerShare?: number;
  /** Followers once the fake share is taken out (only where follows are known). */
  adjustedReach?: number;
}

/** A group of accounts acting together, as found by coordination detection. */
export interface CampaignInfo {
  id: string;
  kind: 'near-duplicate' | 'review-ring';
  /** Platform ids of the accounts. */
  accounts: string[];
  /** Platform ids of the items. */
  items: string[];
  score: number;
  reasons: string[];
  /** How sure: how many accounts, how tight the burst, whether they burst elsewhere too. */
  sure: Sureness;
  start: number;
  end: number;
  examples: string[];
  /** How many of its items still wait for a decision. */
  waiting: number;
}

/** What one detection pass did. */
export interface RescoreReport {
  accounts: number;
  audits: number;
  items: number;
  campaignsTouched: number;
  /** Items still waiting to be scored. */
  remaining: number;
  /** Time spent in each step. */
  ms: { accounts: number; audits: number; items: number; campaigns: number };
}

/**
 * What the team's trainer can learn: spam (items), fake reviews, fake accounts, sentiment and
 * type (from moderators' corrections). Type is the one multi-class kind (CORRECTABLE_TYPES).
 */
export const MODEL_KINDS = ['spam', 'reviews', 'accounts', 'sentiment', 'type'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/**
 * Quality of a detector on labelled examples. Binary kinds: positive is spam, fake or positive
 * sentiment. The multi-class kind (type): precision, recall, F1 and PR-AUC are macro averages
 * over the classes (one against the rest), MCC is the multi-class R_K, and `perClass` is given.
 */
export interface Metrics {
  n: number;
  mcc: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  prAuc: number;
  perClass?: ClassFigures[];
}

export interface ClassFigures {
  label: string;
  /** Labels of this class. */
  n: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ModelInfo {
  id: number;
  kind: ModelKind;
  createdAt: number;
  createdBy: string;
  /** Labels it learnt from, by class (type: all of them, 0; its per-class counts are in `cv.perClass`). */
  positives: number;
  negatives: number;
  /** Cross-validated quality of this model on the team's labels. */
  cv: Metrics;
  /** The built-in rules on the same labels. */
  rules: Metrics;
  active: boolean;
  activatedAt: number | null;
}

export interface TrainingState {
  phase: 'training' | 'done' | 'failed';
  /** 0 to 1. */
  progress: number;
  message: string;
  /** The model the run produced. */
  modelId: number | null;
}

export interface ModelKindStatus {
  kind: ModelKind;
  /** The team's decisions usable as labels, by class (type: all of them as positive, none negative). */
  labels: { positive: number; negative: number };
  /** The multi-class kind (type): labels per class, each of which needs `needed`. */
  classes?: { label: string; n: number }[];
  /** Labels of each class needed before training. */
  needed: number;
  /** Newest first. */
  models: ModelInfo[];
  training: TrainingState | null;
  /** What "roll back" would switch on: an earlier model, or null for the rules (undefined: nothing to roll back). */
  rollbackTo?: number | null;
}

/** 'signed-out': the server no longer takes this workstation's session (expired or revoked). */
export type SyncState = 'disconnected' | 'online' | 'offline' | 'syncing' | 'signed-out';

/** The workstation's sync, as the status bar and settings show it. */
export interface SyncStatus {
  connected: boolean;
  /** 'offline' is a normal state: the outbox waits and nothing is lost. */
  state: SyncState;
  url: string | null;
  user: string | null;
  role: string | null;
  /** Set while the server is reached over plain http:// on another machine: the sentence to show (plainHttpWarning). */
  insecure: string | null;
  /** Events made here and not yet on the server. */
  outbox: number;
  /** Server events read so far. */
  cursor: number;
  /** The server's newest event when last heard: cursor < serverHead means catching up. */
  serverHead: number;
  lastSyncAt: number | null;
  lastError: string | null;
  /**
   * Events of this workstation the server refused or put in conflict and that still stand so,
   * newest first (at most 50): a conflict a supervisor has settled is no longer listed. A
   * configuration change names its document (`doc`) and no item.
   */
  refused: { eventId: string; itemId: number | null; action: string; status: 'conflict' | 'rejected'; reason: string | null; doc?: string }[];
  /** Conflicts no supervisor has resolved yet, across the team. */
  openConflicts: number;
  /** Open cases handed over too often or back to an earlier owner: for supervisors to look at. */
  bouncedCases: number;
  /** Replies a connector said it could not post (and none posted since), across the team. */
  failedReplies: number;
  /**
   * Server events kept beside the log: `unappliable` ones this workstation could not take in
   * (listed, newest first, at most 50), and the count of other workstations' events the server
   * refused (`refusedElsewhere`), kept as evidence.
   */
  setAside: { unappliable: number; refusedElsewhere: number; recent: SetAsideEvent[] };
}

/** A server event this workstation keeps beside its log, with the reason. */
export interface SetAsideEvent {
  eventId: string;
  /** 'refused': another workstation's event the server refused; 'unappliable': one this workstation could not apply. */
  kind: 'refused' | 'unappliable';
  serverSeq: number;
  platform: string;
  externalId: string;
  action: string;
  /** Its author of record (the signed-in user who pushed it). */
  by: string;
  /** When the server took it. */
  at: number;
  reason: string;
}

/** One side of a disagreement: a decision the server would not let stand beside another. */
export interface ConflictingDecision {
  eventId: string;
  action: string;
  /** Its author, as `author.name`. */
  actor: string;
  /** Its author of record, as an item's history shows it. */
  author: EventView['author'];
  createdAt: number;
  /** The server's account of the clash. */
  reason: string | null;
  /** The reason its author gave, if any. */
  said: string | null;
}

/** Work the server kept but flagged for a supervisor: done on an item someone else held. */
export interface FlaggedWork {
  eventId: string;
  itemId: number;
  platform: string;
  externalId: string;
  action: string;
  actor: string;
  createdAt: number;
  reason: string;
  text: string;
}

/** An item two people decided differently on the same version, waiting for a supervisor. */
export interface ConflictView {
  itemId: number;
  platform: string;
  externalId: string;
  kind: ItemKind;
  text: string;
  authorHandle: string | null;
  /** Detection's scores in [0, 1], or null for an item not scored; a detector that did not look is null. */
  scores: { risk: number; spam: number | null; review: number | null; author: number | null } | null;
  /**
   * What stands now: the item's status and the decision that set it (the one the server
   * accepted first), with its author of record; `decision` is null where no event in this
   * log set the status (an imported status, or a later reopen).
   */
  standing: {
    status: ItemStatus;
    by: string | null;
    at: number | null;
    decision: { eventId: string; action: string; author: EventView['author']; createdAt: number; said: string | null; synced: boolean } | null;
  };
  /** The decisions that clashed with it. */
  contenders: ConflictingDecision[];
  foundAt: number;
}

/** How a case ended; a resolution needs one. */
export const CASE_OUTCOMES = ['answered', 'fixed', 'refunded', 'no-action-needed', 'duplicate', 'unreachable'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** One message of a case, as the case shows it. */
export interface CaseMessage {
  id: number;
  platform: string;
  externalId: string;
  kind: ItemKind;
  target: string | null;
  text: string;
  status: ItemStatus;
  createdAt: number | null;
}

/** A customer's messages about one matter, with one owner until resolved. */
export interface CaseView {
  /** The case is named by its first message. */
  rootItemId: number;
  /** Its short reference for the customer (shared/templates caseRefOf), the same on every workstation. */
  ref: string;
  customer: { handle: string; name: string | null } | null;
  owner: string | null;
  /** The owner is the assignee or team a routing rule named, until a person takes the case. */
  ownerRouted: boolean;
  status: 'open' | 'resolved';
  outcome: string | null;
  openedAt: number;
  lastAt: number;
  resolvedAt: number | null;
  handovers: number;
  /** Handed over more than twice, or back to someone who had it already. */
  bounced: boolean;
  /** Everyone who has owned it, in order. */
  owners: string[];
  messages: CaseMessage[];
  /** Messages, decisions, replies, notes, hand-overs and links across the case, oldest first. */
  timeline: { at: number; itemId: number; action: string; actor: string; detail: string | null; delivery?: ReplyDelivery }[];
}

/**
 * What a check of the record found. `problems` is empty when everything holds; each problem
 * names the first position where it went wrong (a position in the server's log, or in this
 * workstation's own chain) and why.
 */
export interface AuditReport {
  ok: boolean;
  checkedAt: number;
  /** This workstation's own log (every event made or taken here), chained entry to entry. */
  chain: { entries: number };
  /** This workstation's copy of the server's log; null when it has never synced with a server that signs one. */
  serverLog: {
    entries: number;
    /** Of those, how many events this workstation keeps (the rest only as their hashes). */
    kept: number;
    /** The newest checkpoint it verified: the size, when the server signed it, and the key's fingerprint. */
    checkpoint: { size: number; signedAt: number; key: string } | null;
    /** Whether the server was asked today, and what it said of its log since. */
    server: 'consistent' | 'not-asked' | 'unreachable' | 'inconsistent';
  } | null;
  problems: { where: 'chain' | 'server-log' | 'server'; position: number | null; what: string }[];
}

/** An inclusion proof file (JSON text) and what it proves, in words. */
export interface AuditProof {
  fileName: string;
  file: string;
  summary: string;
}

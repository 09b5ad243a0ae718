// What the queue and the item pane show: the filter, a queue row, an item in full with its
// history and its author, and what a decision answers.
import type { AccountProfile } from '../records';
import type { ItemRouting } from '../rules';
import type { SureLevel, ItemDetection } from './detection';
import type { ItemKind, ItemStatus, EventAction, ItemTriage } from './items';

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

export interface AccountCard extends AccountProfile {
  id: number;
  platform: string;
  externalId: string;
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

export interface QueueCount {
  queue: string;
  /** Waiting for a decision. */
  open: number;
  total: number;
}

// Cases: a customer's messages and the team's work on them, as one thread.
import type { ReplyDelivery } from './item-views';
import type { ItemKind, ItemStatus } from './items';

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

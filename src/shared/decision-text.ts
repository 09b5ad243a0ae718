// The words for a decision, the same in the moderator's messages and in what undo says it
// takes back (the renderer says them when a decision is made; core keeps them with the group).
import type { DecisionAction } from './model';

export const DECISION_PAST: Record<DecisionAction, string> = {
  approve: 'Approved',
  remove: 'Removed',
  escalate: 'Escalated',
  spam: 'Marked as spam',
  fake: 'Marked author fake',
  reply: 'Replied to',
};

export function itemCount(n: number): string {
  return n === 1 ? '1 item' : `${n.toLocaleString('en')} items`;
}

export function decisionText(action: DecisionAction, n: number): string {
  return `${DECISION_PAST[action]} ${itemCount(n)}`;
}

export function labelText(n: number, add: readonly string[], remove: readonly string[]): string {
  return `Labelled ${itemCount(n)} ${[...add.map((l) => `+${l}`), ...remove.map((l) => `−${l}`)].join(' ')}`;
}

export function classifyText(field: 'type' | 'sentiment', value: string): string {
  return `${field === 'type' ? 'Type' : 'Sentiment'} set to ${value}`;
}

export function campaignText(action: DecisionAction, n: number): string {
  return `${decisionText(action, n)} of a campaign`;
}

// What the item needs from the team, from its type, tone, detection risk and reach: spam and
// fakes come down; a complaint is answered, and escalated when it is furious, threatens
// legal or safety trouble, or comes from an audience large enough to spread it; a question is
// answered; praise is thanked where many see it, and otherwise needs nothing.
import type { ActionNeeded, TriageType } from '../../../shared/model';

/** Genuine followers (fake ones taken out) from which a voice carries far. */
export const WIDE_REACH = 10_000;
/** From this reach a compliment deserves a thank-you in public. */
export const THANK_REACH = 1_000;
/** A complaint at or below this sentiment is furious. */
const FURIOUS = -0.9;

// The open-ended words come last and end the pattern: `\w*` followed by `\b` could fail and be
// retried from every letter of a long word.
const ESCALATE_CUES =
  /\b(?:(?:lawyer|attorney|sue|suing|lawsuit|legal action|court|police|injur(?:y|ed)|hospital|poison(?:ing|ed)?|allergic reaction|fire|unsafe|dangerous|data breach|hacked|stolen (?:card|identity|data)|journalist|press)\b|discriminat\w*|harass\w*)/i;

export interface ActionVerdict {
  action: ActionNeeded;
  reasons: string[];
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

export function actionNeeded(text: string, type: TriageType, sentiment: number, reach: number | null): ActionVerdict {
  if (type === 'spam' || type === 'fake') return { action: 'remove', reasons: [`detection calls it ${type}`] };
  const cue = text.match(ESCALATE_CUES)?.[0];
  if (type === 'complaint') {
    if (cue) return { action: 'escalate', reasons: [`mentions “${cue.toLowerCase()}”`] };
    if (sentiment <= FURIOUS) return { action: 'escalate', reasons: ['a furious complaint'] };
    if (reach !== null && reach >= WIDE_REACH)
      return { action: 'escalate', reasons: [`a complaint seen by about ${fmt(reach)} genuine followers`] };
    return { action: 'reply', reasons: ['a complaint needs an answer'] };
  }
  if (cue) return { action: 'escalate', reasons: [`mentions “${cue.toLowerCase()}”`] };
  if (type === 'question') return { action: 'reply', reasons: ['a question needs an answer'] };
  if (type === 'compliment' && reach !== null && reach >= THANK_REACH)
    return { action: 'reply', reasons: [`praise seen by about ${fmt(reach)} genuine followers: thank them`] };
  return { action: 'no-action', reasons: [type === 'compliment' ? 'praise from a small audience' : 'nothing asked or wrong'] };
}

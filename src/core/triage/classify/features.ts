// What the sentiment trainer sees of a text: the lexicon's score (as log-odds, so the model
// learns how far to trust it) beside hashed words and word pairs, with the words a negation
// reaches marked ("not clean" is not "clean"), so the team's own vocabulary is learnt on top
// of the general one.
import { hashedNgrams } from '../../detection/text';
import type { Example } from '../../detection/trainer';
import { NEGATORS } from './modifiers';
import { lexiconSentiment } from './sentiment';

const NEGATION_REACH = 3;

/** The text with "ǂ" (a letter, so it stays part of the word) before each of the few words after a negation, within its clause. */
export function markNegation(text: string): string {
  const out: string[] = [];
  let left = 0;
  for (const t of text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .match(/[\p{L}\p{N}'-]+|[.!?;,:]/gu) ?? []) {
    if (/^[.!?;,:]$/.test(t)) {
      left = 0;
      out.push(t);
      continue;
    }
    out.push(left > 0 ? `ǂ${t}` : t);
    left = NEGATORS.has(t) ? NEGATION_REACH : Math.max(0, left - 1);
  }
  return out.join(' ');
}

export function sentimentExample(text: string): Example {
  const s = lexiconSentiment(text).score;
  const p = Math.min(0.999, Math.max(0.001, (s + 1) / 2));
  return { dense: [Math.log(p / (1 - p))], sparse: hashedNgrams(markNegation(text)) };
}

// The personalisation check's measures, on words (case, accents and punctuation aside): how
// much a reply adds to the template it came from, and the form under which two replies count
// as the same text. Pure functions, so the thresholds are tested on their own.
import { createHash } from 'node:crypto';
import { foldWords } from '../../../shared/template-search';

/** A reply must add at least this many words to its filled template… */
export const MIN_ADDED_WORDS = 4;
/** …or this share of the template's length, whichever is more: a long template needs more than a word or two. */
export const MIN_ADDED_SHARE = 0.1;
/** The same reply may go to this many customers a day; the next one needs an override. */
export const REPEAT_LIMIT = 5;

/**
 * Words of the reply that are not part of the template, in order: the reply's length less
 * their longest common subsequence. Moving the template's own words around, or cutting some,
 * adds nothing.
 */
export function wordsAdded(reply: string, filledTemplate: string): number {
  const a = foldWords(reply);
  const b = foldWords(filledTemplate);
  if (!a.length || !b.length) return a.length;
  // One row at a time: O(len(a) × len(b)) time, O(len(b)) memory.
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    [prev, cur] = [cur, prev];
  }
  return a.length - prev[b.length]!;
}

/** How many words a reply must add to this filled template not to be bare. */
export function wordsNeeded(filledTemplate: string): number {
  return Math.max(MIN_ADDED_WORDS, Math.ceil(foldWords(filledTemplate).length * MIN_ADDED_SHARE));
}

/** Still (almost) the template: only its variables filled, a word or two changed. */
export function isBare(reply: string, filledTemplate: string): boolean {
  return wordsAdded(reply, filledTemplate) < wordsNeeded(filledTemplate);
}

/** Two replies are the same text when their words are, whatever the case, accents, spacing and punctuation. */
export function sameTextKey(text: string): string {
  return foldWords(text).join(' ');
}

/**
 * What a reply event stores to be found by its text (events.text_key, indexed with the time):
 * a digest of sameTextKey, short and of fixed length whatever the reply's length.
 */
export function replyTextKey(text: string): string {
  return createHash('sha256').update(sameTextKey(text)).digest('base64url').slice(0, 22);
}

// Sentiment without training, from a hand-written lexicon and the grammar around each word
// (after VADER, Hutto & Gilbert 2014, and SO-CAL, Taboada et al. 2011):
// - a negation reaches the first feeling word of its clause, and over "and/or/nor" the next
//   one of the same kind ("not clean or quiet"), and turns it round at a discount;
// - intensifiers strengthen and softeners weaken the word after them;
// - praise in a clause of hopes, conditions or questions ("expected a clean room", "would have
//   been nice", "is it clean?") is mostly a disappointed hope and counts little;
// - after "but" the writer says what they mean; an "although…" clause is conceded; a sentence
//   opening with "However," turns against the one before;
// - the same word said again adds less each time (a hotel called "luxury" five times is not
//   five times the praise); a short scare quote ("the 'luxury' suite") praises nothing;
// - "will be back" and "won't be back" are verdicts in themselves;
// - negative words weigh more than positive ones: people wrap a complaint in politeness and
//   fair words ("the staff were nice, but…"), rarely the other way round.
// The sum is squashed into [-1, 1] so that a long rant and a short one land in the same range.
import type { Sentiment } from '../../../shared/model';
import { PHRASES_BY_START, wordValue, type Phrase } from './lexicon';
import { COMING, FUTURE, INTENSIFIERS, IRREALIS, NEGATOR_PAIRS, NEGATORS, RETURNING } from './modifiers';
import { discourseWeights } from './discourse';
import { tokenize, type Token } from './tokens';

export interface SentimentVerdict {
  sentiment: Sentiment;
  /** -1 (very negative) to 1 (very positive). */
  score: number;
  /** The words that moved the score most, as a reader can check them. */
  reasons: string[];
}

/** How fast the sum saturates: a sum of √α gives about 0.7. */
const ALPHA = 15;
/** A negated word keeps part of its strength, turned round ("not great" is not "terrible"). */
const NEGATION = -0.6;
/** How many words after a negation its word may come ("not one of the better ones"). */
const NEGATION_REACH = 5;
/**
 * How much more a negative word weighs than a positive one. People wrap a complaint in
 * politeness and fair words ("the staff were nice, but…") far more than the other way round,
 * and a bad thing weighs more than an equal good one: 2.25 is Tversky and Kahneman's (1992)
 * loss-aversion ratio (SO-CAL, Taboada et al. 2011, uses 1.5; VADER none).
 */
const NEGATIVITY = 2.25;
/** What praise keeps in a clause of hopes and expectations. */
const IRREALIS_WEIGHT = 0.3;
/** A verdict on coming back ("will be back", "would never stay again"). */
const RETURN_VERDICT = 3;
const CLAUSE_END = new Set(['.', '!', '?', ';', ',', ':']);
const COORDINATORS = new Set(['and', 'or', 'nor']);

export function squash(sum: number): number {
  return sum / Math.sqrt(sum * sum + ALPHA);
}

/**
 * Below this distance from 0 a message is neutral: less feeling than half of one mild word
 * ("ok" softened by "slightly", or a hope for something "clean" in a question), about 0.13.
 * (The yes/no figure of `npm run eval` splits at 0 itself: it has no neutral to give.)
 */
export const NEUTRAL_BAND = squash(0.5);

export function sentimentOf(score: number): Sentiment {
  return score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
}

/** How strong, in words, for the detail pane. */
export function strengthOf(score: number): 'mild' | 'clear' | 'strong' {
  const a = Math.abs(score);
  return a < 0.35 ? 'mild' : a < 0.75 ? 'clear' : 'strong';
}

/** "2 out of 5", "9 out of 10": a rating given in words, from -4 (none) to 4 (full marks). */
function outOf(ts: readonly Token[], i: number): number | undefined {
  if (ts[i + 1]?.word !== 'out' || ts[i + 2]?.word !== 'of') return undefined;
  const [n, m] = [Number(ts[i]!.word), Number(ts[i + 3]?.word)];
  if (!(m === 5 || m === 10 || m === 100) || !(n >= 0 && n <= m)) return undefined;
  return (n / m - 0.5) * 8;
}

function phraseAt(ts: readonly Token[], i: number): Phrase | undefined {
  return PHRASES_BY_START.get(ts[i]!.word)?.find((p) => i + p.words.length <= ts.length && p.words.every((x, k) => ts[i + k]!.word === x));
}

interface Hit {
  word: string;
  value: number;
  at: number;
}

export function lexiconSentiment(text: string): SentimentVerdict {
  const ts = tokenize(text);
  // Shouting in a text written all in capitals says nothing of any one word.
  const allCaps = ts.length > 0 && ts.every((t) => t.caps || !/\p{L}/u.test(t.word));
  const { weight, boundary, question } = discourseWeights(ts);
  const hits: Hit[] = [];
  const said = new Map<string, number>();
  let clauseStart = 0;
  let negation = -1;
  let lastNegator = -1;
  let carry = 0;
  let future = -1;
  let irrealis = false;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const w = t.word;
    if (CLAUSE_END.has(w) || boundary[i]) {
      clauseStart = i + 1;
      negation = lastNegator = future = -1;
      carry = 0;
      irrealis = false;
      continue;
    }
    const pair = NEGATOR_PAIRS.get(w);
    if (pair !== undefined && pair === ts[i + 1]?.word) {
      negation = lastNegator = i + 1;
      i++;
      continue;
    }
    // "not only… but also" is no negation.
    if (w === 'not' && ts[i + 1]?.word === 'only') {
      i++;
      continue;
    }
    let value: number | undefined;
    let span = 1;
    const phrased = phraseAt(ts, i);
    if (phrased) {
      value = phrased.value;
      span = phrased.words.length;
    }
    const rating = outOf(ts, i);
    if (rating !== undefined) {
      value = rating;
      span = 4;
    }
    let verdict = false;
    if (value === undefined && future >= 0 && !question[i] && (RETURNING.has(w) || (w === 'back' && COMING.has(ts[i - 1]?.word ?? '')))) {
      value = lastNegator >= future - 1 ? -RETURN_VERDICT : RETURN_VERDICT;
      verdict = true;
    }
    // A negator or an intensifier before a feeling word is grammar, not feeling ("hardly", "incredibly rude").
    const modifies = NEGATORS.has(w) || (INTENSIFIERS.has(w) && wordValue(ts[i + 1]?.word ?? '') !== undefined);
    value ??= modifies ? undefined : wordValue(w);
    const wasIrrealis = irrealis;
    if (span === 1 && !verdict) {
      if (NEGATORS.has(w)) negation = lastNegator = i;
      if (FUTURE.has(w) && future < 0) future = i;
      if (IRREALIS.has(w)) irrealis = true;
    }
    if (!value) continue;
    const phrase = verdict
      ? value < 0
        ? 'not coming back'
        : 'coming back'
      : span === 1
        ? w
        : ts
            .slice(i, i + span)
            .map((x) => x.word)
            .join(' ');
    i += span - 1;
    let v = value;
    for (let k = i - span; k >= Math.max(clauseStart, i - span - 1, negation + 1); k--) {
      const boost = INTENSIFIERS.get(ts[k]!.word);
      if (boost !== undefined) v *= boost;
    }
    let negated = false;
    // A phrase that carries its own negation ("don't like", "not worth") is not turned round again.
    if (span > 1 && NEGATORS.has(w)) negation = -1;
    if (!verdict && negation >= 0 && negation < i - span + 1 && i - span + 1 - negation <= NEGATION_REACH) {
      negated = true;
      carry = Math.sign(value);
      negation = -1;
    } else if (carry !== 0 && Math.sign(value) === carry && COORDINATORS.has(ts[i - span]?.word ?? '')) {
      negated = true;
    } else carry = 0;
    if (negated) v *= NEGATION;
    if (t.quoted && v > 0) continue;
    if (t.caps && !allCaps) v *= 1.3;
    if (v > 0 && !verdict && (wasIrrealis || question[i])) v *= IRREALIS_WEIGHT;
    if (v < 0) v *= NEGATIVITY;
    // Each saying of the same word counts less: 1, 1/2, 1/3…
    const times = (said.get(phrase) ?? 0) + 1;
    said.set(phrase, times);
    hits.push({ word: negated ? `not ${phrase}` : phrase, value: (v * weight[i]!) / times, at: i });
  }
  const sum = hits.reduce((s, h) => s + h.value, 0);
  const mass = hits.reduce((s, h) => s + Math.abs(h.value), 0);
  // How much feeling, times how one-sided: a long review of praise and complaints that nearly
  // cancel is mildly one thing, not strongly, however many words it has.
  const score = mass ? squash(sum) * Math.sqrt(Math.abs(sum) / mass) : 0;
  const sentiment = sentimentOf(score);
  const sign = Math.sign(score);
  const reasons =
    sentiment === 'neutral'
      ? [hits.length ? 'its positive and negative words balance out' : 'no words that carry a feeling']
      : [
          ...new Map(
            hits
              .filter((h) => Math.sign(h.value) === sign)
              .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
              .map((h) => [h.word, h]),
          ).keys(),
        ]
          .slice(0, 4)
          .map((w) => `“${w}”`);
  return { sentiment, score, reasons: sentiment === 'neutral' ? reasons : [`${sentiment} words: ${reasons.join(', ')}`] };
}

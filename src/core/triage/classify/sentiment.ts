// Sentiment without training: lexicon valences summed over the text, turned round by a
// negation in the same clause ("not clean"), scaled by intensifiers ("very", "slightly") and
// by shouting (capitals, exclamation marks), with what follows a "but" counting more than
// what came before it (VADER's heuristics, Hutto & Gilbert 2014). The sum is squashed into
// [-1, 1] so that a long rant and a short one land in the same range.
import type { Sentiment } from '../../../shared/model';
import { INTENSIFIERS, IRREALIS, LEXICON, MAX_PHRASE, NEGATORS, PHRASE_LEXICON, PHRASE_STARTS } from './lexicon';

export interface SentimentVerdict {
  sentiment: Sentiment;
  /** -1 (very negative) to 1 (very positive). */
  score: number;
  /** The words that moved the score most, as a reader can check them. */
  reasons: string[];
}

/** Below this distance from 0 a message is neutral (VADER's compound threshold). */
export const NEUTRAL_BAND = 0.05;
/** How fast the sum saturates: a sum of √α gives about 0.7. */
const ALPHA = 15;
/** A negated word keeps part of its strength, turned round ("not great" is not "terrible"). */
const NEGATION = -0.6;
const NEGATION_REACH = 3;
/**
 * Negative words weigh more than positive ones: people wrap a complaint in politeness and
 * fair words ("the staff were nice, but…"), rarely the other way round.
 */
const NEGATIVITY = 1.5;
/** What praise keeps in a clause of hopes and expectations. */
const IRREALIS_WEIGHT = 0.3;
const CLAUSE_END = new Set(['.', '!', '?', ';', ',', ':']);
const CONTRAST = new Set(['but', 'however', 'yet', 'though']);

interface Token {
  word: string;
  caps: boolean;
}

function tokens(text: string): Token[] {
  const raw = text.normalize('NFKC').replace(/[’‘]/g, "'").match(/[\p{L}\p{N}][\p{L}\p{N}'-]*|[.!?;,:]/gu) ?? [];
  return raw.map((t) => ({ word: t.toLowerCase(), caps: t.length > 1 && t === t.toUpperCase() && /\p{Lu}/u.test(t) }));
}

export function squash(sum: number): number {
  return sum / Math.sqrt(sum * sum + ALPHA);
}

export function sentimentOf(score: number): Sentiment {
  return score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
}

/** How strong, in words, for the detail pane. */
export function strengthOf(score: number): 'mild' | 'clear' | 'strong' {
  const a = Math.abs(score);
  return a < 0.35 ? 'mild' : a < 0.75 ? 'clear' : 'strong';
}

export function lexiconSentiment(text: string): SentimentVerdict {
  const ts = tokens(text);
  // Shouting in a text written all in capitals says nothing of any one word.
  const allCaps = ts.length > 0 && ts.every((t) => t.caps || !/\p{L}/u.test(t.word));
  const hits: { word: string; value: number }[] = [];
  let sum = 0;
  let sentence: number[] = [];
  let contrastAt = -1;
  let clauseStart = 0;
  const closeSentence = (bangs: number) => {
    // After a "but", the clause that follows is what the writer means.
    let s = 0;
    sentence.forEach((v, i) => (s += contrastAt < 0 ? v : i < contrastAt ? v * 0.5 : v * 1.5));
    sum += s * (1 + 0.15 * Math.min(3, bangs));
    sentence = [];
    contrastAt = -1;
  };
  let bangs = 0;
  let irrealis = false;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (CLAUSE_END.has(t.word)) {
      clauseStart = i + 1;
      irrealis = false;
      if (t.word === '!') bangs++;
      if (t.word === '.' || t.word === '!' || t.word === '?' || t.word === ';') {
        // Exclamation marks that end a run count once the run ends.
        if (ts[i + 1]?.word !== '!') {
          closeSentence(bangs);
          bangs = 0;
        }
      }
      continue;
    }
    if (CONTRAST.has(t.word)) {
      contrastAt = sentence.length;
      clauseStart = i + 1;
      irrealis = false;
      continue;
    }
    if (IRREALIS.has(t.word)) irrealis = true;
    let value: number | undefined;
    let span = 1;
    for (let n = PHRASE_STARTS.has(t.word) ? Math.min(MAX_PHRASE, ts.length - i) : 0; n >= 2 && value === undefined; n--) {
      const phrase = ts.slice(i, i + n).map((x) => x.word).join(' ');
      const v = PHRASE_LEXICON.get(phrase);
      if (v !== undefined) {
        value = v;
        span = n;
      }
    }
    const word = span === 1 ? t.word : ts.slice(i, i + span).map((x) => x.word).join(' ');
    value ??= LEXICON.get(t.word);
    if (value === undefined || value === 0) continue;
    let v = value;
    for (let k = i - 1; k >= Math.max(clauseStart, i - 2); k--) {
      const boost = INTENSIFIERS.get(ts[k]!.word);
      if (boost !== undefined) v *= boost;
    }
    if (span === 1) {
      for (let k = i - 1; k >= Math.max(clauseStart, i - NEGATION_REACH); k--) {
        if (NEGATORS.has(ts[k]!.word)) {
          v *= NEGATION;
          break;
        }
      }
    }
    if (t.caps && !allCaps) v *= 1.3;
    if (v > 0 && irrealis) v *= IRREALIS_WEIGHT;
    if (v < 0) v *= NEGATIVITY;
    sentence.push(v);
    hits.push({ word: span === 1 && v * value < 0 ? `not ${word}` : word, value: v });
    i += span - 1;
  }
  closeSentence(bangs);
  const score = squash(sum);
  const sentiment = sentimentOf(score);
  const sign = Math.sign(score);
  const reasons = sentiment === 'neutral'
    ? [hits.length ? 'its positive and negative words balance out' : 'no words that carry a feeling']
    : [...new Map(hits.filter((h) => Math.sign(h.value) === sign).sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).map((h) => [h.word, h])).keys()]
        .slice(0, 4)
        .map((w) => `“${w}”`);
  return { sentiment, score, reasons: sentiment === 'neutral' ? reasons : [`${sentiment} words: ${reasons.join(', ')}`] };
}

// How much each word's feeling counts where it stands in its sentence and among its
// neighbours: after "but" the writer says what they mean and before it what they concede; an
// "although…" clause is conceded; a sentence that opens with "However," turns against the one
// before; exclamation marks raise a whole sentence. Also which sentences are questions.
import { CONCESSIVE, CONTRAST, TURNS } from './modifiers';
import type { Token } from './tokens';

const CONCEDED = 0.5;
const MEANT = 1.5;
const BANG = 0.15;
const MAX_BANGS = 3;
const TERMINATORS = new Set(['.', '!', '?', ';']);
const PUNCTUATION = new Set(['.', '!', '?', ';', ',', ':']);
/** "nothing but", "all but", "anything but": no contrast. */
const NOT_CONTRAST_AFTER = new Set(['nothing', 'all', 'anything', 'not']);
/** Openers that turn only when set off by a comma ("Still, …", not "Still waiting"). */
const TURNS_WITH_COMMA = new Set(['still']);

export interface Discourse {
  /** The weight of the feeling of the word at each token. */
  weight: Float64Array;
  /** Tokens that end a clause the way a comma does ("but", "although"). */
  boundary: Uint8Array;
  /** Tokens in a sentence that ends with a question mark. */
  question: Uint8Array;
}

function scale(weight: Float64Array, from: number, to: number, by: number): void {
  for (let k = from; k < to; k++) weight[k]! *= by;
}

export function discourseWeights(ts: readonly Token[]): Discourse {
  const n = ts.length;
  const weight = new Float64Array(n).fill(1);
  const boundary = new Uint8Array(n);
  const question = new Uint8Array(n);
  let previous: [number, number] | null = null;
  for (let s = 0; s < n;) {
    let e = s;
    while (e < n && !TERMINATORS.has(ts[e]!.word)) e++;
    let end = e;
    let bangs = 0;
    let asks = false;
    while (end < n && TERMINATORS.has(ts[end]!.word)) {
      if (ts[end]!.word === '!') bangs++;
      if (ts[end]!.word === '?') asks = true;
      end++;
    }
    if (asks) question.fill(1, s, e);
    scale(weight, s, e, 1 + BANG * Math.min(MAX_BANGS, bangs));

    const first = ts[s]?.word ?? '';
    if (previous && TURNS.has(first) && (!TURNS_WITH_COMMA.has(first) || ts[s + 1]?.word === ',')) {
      scale(weight, previous[0], previous[1], CONCEDED);
      scale(weight, s, e, MEANT);
      boundary[s] = 1;
    }
    let notOnly = false;
    for (let k = s; k + 1 < e && !notOnly; k++) notOnly = ts[k]!.word === 'not' && ts[k + 1]!.word === 'only';
    for (let p = s + 1; p < e; p++) {
      const w = ts[p]!.word;
      if (!CONTRAST.has(w) || NOT_CONTRAST_AFTER.has(ts[p - 1]!.word) || ts[p + 1]?.word === 'also' || (w === 'but' && notOnly)) continue;
      scale(weight, s, p, CONCEDED);
      scale(weight, p + 1, e, MEANT);
      boundary[p] = 1;
      break;
    }
    for (let q = s; q < e; q++) {
      const w = ts[q]!.word;
      if (!CONCESSIVE.has(w)) continue;
      // "The room was nice, though." is an afterthought, not a concession; "while we waited" is time.
      if (w === 'though' && (q + 1 >= e || PUNCTUATION.has(ts[q + 1]!.word))) continue;
      if ((w === 'while' || w === 'whilst') && q !== s) continue;
      let c = q + 1;
      while (c < e && ts[c]!.word !== ',') c++;
      scale(weight, q + 1, c, CONCEDED);
      if (q === s) scale(weight, c, e, MEANT);
      else scale(weight, s, q, MEANT);
      boundary[q] = 1;
      break;
    }
    previous = [s, e];
    s = end;
  }
  return { weight, boundary, question };
}

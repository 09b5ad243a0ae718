// Which language a message is in. The guess is eld's (Efficient Language Detector: byte
// n-grams of 60 languages, plain JavaScript, no dependencies), chosen over franc-min, tinyld
// and cld by measurement on short posts: as accurate as any on the languages it knows, the
// fastest in plain JavaScript, and kept up. Around it, the app's own rules for answering 'und'
// (undetermined) rather than guessing: links, handles and hashtags are in no language, a few
// letters say too little, and a guess eld itself calls unreliable (its two best languages
// close together, as in a mixed text) is no answer.
//
// eld answers ISO 639-1 codes, the ones the app stores. Two are macrolanguages: 'ms' for
// Malay and Indonesian alike, and 'no' for Norwegian.
//
// eld's n-gram tables take about 350 ms and 45 MB to load, so nothing loads them at start:
// the first work that stores new text (an import, the demo data, a sync's content, a scoring
// pass) waits for `languageReady()`, and opening the app and reading the queue do not.
import type { eld as Eld } from 'eld/small';

type Detector = typeof Eld;

let detector: Detector | null = null;
let loading: Promise<void> | null = null;

/** Loads the detector once; every caller after the first gets the same promise. */
export function languageReady(): Promise<void> {
  loading ??= import('eld/small').then((m) => {
    detector = m.eld;
  });
  return loading;
}

/** Whether `detectLanguage` can answer now. */
export function languageLoaded(): boolean {
  return detector !== null;
}

/** Fewer letters than this say too little to tell languages apart. */
const MIN_LETTERS = 12;
/**
 * A Han, kana or Hangul character carries about a syllable or a word, so it counts as this many
 * letters: "请问周日商店开门吗" (nine of them) is a whole question.
 */
const DENSE_WEIGHT = 3;
/**
 * Characters read at most. eld looks at no more than the first 1,000 of what it is given; the
 * margin leaves room for links and handles taken out first, and a text of 100,000 characters
 * costs no more than a post.
 */
const READ = 2000;

const NOT_LANGUAGE = /https?:\/\/\S+|www\.\S+|[@#]\w+/gu;
/**
 * eld's word splitter backtracks over a run of apostrophes or backticks, quadratic in its length
 * (11 ms for 1,000 of them); two or more in a row say nothing of a language anyway.
 */
const QUOTE_RUN = /['`\u2019]{2,}/gu;
const LETTER = /\p{L}/gu;
const DENSE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/gu;

/** ISO 639-1 code, or 'und' when unsure. */
export type LanguageCode = string;

function letters(text: string): number {
  const all = text.match(LETTER)?.length ?? 0;
  return all ? all + (DENSE_WEIGHT - 1) * (text.match(DENSE)?.length ?? 0) : 0;
}

/**
 * The language of a text. Throws until `languageReady()` has resolved: an entry point that
 * stores text without waiting for the detector is a bug to find, not a text to file as 'und'.
 */
export function detectLanguage(text: string): LanguageCode {
  if (!detector) throw new Error('The language detector is not loaded yet (await languageReady() first).');
  const clean = text.slice(0, READ).replace(NOT_LANGUAGE, ' ').replace(QUOTE_RUN, ' ');
  if (letters(clean) < MIN_LETTERS) return 'und';
  const guess = detector.detect(clean);
  return guess.language && guess.isReliable() ? guess.language : 'und';
}

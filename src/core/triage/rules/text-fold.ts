// Keyword matching compares folded words: lower case, accents taken off ("Café" = "cafe"),
// split on anything that is not a letter or digit. An item's text is folded once however
// many rules look at it; a rule's keywords are folded once when the rules are compiled.

const MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export function fold(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** The folded words of a text, in order. */
export function foldedWords(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

/** A text as keyword matchers see it: its set of words, and its words joined by single spaces for phrases. */
export class FoldedText {
  readonly words: ReadonlySet<string>;
  /** " w1 w2 … wn ": a phrase matches whole words when " its words " occurs in it. */
  readonly spaced: string;
  constructor(text: string) {
    const ws = foldedWords(text);
    this.words = new Set(ws);
    this.spaced = ` ${ws.join(' ')} `;
  }
}

/** A keyword or phrase compiled once: a set lookup for a word, a substring search for a phrase. */
export interface KeywordMatcher {
  /** As the admin wrote it, for the "why". */
  readonly shown: string;
  test(t: FoldedText): boolean;
}

export function keywordMatcher(keyword: string): KeywordMatcher | null {
  const ws = foldedWords(keyword);
  if (!ws.length) return null;
  if (ws.length === 1) {
    const w = ws[0]!;
    return { shown: keyword, test: (t) => t.words.has(w) };
  }
  const needle = ` ${ws.join(' ')} `;
  const first = ws[0]!;
  // The set lookup rejects most texts before the substring search.
  return { shown: keyword, test: (t) => t.words.has(first) && t.spaced.includes(needle) };
}

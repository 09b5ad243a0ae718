// Resolved cases sharing a text's most distinctive words, by full-text search over the
// messages of resolved cases (resolved_fts, migration 0019).
//
// A common word matches thousands of messages, and FTS5 works out bm25 for every match before
// it can rank them (the problem queue/query.ts walks around for the queue). So the query is a
// bounded OR: the text's words are looked up in the index's own statistics (resolved_vocab),
// the rarest taken first, while their matches together stay within a budget. Words every
// answer shares say nothing anyway; rare ones (a product, an error, a place) say most.
import type { Database } from 'better-sqlite3';
import { stmt } from '../../db/statements';

export interface WordHit {
  root: number;
  itemId: number;
  /** bm25 folded into (0, 1), higher is better. */
  score: number;
}

/** At most this many words in the OR. */
export const MAX_WORDS = 8;
/** Matching messages the chosen words may bring together (bm25 is computed for each). */
export const MATCH_BUDGET = 6000;
/** Ranked messages read, enough to fill a handful of distinct cases. */
const TOP_MESSAGES = 60;
/** Words of the text looked up in the statistics. */
const MAX_CANDIDATES = 40;

/**
 * Words too common to say what a message is about. At scale the budget keeps them out anyway;
 * in a small team's first weeks they would otherwise be what two messages share.
 */
const STOP_WORDS = new Set(
  (
    'the and for you your are was were have has had not but with this that what when where which who how can could would should ' +
    'does did its from they them their there here about just any all out get got our ours she his her him will been being than then ' +
    'too very also only into over some such one yes no hi hello thanks thank please'
  ).split(' '),
);

/** The index's tokens of a text: lower case, accents off, as `unicode61 remove_diacritics 2` makes them. */
export function tokensOf(text: string): string[] {
  const clean = text
    .replace(/https?:\/\/\S+|www\.\S+|@[\p{L}\p{N}_.-]+/giu, ' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
  const words = clean.match(/[\p{L}\p{N}]+/gu) ?? [];
  // Two letters say little, and numbers (order numbers, prices) are the customer's own.
  return [...new Set(words.filter((w) => w.length >= 3 && !/^\p{N}+$/u.test(w) && !STOP_WORDS.has(w)))].slice(0, MAX_CANDIDATES);
}

/** The text's rarest words among answered messages, within the budget; [] when none is found. */
export function distinctiveWords(db: Database, text: string): { word: string; docs: number }[] {
  const docsOf = stmt<[string], { doc: number }>(db, 'SELECT doc FROM resolved_vocab WHERE term = ?');
  const found = tokensOf(text)
    .map((word) => ({ word, docs: docsOf.get(word)?.doc ?? 0 }))
    .filter((w) => w.docs > 0)
    .sort((a, b) => a.docs - b.docs || a.word.localeCompare(b.word));
  const picked: { word: string; docs: number }[] = [];
  let total = 0;
  for (const w of found) {
    if (picked.length >= MAX_WORDS || total + w.docs > MATCH_BUDGET) break;
    picked.push(w);
    total += w.docs;
  }
  return picked;
}

export function wordMatchCases(db: Database, text: string, ownRoot: number | null): WordHit[] {
  const words = distinctiveWords(db, text);
  if (!words.length) return [];
  // Tokens are letters and digits only: quoted, they are safe FTS5 strings.
  const match = words.map((w) => `"${w.word}"`).join(' OR ');
  const rows = stmt<[string, number], { id: number; rank: number; root: number | null }>(
    db,
    `SELECT f.rowid AS id, f.rank AS rank, i.case_root AS root
     FROM (SELECT rowid, rank FROM resolved_fts WHERE resolved_fts MATCH ? ORDER BY rank LIMIT ?) f
     JOIN items i ON i.id = f.rowid
     ORDER BY f.rank`,
  ).all(match, TOP_MESSAGES);
  const best = new Map<number, WordHit>();
  for (const r of rows) {
    if (r.root === null || r.root === ownRoot || best.has(r.root)) continue;
    // bm25 is negative, more negative for a better match.
    const s = -r.rank;
    best.set(r.root, { root: r.root, itemId: r.id, score: s / (1 + s) });
  }
  return [...best.values()];
}

// Words, emoji and the punctuation that shapes a sentence's meaning, with two marks the
// scorer needs: a word in capitals (shouting, unless the whole text is in capitals) and a word
// inside a short quotation ("the 'luxury' suite"), which is mostly a scare quote.
import { EMOTICONS, LEXICON } from './lexicon';

export interface Token {
  word: string;
  caps: boolean;
  quoted: boolean;
}

/** Quotations this short are someone's word held at arm's length, not a passage cited. */
const SCARE_QUOTE_WORDS = 4;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const EMOTICON_FORMS = [...new Set(EMOTICONS.flatMap((e) => [e, e.toUpperCase()]))];
export const TOKEN_PATTERN = new RegExp(
  `[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*|${EMOTICON_FORMS.map(escape).join('|')}|\\p{Extended_Pictographic}|[.!?;,:"“”()–—]|\\s-\\s`,
  'gu',
);
/** A dash between spaces, or a long dash, separates clauses like a comma. */
const CLAUSE_DASH = /^(\s-\s|[–—()])$/;

/** Without its trailing apostrophes and hyphens (a loop: `/['-]+$/` re-reads every inner run). */
function trimTail(raw: string): string {
  let end = raw.length;
  while (end > 0 && (raw.charCodeAt(end - 1) === 39 || raw.charCodeAt(end - 1) === 45)) end--;
  return end === raw.length ? raw : raw.slice(0, end);
}

function pieces(raw: string): string[] {
  const word = trimTail(raw);
  if (!word.includes('-')) return [word];
  // "not-so-clean" is three words; "run-down" and "hassle-free" are one.
  const lower = word.toLowerCase();
  if (LEXICON.has(lower) || lower.endsWith('-free')) return [word];
  return word.split('-').filter(Boolean);
}

export function tokenize(text: string): Token[] {
  // Plain ASCII, most messages, has nothing to normalise.
  const plain = /^[ -~\s]*$/.test(text) ? text : text.normalize('NFKC').replace(/[’‘]/g, "'");
  const raw = plain.match(TOKEN_PATTERN) ?? [];
  const out: Token[] = [];
  let open = -1;
  for (const r of raw) {
    if (r === '"' || r === '“' || r === '”') {
      const closing = r === '”' || (r === '"' && open >= 0);
      if (closing && open >= 0) {
        if (out.length - open <= SCARE_QUOTE_WORDS) for (let k = open; k < out.length; k++) out[k]!.quoted = true;
        open = -1;
      } else open = out.length;
      continue;
    }
    if (CLAUSE_DASH.test(r)) {
      out.push({ word: ',', caps: false, quoted: false });
      continue;
    }
    for (const p of pieces(r)) {
      out.push({
        word: p.toLowerCase().replace(/\uFE0F/g, ''),
        caps: p.length > 1 && p === p.toUpperCase() && /\p{Lu}/u.test(p),
        quoted: false,
      });
    }
  }
  return out;
}

// The first link in a text, in linear time. A link starts at a word boundary with "http://"
// or "https://", with "www.", or with a host name ending in a common top-level domain
// ("bit.ly", "my-site.com"), and runs to the next white space. A regular expression for the
// host form (a run of letters, digits and hyphens before the dot) read the same run again from
// every boundary inside it: quadratic on "a-a-a-…". Here each run is read once.

const TLDS = ['com', 'net', 'org', 'ly', 'io', 'co', 'me', 'info', 'biz', 'tk'] as const;

/** ASCII letters, digits and underscore: what `\b` counts as a word character. */
function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Letters, digits and the hyphen: what a host name is made of here. */
function isHost(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
}

/** JavaScript's white space (what `\s` matches), so links end where they always have. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function boundaryAt(t: string, i: number): boolean {
  const before = i > 0 && isWord(t.charCodeAt(i - 1));
  const after = i < t.length && isWord(t.charCodeAt(i));
  return before !== after;
}

/** Whether `t` has `word` (lower-case ASCII) at `i`, in any case. */
function hasAt(t: string, i: number, word: string): boolean {
  if (i + word.length > t.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = t.charCodeAt(i + k);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** Non-space right after `i` (inside the text). */
function visibleAt(t: string, i: number): boolean {
  return i < t.length && !isSpace(t.charCodeAt(i));
}

/** A dot and a known top-level domain at `i`, ending a word. */
function domainAt(t: string, i: number): boolean {
  if (t.charCodeAt(i) !== 46) return false;
  for (const tld of TLDS) {
    const end = i + 1 + tld.length;
    if (hasAt(t, i + 1, tld) && (end >= t.length || !isWord(t.charCodeAt(end)))) return true;
  }
  return false;
}

/** "www." in any case. No repetition in it: nothing to backtrack over. */
const WWW = /www\./gi;

/** Where the first scheme link ("http://x", "https://x") starts, or -1. */
function firstScheme(t: string, before: number): number {
  for (let i = t.indexOf('://'); i >= 0 && i - 5 < before; i = t.indexOf('://', i + 1)) {
    if (!visibleAt(t, i + 3)) continue;
    for (const start of [i - 5, i - 4]) {
      if (start >= 0 && hasAt(t, start, start === i - 5 ? 'https' : 'http') && boundaryAt(t, start)) return start;
    }
  }
  return -1;
}

/** Where the first "www.x" starts, or -1. */
function firstWww(t: string, before: number): number {
  WWW.lastIndex = 0;
  for (let m = WWW.exec(t); m && m.index < before; m = WWW.exec(t)) {
    if (boundaryAt(t, m.index) && visibleAt(t, m.index + 4)) return m.index;
  }
  return -1;
}

/**
 * Where the first host name with a known top-level domain starts, or -1: at each dot followed
 * by one, the run of host characters before it (runs never overlap: each is read once), from
 * its first word boundary.
 */
function firstHost(t: string, before: number): number {
  for (let d = t.indexOf('.'); d >= 0 && d <= before; d = t.indexOf('.', d + 1)) {
    if (d === 0 || !isHost(t.charCodeAt(d - 1)) || !domainAt(t, d)) continue;
    let s = d - 1;
    while (s > 0 && isHost(t.charCodeAt(s - 1))) s--;
    for (let p = s; p < d && p < before; p++) if (boundaryAt(t, p)) return p;
  }
  return -1;
}

/**
 * The first link in `t` (to the next white space), or null: what the leftmost match of
 * `\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+\.(?:com|net|…)\b\S*` (case-insensitive) was.
 * Every form of match runs to the next white space, so only where it starts matters. Linear
 * in the length of `t`; the searches for "://", "www." and "." are the engine's own.
 */
export function firstLink(t: string): string | null {
  let start = Infinity;
  for (const find of [firstScheme, firstWww, firstHost]) {
    const at = find(t, start);
    if (at >= 0 && at < start) start = at;
  }
  if (start === Infinity) return null;
  let end = start + 1;
  while (end < t.length && !isSpace(t.charCodeAt(end))) end++;
  return t.slice(start, end);
}

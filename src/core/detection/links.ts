// The first link in a text, found in one pass. A link starts at a word boundary with
// "http://" or "https://", with "www.", or with a host name ending in a common top-level
// domain ("bit.ly", "my-site.com"), and runs to the next white space. A regular expression
// for the host form (a run of letters, digits and hyphens before the dot) read the same run
// again from every boundary inside it: quadratic on "a-a-a-…". Here each run is read once.

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
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
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

/** "http://x", "https://x" or "www.x" at `i`. */
function schemeAt(t: string, i: number): boolean {
  if (hasAt(t, i, 'www.')) return visibleAt(t, i + 4);
  if (!hasAt(t, i, 'http')) return false;
  const j = hasAt(t, i + 4, 's://') ? i + 8 : hasAt(t, i + 4, '://') ? i + 7 : -1;
  return j >= 0 && visibleAt(t, j);
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

/** The first link in `t` (to the next white space), or null. Linear in the length of `t`. */
export function firstLink(t: string): string | null {
  const n = t.length;
  // The run of host characters the scan is in, and whether a domain follows it: the same for
  // every start inside the run, so worked out once per run.
  let runEnd = 0;
  let runIsHost = false;
  for (let p = 0; p < n; p++) {
    const c = t.charCodeAt(p);
    if (p >= runEnd && isHost(c)) {
      runEnd = p + 1;
      while (runEnd < n && isHost(t.charCodeAt(runEnd))) runEnd++;
      runIsHost = domainAt(t, runEnd);
    }
    if (!boundaryAt(t, p)) continue;
    if ((p < runEnd && runIsHost) || schemeAt(t, p)) {
      let end = p + 1;
      while (end < n && !isSpace(t.charCodeAt(end))) end++;
      return t.slice(p, end);
    }
  }
  return null;
}

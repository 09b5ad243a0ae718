// Text as features without a stored vocabulary: word unigrams and bigrams hashed into a fixed
// space (the model learns at run time from the team's own decisions; nothing is shipped).

export const TEXT_DIM = 1 << 18;

export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKC')
      .match(/[\p{L}\p{N}']+|[!?$€£]/gu) ?? []
  );
}

/** FNV-1a, 32 bit. */
export function hash(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Hashed unigram + bigram counts, sublinear (1 + log tf), L2-normalised, offset into a larger space. */
export function hashedNgrams(text: string, offset = 0, dim = TEXT_DIM): Map<number, number> {
  const ws = words(text);
  const counts = new Map<number, number>();
  const add = (token: string) => {
    const f = offset + (hash(token) % dim);
    counts.set(f, (counts.get(f) ?? 0) + 1);
  };
  for (let i = 0; i < ws.length; i++) {
    add(ws[i]!);
    if (i + 1 < ws.length) add(`${ws[i]} ${ws[i + 1]}`);
  }
  return sublinearUnit(counts);
}

/** Counts to 1 + log(count), scaled to unit length, in place. */
function sublinearUnit(counts: Map<number, number>): Map<number, number> {
  let norm = 0;
  for (const [f, c] of counts) {
    const v = 1 + Math.log(c);
    counts.set(f, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [f, v] of counts) counts.set(f, v / norm);
  return counts;
}

/**
 * Word n-grams and character n-grams (3 to 5, within words) together, each part L2-normalised
 * and weighted equally: characters catch spelling variants and obfuscated links that words miss.
 */
export function hashedText(text: string, dim = TEXT_DIM): Map<number, number> {
  const out = hashedNgrams(text, 0, dim);
  const chars = new Map<number, number>();
  for (const w of words(text)) {
    const padded = ` ${w} `;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        const f = hash(padded.slice(i, i + n), 0x01234567) % dim;
        chars.set(f, (chars.get(f) ?? 0) + 1);
      }
    }
  }
  for (const [f, v] of sublinearUnit(chars)) out.set(f, (out.get(f) ?? 0) + v);
  return out;
}

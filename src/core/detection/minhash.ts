// Near-duplicate text at scale: MinHash signatures over word shingles, banded into LSH
// buckets, so that texts sharing most of their shingles meet in some bucket without comparing
// every pair. Candidates are confirmed on their estimated Jaccard similarity, then grouped.
import { hash, words } from './text';

export const NUM_HASHES = 64;
export const BANDS = 8;
export const ROWS = 3;
/** Word shingle length. */
export const SHINGLE = 3;

/** 32-bit multiply-shift style hash family, fixed seeds so signatures compare across runs. */
const A = new Uint32Array(NUM_HASHES);
const B = new Uint32Array(NUM_HASHES);
{
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  for (let i = 0; i < NUM_HASHES; i++) {
    A[i] = next() | 1;
    B[i] = next();
  }
}

/**
 * Word shingles of a text, hashed. Links and mentions are dropped (they vary between copies
 * of the same message) and so are texts too short to say anything specific: they return
 * an empty set, and an empty set matches nothing.
 */
export function shingles(text: string, minWords = 5): Uint32Array {
  const ws = words(text.replace(/https?:\/\/\S+|www\.\S+|@\w+/gi, ' ')).filter((w) => !/^[!?$€£]$/.test(w));
  if (ws.length < minWords) return new Uint32Array(0);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE <= ws.length; i++) out.add(hash(ws.slice(i, i + SHINGLE).join(' ')));
  return Uint32Array.from(out);
}

export function signature(sh: Uint32Array): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (let k = 0; k < sh.length; k++) {
    const x = sh[k]!;
    for (let i = 0; i < NUM_HASHES; i++) {
      const h = (Math.imul(A[i]!, x) + B[i]!) >>> 0;
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[i]) same++;
  return same / NUM_HASHES;
}

export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (!a.length || !b.length) return 0;
  const sa = new Set(a);
  let inter = 0;
  for (const x of b) if (sa.has(x)) inter++;
  return inter / (sa.size + new Set(b).size - inter);
}

/** Texts shorter than a shingle allows but at least this many words meet on their exact wording. */
export const MIN_EXACT_WORDS = 2;
const EXACT_BAND = BANDS;

/** A 52-bit key for one band of a signature (or the exact-wording band): safe as a JS number and an SQLite integer. */
function bandKey(band: number, h1: number, h2: number): number {
  return band * 2 ** 48 + (h1 & 0xffff) * 2 ** 32 + (h2 >>> 0);
}

export interface Fingerprint {
  /** LSH band keys: texts that share one are candidates. */
  keys: number[];
  /** A key for the exact wording (links and mentions aside): a copy is found by this one alone. */
  exact: number;
  /** The MinHash signature, or null for a short text known only by its exact wording. */
  sig: Uint32Array | null;
}

/**
 * What near-duplicate search needs of one text: a signature and its band keys, or for a short
 * text ("Thank you!", "Check my channel") one key for its exact wording. Texts of one word or
 * none give nothing: they are too common to mean anything.
 */
export function fingerprint(text: string): Fingerprint | null {
  const ws = words(text.replace(/https?:\/\/\S+|www\.\S+|@\w+/gi, ' ')).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (ws.length < MIN_EXACT_WORDS) return null;
  const wording = ws.join(' ');
  const exact = bandKey(EXACT_BAND, hash(wording), hash(wording, 0x2545f491));
  const sh = shingles(text);
  if (sh.length) {
    const sig = signature(sh);
    const keys: number[] = [];
    for (let band = 0; band < BANDS; band++) {
      let h1 = 0x811c9dc5;
      let h2 = 0x2545f491;
      for (let r = 0; r < ROWS; r++) {
        const v = sig[band * ROWS + r]!;
        h1 = Math.imul(h1 ^ v, 0x01000193) >>> 0;
        h2 = Math.imul(h2 ^ v, 0x5bd1e995) >>> 0;
        h2 ^= h2 >>> 15;
      }
      keys.push(bandKey(band, h1, h2));
    }
    return { keys, exact, sig };
  }
  return { keys: [exact], exact, sig: null };
}

/** Whether two fingerprints that met in a band are near-duplicates. */
export function sameText(a: Fingerprint, b: Fingerprint, threshold = 0.5): boolean {
  if (!a.sig || !b.sig) return !a.sig && !b.sig && a.keys[0] === b.keys[0];
  return estimatedJaccard(a.sig, b.sig) >= threshold;
}

/**
 * Groups of near-duplicate texts (by index into `texts`), largest first. A pair counts when
 * its estimated Jaccard similarity is at least `threshold`; groups are the connected parts.
 */
export function nearDuplicateGroups(texts: readonly string[], threshold = 0.5, minSize = 2): number[][] {
  const prints = texts.map((t) => fingerprint(t));
  const parent = Int32Array.from(texts.keys());
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const buckets = new Map<number, number>();
  for (let i = 0; i < prints.length; i++) {
    const fp = prints[i];
    if (!fp) continue;
    for (const key of fp.keys) {
      const first = buckets.get(key);
      if (first === undefined) {
        buckets.set(key, i);
        continue;
      }
      // Every member of a bucket is compared with its first member: enough to join the group.
      const a = find(first);
      const b = find(i);
      if (a !== b && sameText(prints[first]!, fp, threshold)) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < prints.length; i++) {
    if (!prints[i]) continue;
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.values()].filter((g) => g.length >= minSize).sort((x, y) => y.length - x.length || x[0]! - y[0]!);
}

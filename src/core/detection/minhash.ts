// Near-duplicate text at scale: MinHash signatures over word shingles, banded into LSH
// buckets, so that texts sharing most of their shingles meet in some bucket without comparing
// every pair. Candidates are confirmed on their estimated Jaccard similarity, then grouped.
import { hash, words } from './text';

export const NUM_HASHES = 64;
export const BANDS = 16;
export const ROWS = NUM_HASHES / BANDS;
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

/**
 * Groups of near-duplicate texts (by index into `texts`), largest first. A pair counts when
 * its estimated Jaccard similarity is at least `threshold`; groups are the connected parts.
 */
export function nearDuplicateGroups(texts: readonly string[], threshold = 0.5, minSize = 2): number[][] {
  const sigs: (Uint32Array | null)[] = texts.map((t) => {
    const sh = shingles(t);
    return sh.length ? signature(sh) : null;
  });
  const parent = Int32Array.from(texts.keys());
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const buckets = new Map<string, number>();
  for (let i = 0; i < sigs.length; i++) {
    const sig = sigs[i];
    if (!sig) continue;
    for (let band = 0; band < BANDS; band++) {
      let key = `${band}`;
      for (let r = 0; r < ROWS; r++) key += `:${sig[band * ROWS + r]}`;
      const first = buckets.get(key);
      if (first === undefined) {
        buckets.set(key, i);
        continue;
      }
      // Every member of a bucket is compared with its first member: enough to join the group.
      const a = find(first);
      const b = find(i);
      if (a !== b && estimatedJaccard(sigs[first]!, sig) >= threshold) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < sigs.length; i++) {
    if (!sigs[i]) continue;
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.values()].filter((g) => g.length >= minSize).sort((x, y) => y.length - x.length || x[0]! - y[0]!);
}

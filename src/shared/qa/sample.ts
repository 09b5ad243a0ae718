// Drawing a quality-review sample from decisions: simple random, or stratified (per moderator,
// queue, action…). Reproducible: a decision is in the sample when its key under the sample's
// seed is among the lowest of its stratum ("bottom-k"), so the same seed over the same decisions
// picks the same ones whatever order they are read in, on any workstation, and an auditor can
// draw it again from the record.
//
// The key is an affine map modulo the prime 2^31 − 1 of the decision's hash, with a multiplier
// and an offset drawn from the seed: a permutation, different for every seed, that SQLite can
// evaluate in its own integer arithmetic, so a database of a million decisions hands over only
// the few thousand with the lowest keys instead of all of them (see core/qa/draw.ts).
import { mix32 } from './random';

/** The modulus of sample keys: the Mersenne prime 2^31 − 1. */
export const KEY_MODULUS = 2147483647;

/** The seed's multiplier (1..P−1) and offset (0..P−1). */
export function keyOf(seed: number): { a: number; b: number } {
  return { a: 1 + (mix32(seed, 0x51ed) % (KEY_MODULUS - 1)), b: mix32(seed, 0xb0b) % KEY_MODULUS };
}

/** A decision's key under a seed, from its hash (32 bits); SQL: ((h % P) * a + b) % P. */
export function sampleKey(k: { a: number; b: number }, h: number): number {
  // (h % P) * a < 2^62: exact in SQLite's 64-bit integers; here split to stay exact in doubles.
  const x = h % KEY_MODULUS;
  const hi = Math.floor(k.a / 65536);
  const lo = k.a % 65536;
  return (((((x * hi) % KEY_MODULUS) * 65536) % KEY_MODULUS) + ((x * lo) % KEY_MODULUS) + k.b) % KEY_MODULUS;
}

export interface Candidate {
  /** The decision event's id (global: the same on every workstation). */
  id: string;
  /** The hash of that id (32 bits), as stored with the decision. */
  h: number;
  /** Its stratum: one value per dimension the sample is stratified by ('' for none). */
  stratum: string;
  /** Counted in its stratum's population (it shares the allocation) but not picked: a decision an earlier draw picked. */
  skip?: boolean;
}

export type Allocation = 'proportional' | 'equal';

export interface SampleSpec {
  size: number;
  seed: number;
  /** proportional: each stratum in proportion to its size; equal: the same number from each (where it has them). */
  allocation: Allocation;
}

export interface StratumDraw {
  stratum: string;
  population: number;
  picked: number;
}

export interface Drawn {
  /** Picked decision ids, in the sample's own random order (the order a reviewer sees them). */
  ids: string[];
  population: number;
  strata: StratumDraw[];
}

/**
 * How many to take from each stratum. Proportional uses largest remainders (Hamilton), then
 * gives a stratum rounding left empty one place (from the largest) where the size allows, so a
 * small stratum (a new moderator) is never left out by rounding. Equal fills strata evenly up to their size and
 * hands what a small stratum cannot take to the others. Never more than a stratum holds.
 */
export function allocate(populations: readonly number[], size: number, allocation: Allocation): number[] {
  const total = populations.reduce((a, b) => a + b, 0);
  const take = Math.min(Math.max(0, Math.floor(size)), total);
  const out = populations.map(() => 0);
  if (!take) return out;
  const nonEmpty = populations.flatMap((p, i) => (p > 0 ? [i] : []));
  if (allocation === 'equal') {
    let left = take;
    let open = nonEmpty.filter((i) => out[i]! < populations[i]!);
    while (left > 0 && open.length) {
      const each = Math.max(1, Math.floor(left / open.length));
      for (const i of open) {
        if (!left) break;
        const add = Math.min(each, populations[i]! - out[i]!, left);
        out[i]! += add;
        left -= add;
      }
      open = open.filter((i) => out[i]! < populations[i]!);
    }
    return out;
  }
  const quotas = nonEmpty.map((i) => ({ i, q: (populations[i]! * take) / total }));
  let given = 0;
  for (const { i, q } of quotas) {
    out[i] = Math.floor(q);
    given += out[i]!;
  }
  // Largest remainders first; ties go to the larger stratum, then the earlier one.
  quotas
    .map(({ i, q }) => ({ i, r: q - Math.floor(q) }))
    .sort((a, b) => b.r - a.r || populations[b.i]! - populations[a.i]! || a.i - b.i)
    .slice(0, take - given)
    .forEach(({ i }) => out[i]!++);
  // A stratum rounding gave none gets one, from the stratum with the most, where the size allows.
  if (take >= nonEmpty.length)
    for (const i of nonEmpty) {
      if (out[i]) continue;
      const donor = nonEmpty.reduce((best, j) => (out[j]! > out[best]! ? j : best), nonEmpty[0]!);
      out[donor]!--;
      out[i] = 1;
    }
  return out;
}

/** A max-heap of (hash, id) bounded to `cap` entries: the lowest hashes seen so far. */
class Lowest {
  readonly hashes: number[] = [];
  readonly ids: string[] = [];
  population = 0;
  constructor(private readonly cap: number) {}

  offer(hash: number, id: string, skip = false): void {
    this.population++;
    if (skip) return;
    const h = this.hashes;
    if (h.length < this.cap) {
      h.push(hash);
      this.ids.push(id);
      this.up(h.length - 1);
    } else if (this.cap && hash < h[0]!) {
      h[0] = hash;
      this.ids[0] = id;
      this.down(0);
    }
  }

  /** The k lowest, lowest first. */
  lowest(k: number): { hash: number; id: string }[] {
    return this.hashes
      .map((hash, i) => ({ hash, id: this.ids[i]! }))
      .sort((a, b) => a.hash - b.hash || (a.id < b.id ? -1 : 1))
      .slice(0, k);
  }

  private swap(a: number, b: number): void {
    [this.hashes[a], this.hashes[b]] = [this.hashes[b]!, this.hashes[a]!];
    [this.ids[a], this.ids[b]] = [this.ids[b]!, this.ids[a]!];
  }
  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.hashes[p]! >= this.hashes[i]!) return;
      this.swap(p, i);
      i = p;
    }
  }
  private down(i: number): void {
    const h = this.hashes;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l]! > h[m]!) m = l;
      if (r < h.length && h[r]! > h[m]!) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}

/** The order a reviewer meets the picks in: by a second hash, mixing strata, not the order of selection. */
export function reviewOrder(picked: readonly { id: string; hash: number }[], seed: number): string[] {
  return picked
    .map((p) => ({ id: p.id, o: mix32(p.hash, seed ^ 0x5bd1e995) }))
    .sort((a, b) => a.o - b.o || (a.id < b.id ? -1 : 1))
    .map((p) => p.id);
}

/**
 * Draws the sample in one pass over the candidates (all of them: core/qa/draw.ts gets the same
 * answer from SQLite reading only the lowest keys). Each stratum keeps at most `size` of its
 * lowest keys (no stratum can be given more), then the allocation, made on the strata's whole
 * populations, decides how many of them each gives; a stratum whose decisions were mostly picked
 * before may give fewer.
 */
export function drawSample(candidates: Iterable<Candidate>, spec: SampleSpec): Drawn {
  const strata = new Map<string, Lowest>();
  const cap = Math.max(0, Math.floor(spec.size));
  const k = keyOf(spec.seed);
  for (const c of candidates) {
    let s = strata.get(c.stratum);
    if (!s) strata.set(c.stratum, (s = new Lowest(cap)));
    s.offer(sampleKey(k, c.h), c.id, c.skip);
  }
  const names = [...strata.keys()].sort();
  const counts = allocate(
    names.map((n) => strata.get(n)!.population),
    cap,
    spec.allocation,
  );
  const chosen = names.map((n, i) => strata.get(n)!.lowest(counts[i]!));
  return {
    ids: reviewOrder(chosen.flat(), spec.seed),
    population: names.reduce((sum, n) => sum + strata.get(n)!.population, 0),
    strata: names.map((n, i) => ({ stratum: n, population: strata.get(n)!.population, picked: chosen[i]!.length })),
  };
}

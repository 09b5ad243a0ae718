// Drawing a quality-review sample from decisions: simple random, or stratified (per moderator,
// queue, action, detector…), optionally only among risky decisions. Reproducible: a decision is
// in the sample when its hash under the sample's seed is among the lowest of its stratum
// ("bottom-k"), so the same seed over the same decisions picks the same ones whatever order
// they are read in, on any workstation, and an auditor can draw it again from the record.
import { hashString, mix32 } from './random';

export interface Candidate {
  /** The decision event's id (global: the same on every workstation). */
  id: string;
  /** Its stratum: one value per dimension the sample is stratified by ('' for none). */
  stratum: string;
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

  offer(hash: number, id: string): void {
    this.population++;
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

/** The hash that orders a decision within a sample: its id's, mixed with the sample's seed. */
export function sampleHash(seed: number, id: string): number {
  // The seed goes in last, after the id's hash is spread: seeds next to each other then order
  // the ids independently (seed first left consecutive seeds' samples slightly alike).
  return mix32(hashString(id), seed);
}

/**
 * Draws the sample in one pass over the candidates. Each stratum keeps at most `size` of its
 * lowest hashes (no stratum can be given more), then the allocation decides how many of them
 * each gives.
 */
export function drawSample(candidates: Iterable<Candidate>, spec: SampleSpec): Drawn {
  const strata = new Map<string, Lowest>();
  const cap = Math.max(0, Math.floor(spec.size));
  for (const c of candidates) {
    let s = strata.get(c.stratum);
    if (!s) strata.set(c.stratum, (s = new Lowest(cap)));
    s.offer(sampleHash(spec.seed, c.id), c.id);
  }
  const keys = [...strata.keys()].sort();
  const counts = allocate(
    keys.map((k) => strata.get(k)!.population),
    cap,
    spec.allocation,
  );
  const picked = keys.flatMap((k, i) => strata.get(k)!.lowest(counts[i]!));
  // The review order mixes strata: by a second hash, so it is not the order of selection.
  const order = picked
    .map((p) => ({ id: p.id, o: mix32(p.hash, spec.seed ^ 0x5bd1e995) }))
    .sort((a, b) => a.o - b.o || (a.id < b.id ? -1 : 1));
  return {
    ids: order.map((p) => p.id),
    population: keys.reduce((n, k) => n + strata.get(k)!.population, 0),
    strata: keys.map((k, i) => ({ stratum: k, population: strata.get(k)!.population, picked: counts[i]! })),
  };
}

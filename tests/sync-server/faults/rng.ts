// A seeded random source (mulberry32): the fault runs draw every choice from it, so a failing
// run can be replayed from the seed it printed.

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  /** A new independent source, so that one consumer's draws do not shift another's. */
  fork(): Rng;
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const self: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    fork: () => rng(Math.floor(next() * 4294967296)),
  };
  return self;
}

/** A seed from the environment (VIGIL_FAULT_SEED) to replay a run, or a fresh one. */
export function seedFromEnv(): number {
  const s = process.env.VIGIL_FAULT_SEED;
  return s ? Number(s) >>> 0 : Math.floor(Math.random() * 4294967296);
}

// Seeded randomness for quality review: a sample drawn today must be drawn again, the same,
// from its recorded seed (an auditor re-runs it), and a bootstrap interval must not change each
// time a dashboard is opened. Math.random() gives neither.

/** A 32-bit integer hash of two 32-bit integers (a splitmix-style finaliser): uniform, fast, stable. */
export function mix32(a: number, b: number): number {
  let z = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A 32-bit hash of a string (FNV-1a, then mixed), for seeding by name or keying by event id. */
export function hashString(s: string, seed = 0): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h, s.length);
}

/** A seeded generator of uniform numbers in [0, 1): a counter run through mix32. */
export function seededRandom(seed: number): () => number {
  let counter = 0;
  const s = seed >>> 0;
  return () => mix32(s, counter++) / 4294967296;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms: about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * A Poisson-distributed count with mean `lambda`. Small means invert one uniform (e^-λ may be
 * given, when the same mean is drawn again and again); large ones use Hörmann's transformed
 * rejection (PTRS), whose cost does not grow with the mean, so resampling a count of 100,000
 * costs what resampling a count of 20 does.
 */
export function poisson(lambda: number, random: () => number, expNegLambda = Math.exp(-lambda)): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 10) {
    // Inversion: one uniform, walked along the cumulative distribution from 0.
    const u = random();
    let k = 0;
    let p = expNegLambda;
    let sum = p;
    while (u > sum && k < 1000) {
      k++;
      p *= lambda / k;
      sum += p;
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random() - 0.5;
    const v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) return k;
  }
}

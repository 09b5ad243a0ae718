import { describe, expect, it } from 'vitest';
import { AlphaTally, KappaTally, MIN_UNITS, cohenKappa, krippendorffAlpha } from '../../../src/shared/qa/agreement';

describe("Cohen's κ against published worked examples", () => {
  it('the two-reader, fifty-proposal example: observed 0.70, chance 0.50, κ = 0.40', () => {
    expect(
      cohenKappa([
        [20, 5],
        [10, 15],
      ]),
    ).toBeCloseTo(0.4, 10);
  });

  it('equal raw agreement (60 %) gives different κ with different marginals: 0.1304 and 0.2593', () => {
    expect(
      cohenKappa([
        [45, 15],
        [25, 15],
      ]),
    ).toBeCloseTo(0.1304, 4);
    expect(
      cohenKappa([
        [25, 35],
        [5, 35],
      ]),
    ).toBeCloseTo(0.2593, 4);
  });

  it('perfect agreement is 1, agreement at chance 0, systematic disagreement negative', () => {
    expect(
      cohenKappa([
        [30, 0],
        [0, 20],
      ]),
    ).toBe(1);
    expect(
      cohenKappa([
        [25, 25],
        [25, 25],
      ]),
    ).toBeCloseTo(0, 12);
    expect(
      cohenKappa([
        [0, 10],
        [10, 0],
      ]),
    ).toBeCloseTo(-1, 12);
  });

  it('is undefined, not 1, when both people always answer the same single category', () => {
    expect(
      cohenKappa([
        [0, 0],
        [0, 40],
      ]),
    ).toBeNull();
  });

  it('three categories: κ from the diagonal and the products of the marginals', () => {
    // 100 items; diagonal 60; rows 40/30/30, columns 50/25/25: chance = (20 + 7.5 + 7.5) / 100 = 0.35.
    const k = cohenKappa([
      [30, 5, 5],
      [10, 15, 5],
      [10, 5, 15],
    ]);
    expect(k).toBeCloseTo((0.6 - 0.35) / 0.65, 12);
  });
});

describe("Krippendorff's α (nominal) against published worked examples", () => {
  it('two observers, ten units, binary values, no missing data: α = 0.095 (κ = 0.091 on the same data)', () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    expect(krippendorffAlpha([a, b])).toBeCloseTo(0.095, 3);
    const t = new KappaTally();
    a.forEach((v, i) => t.add(v, b[i]!));
    expect(t.estimate({ replicates: 0 }).value).toBeCloseTo(0.091, 3);
  });

  it('four observers, twelve units, five values with missing data: α = 0.743', () => {
    const _ = null;
    const data = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ];
    expect(krippendorffAlpha(data)).toBeCloseTo(0.743, 3);
    // The last unit has one value: it cannot be paired and is not counted.
    const t = new AlphaTally();
    for (let u = 0; u < 12; u++) t.add(data.map((r) => r[u]).filter((v): v is number => v !== null));
    expect(t.units).toBe(11);
  });

  it('for two observers and no missing data α is Scott’s π corrected for sample size, and close to κ', () => {
    const rows = [
      [40, 10],
      [5, 45],
    ];
    const a: number[] = [];
    const b: number[] = [];
    rows.forEach((r, i) => r.forEach((w, j) => Array.from({ length: w }, () => (a.push(i), b.push(j)))));
    const alpha = krippendorffAlpha([a, b])!;
    // Scott's π: chance from the pooled marginals (45 + 55 = 100 zeros in 200 values).
    const pi = (0.85 - (0.475 ** 2 + 0.525 ** 2)) / (1 - (0.475 ** 2 + 0.525 ** 2));
    const n = 200;
    expect(alpha).toBeCloseTo(1 - ((n - 1) / n) * (1 - pi), 10);
    expect(Math.abs(alpha - cohenKappa(rows)!)).toBeLessThan(0.01);
  });

  it('order of values within a unit and of units does not matter', () => {
    const t1 = new AlphaTally();
    const t2 = new AlphaTally();
    const units = [
      [1, 2, 1],
      [3, 3],
      [2, 2, 2, 1],
      [1, 1],
    ];
    units.forEach((u) => t1.add(u));
    [...units].reverse().forEach((u) => t2.add([...u].reverse()));
    expect(t1.estimate({ replicates: 0 }).value).toBe(t2.estimate({ replicates: 0 }).value);
  });
});

describe('bootstrap intervals and the minimum sample', () => {
  function tallyOf(n: number, agreeEvery: number): KappaTally {
    const t = new KappaTally();
    // Three categories in turn; the second person differs on every agreeEvery-th unit.
    for (let i = 0; i < n; i++) t.add(i % 3, i % agreeEvery === 0 ? (i + 1) % 3 : i % 3);
    return t;
  }

  it('the interval holds the estimate, and is the same for the same seed', () => {
    const e = tallyOf(400, 4).estimate({ seed: 7 });
    expect(e.value).not.toBeNull();
    expect(e.low!).toBeLessThan(e.value!);
    expect(e.high!).toBeGreaterThan(e.value!);
    expect(tallyOf(400, 4).estimate({ seed: 7 })).toEqual(e);
    expect(tallyOf(400, 4).estimate({ seed: 8 }).low).not.toBe(e.low);
  });

  it('narrows about as 1/√n: four times the units, about half the width', () => {
    const small = tallyOf(500, 4).estimate({ seed: 3 });
    const large = tallyOf(2000, 4).estimate({ seed: 3 });
    const ratio = (large.high! - large.low!) / (small.high! - small.low!);
    expect(ratio).toBeGreaterThan(0.35);
    expect(ratio).toBeLessThan(0.65);
  });

  it('covers the true κ about 95 % of the time over simulated samples', () => {
    // Two people who each answer at random with a 0.3 chance of copying a shared truth: κ about 0.09.
    let covered = 0;
    const trials = 200;
    let seed = 11;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    // They agree for sure when both copy (0.09), by a coin otherwise: 0.545 against a chance 0.5.
    const truth = (0.09 + 0.91 * 0.5 - 0.5) / 0.5;
    for (let t = 0; t < trials; t++) {
      const tally = new KappaTally();
      for (let i = 0; i < 300; i++) {
        const real = Math.floor(rnd() * 2);
        const a = rnd() < 0.3 ? real : Math.floor(rnd() * 2);
        const b = rnd() < 0.3 ? real : Math.floor(rnd() * 2);
        tally.add(a, b);
      }
      const e = tally.estimate({ seed: t + 1, replicates: 400 });
      if (e.low! <= truth && truth <= e.high!) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.88);
    expect(covered / trials).toBeLessThanOrEqual(1);
  });

  it('warns below the minimum sample and shows the raw share beside the corrected figure', () => {
    const few = tallyOf(MIN_UNITS - 1, 4).estimate({ replicates: 0 });
    expect(few.few).toBe(true);
    expect(few.units).toBe(MIN_UNITS - 1);
    const enough = tallyOf(MIN_UNITS, 4).estimate({ replicates: 0 });
    expect(enough.few).toBe(false);
    // Raw share agrees on 3 of 4 units; κ is lower, as chance is taken out.
    expect(enough.percent!).toBeCloseTo(0.74, 2);
    expect(enough.value!).toBeLessThan(enough.percent!);
  });

  it('an empty tally has no figure and no interval', () => {
    const e = new AlphaTally().estimate();
    expect(e).toMatchObject({ value: null, low: null, high: null, percent: null, units: 0, few: true });
  });

  it('α’s interval comes from resampling units: a team that mostly agrees gets an interval inside (0, 1]', () => {
    const t = new AlphaTally();
    for (let i = 0; i < 600; i++) t.add(i % 7 === 0 ? [i % 3, (i + 1) % 3, i % 3] : [i % 3, i % 3, i % 3]);
    const e = t.estimate({ seed: 5 });
    expect(e.low!).toBeGreaterThan(0);
    expect(e.high!).toBeLessThanOrEqual(1);
    expect(e.low!).toBeLessThan(e.value!);
  });
});

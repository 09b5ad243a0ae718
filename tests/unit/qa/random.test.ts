import { describe, expect, it } from 'vitest';
import { logGamma, poisson, seededRandom } from '../../../src/shared/qa/random';

describe('seeded randomness', () => {
  it('the same seed gives the same numbers, in [0, 1)', () => {
    const a = seededRandom(5);
    const b = seededRandom(5);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(seededRandom(6)()).not.toBe(xs[0]);
  });

  it('ln Γ matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(6)).toBeCloseTo(Math.log(120), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  for (const lambda of [0.3, 3, 9.5, 25, 400, 100_000]) {
    it(`Poisson(${lambda}): mean and variance both λ, over 20,000 draws`, () => {
      const random = seededRandom(Math.round(lambda * 7));
      const n = 20_000;
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < n; i++) {
        const k = poisson(lambda, random);
        expect(Number.isInteger(k) && k >= 0).toBe(true);
        sum += k;
        squares += k * k;
      }
      const mean = sum / n;
      const variance = squares / n - mean * mean;
      // The mean's standard error is √(λ/n); five of them allowed. The variance within 6 %.
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
      expect(variance / lambda).toBeGreaterThan(0.94);
      expect(variance / lambda).toBeLessThan(1.06);
    });
  }

  it('Poisson of 0 (or less) is 0', () => {
    const random = seededRandom(1);
    expect(poisson(0, random)).toBe(0);
    expect(poisson(-2, random)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { allocate, drawSample, type Candidate } from '../../../src/shared/qa/sample';
import { hashString, seededRandom } from '../../../src/shared/qa/random';

function decisions(perStratum: Record<string, number>): Candidate[] {
  return Object.entries(perStratum).flatMap(([stratum, n]) =>
    Array.from({ length: n }, (_, i) => ({ id: `${stratum}-event-${i}`, h: hashString(`${stratum}-event-${i}`), stratum })),
  );
}

describe('allocation across strata', () => {
  it('proportional: in proportion to size, summing to the sample size, every stratum represented', () => {
    const a = allocate([900, 90, 10], 100, 'proportional');
    expect(a.reduce((x, y) => x + y, 0)).toBe(100);
    expect(a[0]).toBeGreaterThanOrEqual(88);
    expect(a[1]).toBeGreaterThanOrEqual(8);
    // 10 of 1,000 is one in a hundred: still one, never none.
    expect(a[2]).toBeGreaterThanOrEqual(1);
  });

  it('equal: the same from each, a small stratum’s share handed to the others', () => {
    expect(allocate([500, 500, 500, 500], 100, 'equal')).toEqual([25, 25, 25, 25]);
    expect(allocate([500, 5, 500, 500], 100, 'equal')).toEqual([32, 5, 32, 31]);
  });

  it('never takes more than a stratum holds, nor more than there are', () => {
    expect(allocate([3, 2], 100, 'proportional')).toEqual([3, 2]);
    expect(allocate([3, 2], 100, 'equal')).toEqual([3, 2]);
    expect(allocate([0, 0], 10, 'proportional')).toEqual([0, 0]);
    expect(allocate([50, 50], 0, 'equal')).toEqual([0, 0]);
  });

  it('with fewer places than strata, the largest strata get them', () => {
    const a = allocate([100, 1, 1, 1000], 2, 'proportional');
    expect(a.reduce((x, y) => x + y, 0)).toBe(2);
    expect(a[3]).toBeGreaterThanOrEqual(1);
  });
});

describe('drawing a sample', () => {
  const pop = decisions({ ana: 600, ben: 300, cleo: 100 });

  it('is reproducible from its seed, whatever order the decisions are read in', () => {
    const a = drawSample(pop, { size: 50, seed: 42, allocation: 'proportional' });
    const shuffled = [...pop];
    const rnd = seededRandom(9);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const b = drawSample(shuffled, { size: 50, seed: 42, allocation: 'proportional' });
    expect(b).toEqual(a);
    const c = drawSample(pop, { size: 50, seed: 43, allocation: 'proportional' });
    expect(c.ids).not.toEqual(a.ids);
  });

  it('takes what the allocation says from each stratum, without repeats, and records populations', () => {
    const d = drawSample(pop, { size: 50, seed: 1, allocation: 'proportional' });
    expect(d.ids).toHaveLength(50);
    expect(new Set(d.ids).size).toBe(50);
    expect(d.population).toBe(1000);
    expect(d.strata).toEqual([
      { stratum: 'ana', population: 600, picked: 30 },
      { stratum: 'ben', population: 300, picked: 15 },
      { stratum: 'cleo', population: 100, picked: 5 },
    ]);
    for (const s of d.strata) expect(d.ids.filter((id) => id.startsWith(`${s.stratum}-`))).toHaveLength(s.picked);
  });

  it('equal allocation reviews each moderator as often, however much they decided', () => {
    const d = drawSample(pop, { size: 30, seed: 1, allocation: 'equal' });
    expect(d.strata.map((s) => s.picked)).toEqual([10, 10, 10]);
  });

  it('a larger sample with the same seed keeps the smaller one (bottom-k): samples nest', () => {
    const small = drawSample(pop, { size: 20, seed: 5, allocation: 'equal' });
    const large = drawSample(pop, { size: 60, seed: 5, allocation: 'equal' });
    for (const id of small.ids) expect(large.ids).toContain(id);
  });

  it('every decision is about equally likely to be picked (no bias by position)', () => {
    const one = decisions({ all: 200 });
    const hits = new Map<string, number>();
    for (let seed = 0; seed < 2000; seed++)
      for (const id of drawSample(one, { size: 20, seed, allocation: 'proportional' }).ids) hits.set(id, (hits.get(id) ?? 0) + 1);
    // Each is picked with probability 0.1: 200 expected in 2,000 draws (sd about 13).
    const counts = one.map((c) => hits.get(c.id) ?? 0);
    expect(Math.min(...counts)).toBeGreaterThan(140);
    expect(Math.max(...counts)).toBeLessThan(260);
    const first = counts.slice(0, 100).reduce((a, b) => a + b, 0);
    const last = counts.slice(100).reduce((a, b) => a + b, 0);
    // The first hundred ids are shorter than the last: their share of 40,000 picks is 20,000 give
    // or take a hypergeometric spread (sd of the difference about 190); 3.5 sd allowed.
    expect(Math.abs(first - last)).toBeLessThan(665);
  });

  it('mixes strata in the review order', () => {
    const d = drawSample(pop, { size: 30, seed: 3, allocation: 'equal' });
    const firstTen = new Set(d.ids.slice(0, 10).map((id) => id.split('-')[0]));
    expect(firstTen.size).toBeGreaterThan(1);
  });

  it('an empty population or a size of 0 draws nothing', () => {
    expect(drawSample([], { size: 10, seed: 1, allocation: 'equal' })).toEqual({ ids: [], population: 0, strata: [] });
    expect(drawSample(pop, { size: 0, seed: 1, allocation: 'equal' }).ids).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { averagePrecision, binaryMetrics, classMetrics, rocAuc, scoreSpread } from '../../../src/core/detection/learn/metrics';
import { dense, predict, train } from '../../../src/core/detection/learn/logistic';

describe('binary metrics', () => {
  it('counts a small confusion matrix right', () => {
    // tp 2, fp 1, fn 1, tn 2
    const labels = [true, true, true, false, false, false];
    const scores = [0.9, 0.8, 0.2, 0.7, 0.1, 0.3];
    const m = binaryMetrics(labels, scores);
    expect(m.n).toBe(6);
    expect(m.accuracy).toBeCloseTo(4 / 6, 10);
    expect(m.precision).toBeCloseTo(2 / 3, 10);
    expect(m.recall).toBeCloseTo(2 / 3, 10);
    expect(m.f1).toBeCloseTo(2 / 3, 10);
    // (2*2 - 1*1) / sqrt(3*3*3*3)
    expect(m.mcc).toBeCloseTo(3 / 9, 10);
  });

  it('average precision walks the ranking', () => {
    // precision at each positive: 1/1, 2/3, 3/4
    expect(averagePrecision([true, false, true, true], [0.9, 0.8, 0.7, 0.6])).toBeCloseTo((1 + 2 / 3 + 3 / 4) / 3, 10);
    expect(averagePrecision([true, true, false], [0.9, 0.8, 0.1])).toBe(1);
    expect(averagePrecision([false, false], [0.9, 0.8])).toBe(0);
  });

  it('gives tied scores one step, whatever their order', () => {
    const a = averagePrecision([true, false, true], [0.5, 0.5, 0.1]);
    const b = averagePrecision([false, true, true], [0.5, 0.5, 0.1]);
    expect(a).toBeCloseTo(b, 12);
  });

  it('is 0, not NaN, where a class is missing', () => {
    const m = binaryMetrics([false, false], [0.1, 0.2]);
    expect(m.mcc).toBe(0);
    expect(m.precision).toBe(0);
    expect(m.f1).toBe(0);
  });
});

describe('score spread', () => {
  it('counts the share of each class at or above the high score', () => {
    // negatives: 0.75 and 0.7 reach 0.7, 0.69 and 0.1 do not; positives: 0.95 does, 0.4 does not.
    const s = scoreSpread([false, false, false, false, true, true], [0.75, 0.7, 0.69, 0.1, 0.95, 0.4]);
    expect(s.high).toBe(0.7);
    expect(s.negativesHigh).toBeCloseTo(2 / 4, 12);
    expect(s.positivesHigh).toBeCloseTo(1 / 2, 12);
    expect(scoreSpread([false, true], [0.5, 0.5], 0.5)).toMatchObject({ negativesHigh: 1, positivesHigh: 1 });
  });

  it('gives the ROC AUC by pairs, ties counting half', () => {
    // pairs (pos, neg): (0.9, 0.8) won, (0.9, 0.3) won, (0.3, 0.8) lost, (0.3, 0.3) tied: 2.5 of 4
    expect(rocAuc([true, false, true, false], [0.9, 0.8, 0.3, 0.3])).toBeCloseTo(2.5 / 4, 12);
    expect(rocAuc([true, true, false], [0.9, 0.8, 0.1])).toBe(1);
    expect(rocAuc([false, true], [0.9, 0.1])).toBe(0);
  });

  it('is 0.5 and 0, not NaN, where a class is missing', () => {
    const s = scoreSpread([false, false], [0.9, 0.2]);
    expect(s.rocAuc).toBe(0.5);
    expect(s.positivesHigh).toBe(0);
    expect(s.negativesHigh).toBe(0.5);
  });
});

describe('multi-class metrics', () => {
  it('macro-averages each class against the rest and gives the multi-class MCC, from a known confusion matrix', () => {
    const oneHot = (c: number) => [0, 1, 2].map((k) => (k === c ? 1 : 0));
    // truth a a b b c c, predicted a b b b c a
    const m = classMetrics(['a', 'b', 'c'], [0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0].map(oneHot));
    expect(m.accuracy).toBeCloseTo(4 / 6);
    expect(m.perClass!.map((k) => [k.label, k.n, k.precision, k.recall])).toEqual([
      ['a', 2, 0.5, 0.5],
      ['b', 2, 2 / 3, 1],
      ['c', 2, 1, 0.5],
    ]);
    expect(m.f1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3);
    expect(m.mcc).toBeCloseTo((4 * 6 - (2 * 2 + 3 * 2 + 1 * 2)) / Math.sqrt((36 - (4 + 9 + 1)) * (36 - 12)));
    expect(
      classMetrics(
        ['a', 'b'],
        [0, 1, 1],
        [
          [0.9, 0.1],
          [0.2, 0.8],
          [0.3, 0.7],
        ],
      ),
    ).toMatchObject({ accuracy: 1, mcc: 1, f1: 1, prAuc: 1 });
  });
});

describe('logistic regression', () => {
  it('recovers the weights of a known logistic model', () => {
    // y ~ Bernoulli(sigmoid(2x - 1)), x spread over [-3, 3], drawn deterministically
    let s = 12345;
    const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const xs = [];
    const ys = [];
    for (let i = 0; i < 20000; i++) {
      const x = -3 + 6 * rand();
      xs.push(dense([x]));
      ys.push(rand() < 1 / (1 + Math.exp(-(2 * x - 1))));
    }
    const m = train(xs, ys, 1, { l2: 0, epochs: 20, learningRate: 0.02, batch: 64 });
    expect(m.weights[0]).toBeGreaterThan(1.8);
    expect(m.weights[0]).toBeLessThan(2.2);
    expect(m.bias).toBeGreaterThan(-1.2);
    expect(m.bias).toBeLessThan(-0.8);
  });

  it('separates separable sparse data, and is the same for the same seed', () => {
    const xs = [];
    const ys = [];
    for (let i = 0; i < 200; i++) {
      const spam = i % 2 === 0;
      xs.push({ idx: Int32Array.from(spam ? [0, 5] : [1, 7]), val: Float64Array.from([1, 1]) });
      ys.push(spam);
    }
    const a = train(xs, ys, 10, { seed: 3 });
    const b = train(xs, ys, 10, { seed: 3 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    const scores = xs.map((x) => predict(a, x));
    expect(binaryMetrics(ys, scores).accuracy).toBe(1);
  });
});

describe('hashed text features', () => {
  it('are the same for the same text, normalised, and share character n-grams across spelling variants', async () => {
    const { hashedText } = await import('../../../src/core/detection/text');
    const a = hashedText('Subscribe to my channel');
    expect(hashedText('Subscribe to my channel')).toEqual(a);
    const b = hashedText('Subscrib3 to my chanel');
    const shared = [...b.keys()].filter((k) => a.has(k)).length;
    expect(shared).toBeGreaterThan(10);
    // two parts (words, characters), each of unit length
    const norm = Math.sqrt([...a.values()].reduce((s, v) => s + v * v, 0));
    expect(norm).toBeGreaterThan(1);
    expect(norm).toBeLessThanOrEqual(2);
  });
});

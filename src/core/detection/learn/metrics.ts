// Binary classification figures, positive class = the bad one (fake, deceptive, spam).
import type { Metrics } from '../../../shared/model';

/** The figures, as the contract carries them (shared/model.ts). */
export type BinaryMetrics = Metrics;

export function binaryMetrics(labels: readonly boolean[], scores: readonly number[], threshold = 0.5): BinaryMetrics {
  if (labels.length !== scores.length) throw new Error('labels and scores differ in length');
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  labels.forEach((y, i) => {
    const p = scores[i]! >= threshold;
    if (p && y) tp++;
    else if (p && !y) fp++;
    else if (!p && y) fn++;
    else tn++;
  });
  const n = labels.length;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const denom = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  return {
    n,
    mcc: denom ? (tp * tn - fp * fn) / denom : 0,
    accuracy: n ? (tp + tn) / n : 0,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    prAuc: averagePrecision(labels, scores),
  };
}

/**
 * Average precision: the mean of the precision at each positive, walking the ranking from the
 * highest score; tied scores are taken as one step, so the order of ties does not matter.
 */
export function averagePrecision(labels: readonly boolean[], scores: readonly number[]): number {
  const positives = labels.filter(Boolean).length;
  if (!positives) return 0;
  const order = scores.map((s, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let tp = 0;
  let seen = 0;
  let sum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    let groupTp = 0;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) {
      if (labels[order[j]!]) groupTp++;
      j++;
    }
    tp += groupTp;
    seen += j - i;
    sum += groupTp * (tp / seen);
    i = j;
  }
  return sum / positives;
}

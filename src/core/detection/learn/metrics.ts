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
  for (let i = 0; i < order.length;) {
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

/**
 * Multi-class figures: each example's true class and a score per class (the predicted class is
 * the highest). Precision, recall, F1 and PR-AUC are macro averages, each class against the
 * rest, so that a rare class counts as much as a common one; MCC is Gorodkin's R_K.
 */
export function classMetrics(classes: readonly string[], truth: readonly number[], scores: readonly (readonly number[])[]): Metrics {
  if (truth.length !== scores.length) throw new Error('labels and scores differ in length');
  const k = classes.length;
  const predicted = scores.map((s) => s.reduce((best, v, c) => (v > s[best]! ? c : best), 0));
  const n = truth.length;
  const correct = truth.filter((t, i) => t === predicted[i]).length;
  const perClass = classes.map((label, c) => {
    const tp = truth.filter((t, i) => t === c && predicted[i] === c).length;
    const actual = truth.filter((t) => t === c).length;
    const said = predicted.filter((p) => p === c).length;
    const precision = said ? tp / said : 0;
    const recall = actual ? tp / actual : 0;
    return { label, n: actual, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  });
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const sumSq = (xs: number[]) => xs.reduce((a, b) => a + b * b, 0);
  const said = Array.from({ length: k }, (_, c) => predicted.filter((p) => p === c).length);
  const actual = perClass.map((p) => p.n);
  const denom = Math.sqrt((n * n - sumSq(said)) * (n * n - sumSq(actual)));
  const cross = said.reduce((a, p, c) => a + p * actual[c]!, 0);
  return {
    n,
    mcc: denom ? (correct * n - cross) / denom : 0,
    accuracy: n ? correct / n : 0,
    precision: mean(perClass.map((p) => p.precision)),
    recall: mean(perClass.map((p) => p.recall)),
    f1: mean(perClass.map((p) => p.f1)),
    prAuc: mean(
      classes.map((_, c) =>
        averagePrecision(
          truth.map((t) => t === c),
          scores.map((s) => s[c]!),
        ),
      ),
    ),
    perClass,
  };
}

/**
 * Where scores fall, beyond one threshold: the ROC AUC (the chance that a random positive
 * scores above a random negative, ties counting half) and, at a "high" score, the share of
 * each class that reaches it. A detector that moderators can trust puts few negatives (genuine
 * accounts, truthful reviews, ham) that high: each one is a red score on an honest item.
 */
export interface ScoreSpread {
  rocAuc: number;
  /** The score counted as high. */
  high: number;
  /** Share of negative-labelled examples scoring at least `high`. */
  negativesHigh: number;
  /** Share of positive-labelled examples scoring at least `high`. */
  positivesHigh: number;
}

export function scoreSpread(labels: readonly boolean[], scores: readonly number[], high = 0.7): ScoreSpread {
  if (labels.length !== scores.length) throw new Error('labels and scores differ in length');
  const positives = labels.filter(Boolean).length;
  const negatives = labels.length - positives;
  let pos = 0;
  let neg = 0;
  labels.forEach((y, i) => {
    if (scores[i]! < high) return;
    if (y) pos++;
    else neg++;
  });
  return {
    rocAuc: rocAuc(labels, scores),
    high,
    negativesHigh: negatives ? neg / negatives : 0,
    positivesHigh: positives ? pos / positives : 0,
  };
}

/** ROC AUC by ranks (Mann–Whitney U), tied scores sharing their mean rank; 0.5 where a class is missing. */
export function rocAuc(labels: readonly boolean[], scores: readonly number[]): number {
  const positives = labels.filter(Boolean).length;
  const negatives = labels.length - positives;
  if (!positives || !negatives) return 0.5;
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) j++;
    // Ranks i+1..j share their mean.
    const mean = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (labels[order[k]!]) rankSum += mean;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

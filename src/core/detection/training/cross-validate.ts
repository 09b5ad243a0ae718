// Quality before use: k-fold cross-validation of the trainer on the team's labels, next to
// what the built-in rules score on the same labels, then the model fitted on all of them.
import { binaryMetrics, type BinaryMetrics } from '../learn/metrics';
import { fit, score, type Example, type TrainedModel } from '../trainer';
import { SPARSE_DIM, TRAIN_OPTIONS, type ModelKind } from './kinds';

export const FOLDS = 5;

export interface TrainingResult {
  model: TrainedModel;
  /** Out-of-fold quality of the trainer. */
  cv: BinaryMetrics;
  /** The built-in rules on the same labels. */
  rules: BinaryMetrics;
}

/** Fold of each example: interleaved by class so every fold holds both. */
function folds(labels: readonly boolean[], k: number): number[] {
  const out = new Array<number>(labels.length);
  let pos = 0;
  let neg = 0;
  labels.forEach((y, i) => (out[i] = y ? pos++ % k : neg++ % k));
  return out;
}

export function crossValidate(
  kind: ModelKind,
  examples: readonly Example[],
  labels: readonly boolean[],
  rulesScores: readonly number[],
  onProgress: (done: number, total: number) => void = () => {},
): TrainingResult {
  const fold = folds(labels, FOLDS);
  const predicted = new Array<number>(labels.length).fill(0);
  const steps = FOLDS + 1;
  for (let f = 0; f < FOLDS; f++) {
    const train = examples.filter((_, i) => fold[i] !== f);
    const trainY = labels.filter((_, i) => fold[i] !== f);
    const m = fit(train, trainY, SPARSE_DIM[kind], { ...TRAIN_OPTIONS[kind], onProgress: (d, t) => onProgress(f + d / t, steps) });
    examples.forEach((x, i) => {
      if (fold[i] === f) predicted[i] = score(m, x);
    });
  }
  const model = fit(examples, labels, SPARSE_DIM[kind], { ...TRAIN_OPTIONS[kind], onProgress: (d, t) => onProgress(FOLDS + d / t, steps) });
  onProgress(steps, steps);
  return { model, cv: binaryMetrics(labels, predicted), rules: binaryMetrics(labels, rulesScores) };
}

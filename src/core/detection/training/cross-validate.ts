// Quality before use: k-fold cross-validation of the trainer on the team's labels, next to
// what the built-in rules score on the same labels, then the model fitted on all of them.
import type { Metrics } from '../../../shared/model';
import { binaryMetrics, classMetrics, type BinaryMetrics } from '../learn/metrics';
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

/** Fold of each example: interleaved within each class so every fold holds every class. */
function folds(labels: readonly (boolean | number)[], k: number): number[] {
  const seen = new Map<boolean | number, number>();
  return labels.map((y) => {
    const n = seen.get(y) ?? 0;
    seen.set(y, n + 1);
    return n % k;
  });
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

export interface ClassTrainingResult {
  /** One model per class, that class against the rest, in the kind's class order. */
  models: TrainedModel[];
  cv: Metrics;
  rules: Metrics;
}

/**
 * The multi-class kinds: one-vs-rest, each class's model fitted by the same trainer as the
 * binary kinds, cross-validated on the same folds; an example goes to the class whose model
 * scores it highest.
 */
export function crossValidateClasses(
  kind: ModelKind,
  classes: readonly string[],
  examples: readonly Example[],
  truth: readonly number[],
  rulesScores: readonly (readonly number[])[],
  onProgress: (done: number, total: number) => void = () => {},
): ClassTrainingResult {
  const fold = folds(truth, FOLDS);
  const predicted = examples.map(() => classes.map(() => 0));
  const steps = (FOLDS + 1) * classes.length;
  const fitAll = (train: readonly Example[], trainY: readonly number[], step: number) =>
    classes.map((_, c) =>
      fit(
        train,
        trainY.map((y) => y === c),
        SPARSE_DIM[kind],
        {
          ...TRAIN_OPTIONS[kind],
          onProgress: (d, t) => onProgress(step * classes.length + c + d / t, steps),
        },
      ),
    );
  for (let f = 0; f < FOLDS; f++) {
    const models = fitAll(
      examples.filter((_, i) => fold[i] !== f),
      truth.filter((_, i) => fold[i] !== f),
      f,
    );
    examples.forEach((x, i) => {
      if (fold[i] === f) predicted[i] = models.map((m) => score(m, x));
    });
  }
  const models = fitAll(examples, truth, FOLDS);
  onProgress(steps, steps);
  return { models, cv: classMetrics(classes, truth, predicted), rules: classMetrics(classes, truth, rulesScores) };
}

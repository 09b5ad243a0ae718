// The team's trained models: their kinds, figures and training state.

/**
 * What the team's trainer can learn: spam (items), fake reviews, fake accounts, sentiment and
 * type (from moderators' corrections). Type is the one multi-class kind (CORRECTABLE_TYPES).
 */
export const MODEL_KINDS = ['spam', 'reviews', 'accounts', 'sentiment', 'type'] as const;

export type ModelKind = (typeof MODEL_KINDS)[number];

/**
 * Quality of a detector on labelled examples. Binary kinds: positive is spam, fake or positive
 * sentiment. The multi-class kind (type): precision, recall, F1 and PR-AUC are macro averages
 * over the classes (one against the rest), MCC is the multi-class R_K, and `perClass` is given.
 */
export interface Metrics {
  n: number;
  mcc: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  prAuc: number;
  perClass?: ClassFigures[];
}

export interface ClassFigures {
  label: string;
  /** Labels of this class. */
  n: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ModelInfo {
  id: number;
  kind: ModelKind;
  createdAt: number;
  createdBy: string;
  /** Labels it learnt from, by class (type: all of them, 0; its per-class counts are in `cv.perClass`). */
  positives: number;
  negatives: number;
  /** Cross-validated quality of this model on the team's labels. */
  cv: Metrics;
  /** The built-in rules on the same labels. */
  rules: Metrics;
  active: boolean;
  activatedAt: number | null;
}

export interface TrainingState {
  phase: 'training' | 'done' | 'failed';
  /** 0 to 1. */
  progress: number;
  message: string;
  /** The model the run produced. */
  modelId: number | null;
}

export interface ModelKindStatus {
  kind: ModelKind;
  /** The team's decisions usable as labels, by class (type: all of them as positive, none negative). */
  labels: { positive: number; negative: number };
  /** The multi-class kind (type): labels per class, each of which needs `needed`. */
  classes?: { label: string; n: number }[];
  /** Labels of each class needed before training. */
  needed: number;
  /** Newest first. */
  models: ModelInfo[];
  training: TrainingState | null;
  /** What "roll back" would switch on: an earlier model, or null for the rules (undefined: nothing to roll back). */
  rollbackTo?: number | null;
}

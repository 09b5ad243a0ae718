// What the team's trainer learns, per kind of verdict: the features it sees (the same as
// `npm run eval` measures) and the settings that fit them.
import { accountFeatures, type AccountSignals } from '../accounts';
import { spamDense, spamSparse } from '../comments';
import type { TrainOptions } from '../learn/logistic';
import { reviewDense, reviewSparse } from '../reviews';
import { TEXT_DIM } from '../text';
import type { Example } from '../trainer';

import type { ModelKind } from '../../../shared/model';

export { MODEL_KINDS, type ModelKind } from '../../../shared/model';

/** Hashed text features beyond the dense ones (accounts have none). */
export const SPARSE_DIM: Record<ModelKind, number> = { spam: TEXT_DIM, reviews: TEXT_DIM, accounts: 0 };

export const TRAIN_OPTIONS: Record<ModelKind, TrainOptions> = {
  accounts: { epochs: 200, l2: 1e-3 },
  reviews: { epochs: 40, l2: 1e-6, learningRate: 0.02 },
  spam: { epochs: 40, l2: 1e-6, learningRate: 0.02 },
};

/** A model is offered only with at least this many labels of each class. */
export const MIN_PER_CLASS = 20;

export function textExample(kind: 'spam' | 'reviews', text: string): Example {
  return kind === 'spam' ? { dense: spamDense(text), sparse: spamSparse(text) } : { dense: reviewDense(text), sparse: reviewSparse(text) };
}

export function accountExample(signals: AccountSignals, now: number): Example {
  return { dense: accountFeatures(signals, now) };
}

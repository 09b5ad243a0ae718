// What the team's trainer learns, per kind of verdict: the features it sees (the same as
// `npm run eval` measures) and the settings that fit them.
import { accountFeatures, type AccountSignals } from '../accounts';
import { spamDense, spamSparse, spamVerdict } from '../comments';
import { reviewSparse } from '../reviews';
import { TEXT_DIM } from '../text';
import type { Example, FitOptions } from '../trainer';
import { sentimentExample } from '../../triage/classify/features';
import { typeExample } from '../../triage/classify/type-features';

import type { ModelKind } from '../../../shared/model';

export { MODEL_KINDS, type ModelKind } from '../../../shared/model';

/** Hashed text features beyond the dense ones (accounts have none). */
export const SPARSE_DIM: Record<ModelKind, number> = {
  spam: TEXT_DIM,
  reviews: TEXT_DIM,
  accounts: 0,
  sentiment: TEXT_DIM,
  type: TEXT_DIM,
};

export const TRAIN_OPTIONS: Record<ModelKind, FitOptions> = {
  accounts: { epochs: 200, l2: 1e-3 },
  reviews: { epochs: 40, l2: 1e-6, learningRate: 0.02, nbAlpha: 0.5 },
  spam: { epochs: 40, l2: 1e-6, learningRate: 0.02 },
  sentiment: { epochs: 40, l2: 1e-6, learningRate: 0.02, nbAlpha: 0.5 },
  // Each class against the rest, with the sentiment model's settings (the same words, as few labels).
  type: { epochs: 40, l2: 1e-6, learningRate: 0.02, nbAlpha: 0.5 },
};

/** A model is offered only with at least this many labels of each class. */
export const MIN_PER_CLASS = 20;

/**
 * Spam: the rules' cues (links, promotion, money, capitals) next to the words. Reviews: the
 * words alone; the rules' rates (first person, superlatives, detail words) are in the n-grams
 * already, and as extra standardised inputs they cost accuracy on hotels the model has not seen.
 */
export function textExample(kind: 'spam' | 'reviews' | 'sentiment' | 'type', text: string): Example {
  if (kind === 'sentiment') return sentimentExample(text);
  if (kind === 'type') return typeExample(text);
  if (kind === 'reviews') return { dense: [], sparse: reviewSparse(text) };
  // The rules' own verdict (as log-odds) is one more input: the model learns how far to trust it.
  const rules = spamVerdict(text).score;
  return { dense: [...spamDense(text), Math.log(rules / (1 - rules))], sparse: spamSparse(text) };
}

export function accountExample(signals: AccountSignals, now: number): Example {
  return { dense: accountFeatures(signals, now) };
}

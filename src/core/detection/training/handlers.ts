// The models a team trains on its own decisions: their status (labels, trained models,
// training under way), training one, and switching one on or back. What a switched kind
// scores is scored again; the app shows the progress.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../../shared/contract';
import { VigilFailure } from '../../../shared/errors';
import { MODEL_KINDS, type ModelKind, type ModelKindStatus } from '../../../shared/model';
import { unscoreKind } from '../scores/rescore';
import type { TrainingJobs } from './jobs';
import { MIN_PER_CLASS } from './kinds';
import { labelCounts, typeLabelCounts } from './labels';
import { activateModel, listModels, previousModel } from './models';

type ModelMethods = 'model.status' | 'model.train' | 'model.activate' | 'model.rollback';

/** `switched`: the active models changed, for the scoring done on this thread. */
export function modelHandlers(
  db: Database,
  now: () => number,
  training: TrainingJobs,
  switched: () => void,
): Pick<CoreHandlers, ModelMethods> {
  const status = (kind: ModelKind): ModelKindStatus => {
    const list = listModels(db, kind);
    const out: ModelKindStatus = {
      kind,
      labels: labelCounts(db, kind),
      needed: MIN_PER_CLASS,
      models: list,
      training: training.state(kind),
    };
    if (kind === 'type') out.classes = typeLabelCounts(db);
    if (list.some((m) => m.active)) out.rollbackTo = previousModel(db, kind);
    return out;
  };
  const switchTo = (kind: ModelKind, modelId: number | null): ModelKindStatus => {
    if (modelId !== null && !listModels(db, kind, 1000).some((m) => m.id === modelId)) {
      throw new VigilFailure('not_found', `There is no ${kind} model ${modelId}.`);
    }
    activateModel(db, kind, modelId, now());
    switched();
    unscoreKind(db, kind);
    return status(kind);
  };
  return {
    'model.status': () => ({ kinds: MODEL_KINDS.map(status) }),
    'model.train': ({ kind }) => {
      training.start(kind);
      return status(kind);
    },
    'model.activate': ({ kind, modelId }) => switchTo(kind, modelId),
    'model.rollback': ({ kind }) => {
      const s = status(kind);
      if (s.rollbackTo === undefined)
        throw new VigilFailure('action_refused', `The built-in rules already score ${kind}: there is nothing to roll back.`);
      return switchTo(kind, s.rollbackTo);
    },
  };
}

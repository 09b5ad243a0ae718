import type { ModelKind, ModelKindStatus } from '@shared/model';
import { call } from '../../api/client';
import type { Slice } from '../../store/types';

/** How often the dialog asks how training goes. */
const POLL_MS = 400;

export interface ModelSlice {
  models: ModelKindStatus[] | null;
  loadModels(): Promise<void>;
  trainModel(kind: ModelKind): Promise<void>;
  /** Switches a model on (null: the built-in rules) and scores again what it scores. */
  switchModel(kind: ModelKind, modelId: number | null): Promise<void>;
  rollbackModel(kind: ModelKind): Promise<void>;
}

let polling: ReturnType<typeof setTimeout> | undefined;

export const createModelSlice: Slice<ModelSlice> = (set, get) => {
  function put(status: ModelKindStatus): void {
    const list = get().models ?? [];
    set({ models: list.some((k) => k.kind === status.kind) ? list.map((k) => (k.kind === status.kind ? status : k)) : [...list, status] });
  }

  async function poll(): Promise<void> {
    clearTimeout(polling);
    await get().loadModels();
    if (get().models?.some((k) => k.training?.phase === 'training')) polling = setTimeout(() => void poll(), POLL_MS);
  }

  async function afterSwitch(r: Awaited<ReturnType<typeof call<'model.activate'>>>, what: string): Promise<void> {
    if (!r.ok) {
      get().toast('error', r.error.message);
      return;
    }
    put(r.value);
    get().toast('success', what);
    await get().runScoring();
  }

  return {
    models: null,

    async loadModels() {
      const r = await call('model.status', {});
      if (r.ok) set({ models: r.value.kinds });
      else get().toast('error', `The models could not be read: ${r.error.message}`);
    },

    async trainModel(kind) {
      const r = await call('model.train', { kind });
      if (!r.ok) {
        get().toast('error', r.error.message);
        return;
      }
      put(r.value);
      await poll();
    },

    async switchModel(kind, modelId) {
      const r = await call('model.activate', { kind, modelId });
      await afterSwitch(r, modelId === null ? `The built-in rules score ${kind} again.` : `Model ${modelId} now scores ${kind}.`);
    },

    async rollbackModel(kind) {
      const r = await call('model.rollback', { kind });
      await afterSwitch(r, `Rolled back: ${kind} is scored as before.`);
    },
  };
};

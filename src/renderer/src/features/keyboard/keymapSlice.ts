import { call } from '../../api/client';
import type { Slice } from '../../store/types';
import { ACTION_BY_ID, buildKeymap, keyIndex, type ActionId, type Keymap, type ResolvedKey } from './keymap';

export interface KeymapSlice {
  /** Only what the user changed; persisted in the local database with the other settings. */
  keyOverrides: Record<string, string>;
  keymap: Keymap;
  keyIndex: Map<string, ResolvedKey>;
  rebind(action: ActionId, combo: string): Promise<string | null>;
  resetKeymap(): Promise<void>;
  applyKeyOverrides(overrides: Record<string, string>): void;
}

export const createKeymapSlice: Slice<KeymapSlice> = (set, get) => {
  const initial = buildKeymap({});
  async function persist(overrides: Record<string, string>): Promise<string | null> {
    get().applyKeyOverrides(overrides);
    const r = await call('settings.set', { keymap: overrides });
    if (!r.ok) {
      get().toast('error', `The key could not be saved: ${r.error.message}`);
      return r.error.message;
    }
    return null;
  }
  return {
    keyOverrides: {},
    keymap: initial,
    keyIndex: keyIndex(initial),

    applyKeyOverrides(overrides) {
      const keymap = buildKeymap(overrides);
      set({ keyOverrides: overrides, keymap, keyIndex: keyIndex(keymap) });
    },

    async rebind(action, combo) {
      const overrides = { ...get().keyOverrides };
      const def = ACTION_BY_ID.get(action);
      // Re-added rather than overwritten: the last override holds a contested key (buildKeymap).
      delete overrides[action];
      if (!def || def.keys[0] !== combo) overrides[action] = combo;
      return persist(overrides);
    },

    async resetKeymap() {
      await persist({});
    },
  };
};

import type { AppInfo } from '@shared/model';
import { call } from '../../api/client';
import type { Slice } from '../../store/types';

export interface SettingsSlice {
  info: AppInfo | null;
  actor: string;
  blurMedia: boolean;
  bootError: string | null;
  boot(): Promise<void>;
  setActor(name: string): Promise<boolean>;
  toggleBlur(): void;
}

export const createSettingsSlice: Slice<SettingsSlice> = (set, get) => ({
  info: null,
  actor: '',
  blurMedia: false,
  bootError: null,

  async boot() {
    const [info, settings] = await Promise.all([call('app.info', {}), call('settings.get', {})]);
    if (!info.ok) {
      set({ bootError: info.error.message });
      return;
    }
    set({ info: info.value, actor: info.value.actor });
    if (settings.ok) {
      set({ actor: settings.value.actor, blurMedia: settings.value.blurMedia, thresholds: settings.value.thresholds });
      get().applyKeyOverrides(settings.value.keymap);
    }
    get().reload();
    // Items imported by an older version, or left unscored when the app closed mid-way.
    void get().runScoring();
    void get().loadSync();
  },

  async setActor(name) {
    const r = await call('settings.set', { actor: name });
    if (!r.ok) {
      get().toast('error', r.error.message);
      return false;
    }
    set({ actor: r.value.actor });
    return true;
  },

  toggleBlur() {
    const blurMedia = !get().blurMedia;
    set({ blurMedia });
    void call('settings.set', { blurMedia }).then((r) => {
      if (!r.ok) get().toast('error', `The setting could not be saved: ${r.error.message}`);
    });
  },
});

import type { SyncStatus } from '@shared/model';
import { call } from '../../api/client';
import type { Slice } from '../../store/types';

/** How often the status bar asks how sync is doing (a cheap call: counts and a few rows). */
const POLL_MS = 2000;

export interface SyncSlice {
  sync: SyncStatus | null;
  syncError: string | null;
  loadSync(): Promise<void>;
  connectSync(url: string, name: string, password: string): Promise<boolean>;
  disconnectSync(): Promise<void>;
  syncNow(): Promise<void>;
}

let poller: ReturnType<typeof setInterval> | undefined;
let lastCursor = -1;

export const createSyncSlice: Slice<SyncSlice> = (set, get) => {
  function take(s: SyncStatus): void {
    const before = get().sync;
    set({ sync: s });
    // Decisions from other workstations arrived: the queue shows them.
    if (lastCursor >= 0 && s.cursor > lastCursor && before) {
      set({ details: new Map() });
      get().reload();
    }
    lastCursor = s.cursor;
  }

  return {
    sync: null,
    syncError: null,

    async loadSync() {
      const r = await call('sync.status', {});
      if (r.ok) take(r.value);
      poller ??= setInterval(() => void get().loadSync(), POLL_MS);
    },

    async connectSync(url, name, password) {
      set({ syncError: null });
      const r = await call('sync.connect', { url, name, password });
      if (!r.ok) {
        set({ syncError: r.error.message });
        return false;
      }
      take(r.value);
      // Signed in, this workstation acts as the server's user.
      if (r.value.user) set({ actor: r.value.user });
      get().toast('success', `Connected to ${r.value.url} as ${r.value.user}.`);
      return true;
    },

    async disconnectSync() {
      const r = await call('sync.disconnect', {});
      if (r.ok) take(r.value);
    },

    async syncNow() {
      const r = await call('sync.run', {});
      if (r.ok) take(r.value);
      else {
        // Offline is not a failure of the user's: the status says so, no dialog.
        await get().loadSync();
      }
    },
  };
};

import type { ConflictView, DecisionAction, FlaggedWork } from '../../../../shared/model';
import { call } from '../../api/client';
import type { Slice } from '../../store/types';

export interface ConflictSlice {
  conflicts: ConflictView[] | null;
  flagged: FlaggedWork[];
  conflictsError: string | null;
  loadConflicts(): Promise<void>;
  /** The supervisor's call: true when recorded (it goes out with the next push). */
  resolveConflict(itemId: number, action: DecisionAction, reason: string): Promise<boolean>;
}

export const createConflictSlice: Slice<ConflictSlice> = (set, get) => ({
  conflicts: null,
  flagged: [],
  conflictsError: null,

  async loadConflicts() {
    const r = await call('conflicts.list', {});
    if (r.ok) set({ conflicts: r.value.conflicts, flagged: r.value.flagged, conflictsError: null });
    else set({ conflictsError: r.error.message });
    await get().loadBounced();
  },

  async resolveConflict(itemId, action, reason) {
    const r = await call('conflict.resolve', { itemId, action, reason: reason.trim() || undefined });
    if (!r.ok) {
      set({ conflictsError: r.error.message });
      return false;
    }
    set({ conflicts: (get().conflicts ?? []).filter((c) => c.itemId !== itemId), conflictsError: null, details: new Map() });
    get().reload();
    void get().loadSync();
    return true;
  },
});

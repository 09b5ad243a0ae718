import type { ConflictView, DecisionAction, FlaggedWork } from '@shared/model';
import { call } from '../../api/client';
import type { Slice } from '../../store/types';

export interface ConflictSlice {
  conflicts: ConflictView[] | null;
  flagged: FlaggedWork[];
  conflictsError: string | null;
  /** Reasons typed and not yet recorded, by item: closing the dialog loses none of them. */
  conflictReasons: Record<number, string>;
  setConflictReason(itemId: number, reason: string): void;
  loadConflicts(): Promise<void>;
  /** The supervisor's call, with why: true when recorded (it goes out with the next push). */
  resolveConflict(itemId: number, action: DecisionAction, reason: string): Promise<boolean>;
}

export const createConflictSlice: Slice<ConflictSlice> = (set, get) => ({
  conflicts: null,
  flagged: [],
  conflictsError: null,
  conflictReasons: {},

  setConflictReason(itemId, reason) {
    set({ conflictReasons: { ...get().conflictReasons, [itemId]: reason } });
  },

  async loadConflicts() {
    const r = await call('conflicts.list', {});
    if (r.ok) set({ conflicts: r.value.conflicts, flagged: r.value.flagged, conflictsError: null });
    else set({ conflictsError: r.error.message });
    await get().loadBounced();
  },

  async resolveConflict(itemId, action, reason) {
    const r = await call('conflict.resolve', { itemId, action, reason: reason.trim() });
    if (!r.ok) {
      set({ conflictsError: r.error.message });
      return false;
    }
    const { [itemId]: _recorded, ...drafts } = get().conflictReasons;
    set({
      conflicts: (get().conflicts ?? []).filter((c) => c.itemId !== itemId),
      conflictsError: null,
      conflictReasons: drafts,
      details: new Map(),
    });
    get().reload();
    void get().loadSync();
    return true;
  },
});

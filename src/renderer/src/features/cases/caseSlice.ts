import type { CaseOutcome, CaseView } from '@shared/model';
import { call } from '../../api/client';
import type { Slice } from '../../store/types';

export interface CaseSlice {
  /** The case of the item on screen, and that item's id. */
  currentCase: CaseView | null;
  caseOf: number | null;
  bounced: CaseView[];
  loadCase(itemId: number): Promise<void>;
  loadBounced(): Promise<void>;
  takeCase(): Promise<void>;
  /** True when recorded; a refusal is said in a toast. */
  handOverCase(to: string, reason: string): Promise<boolean>;
  resolveCase(outcome: CaseOutcome, note: string): Promise<boolean>;
  reopenCase(reason: string): Promise<boolean>;
}

export const createCaseSlice: Slice<CaseSlice> = (set, get) => {
  /** Runs a case command on the item on screen, then shows the case as it now stands. */
  async function act(run: (itemId: number) => ReturnType<typeof call>, done: string): Promise<boolean> {
    const itemId = get().caseOf;
    if (itemId === null) return false;
    const r = await run(itemId);
    if (!r.ok) {
      get().toast('error', r.error.message);
      return false;
    }
    get().toast('success', done);
    // The case panel reloads with the item's details (and the history shows the event).
    get().invalidateDetail([itemId]);
    get().loadDetail(itemId);
    return true;
  }

  return {
    currentCase: null,
    caseOf: null,
    bounced: [],

    async loadCase(itemId) {
      set({ caseOf: itemId });
      const r = await call('case.get', { itemId });
      // The moderator may have moved on meanwhile: only the latest answer counts.
      if (get().caseOf !== itemId) return;
      set({ currentCase: r.ok ? r.value : null });
    },

    async loadBounced() {
      const r = await call('cases.bounced', {});
      if (r.ok) set({ bounced: r.value.cases });
    },

    async takeCase() {
      await act((itemId) => call('case.take', { itemId }), 'You own this case now.');
    },
    handOverCase: (to, reason) => act((itemId) => call('case.handover', { itemId, to, reason }), `Case handed over to ${to}.`),
    resolveCase: (outcome, note) =>
      act((itemId) => call('case.resolve', { itemId, outcome, note: note.trim() || undefined }), `Case resolved: ${outcome}.`),
    reopenCase: (reason) => act((itemId) => call('case.reopen', { itemId, reason }), 'Case reopened.'),
  };
};

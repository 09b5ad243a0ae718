import type { ItemDetail } from '@shared/model';
import { call } from '../../api/client';
import type { Slice } from '../../store/types';

/** Details kept for items recently shown or about to be. */
const CACHE = 60;

export interface DetailSlice {
  details: ReadonlyMap<number, ItemDetail>;
  detailError: { itemId: number; message: string } | null;
  loadDetail(itemId: number): void;
  invalidateDetail(itemIds: readonly number[]): void;
}

const loading = new Set<number>();

export const createDetailSlice: Slice<DetailSlice> = (set, get) => ({
  details: new Map(),
  detailError: null,

  loadDetail(itemId) {
    if (get().details.has(itemId) || loading.has(itemId)) return;
    loading.add(itemId);
    void call('item.detail', { itemId }).then((r) => {
      loading.delete(itemId);
      if (!r.ok) {
        set({ detailError: { itemId, message: r.error.message } });
        return;
      }
      const details = new Map(get().details);
      details.delete(itemId);
      details.set(itemId, r.value);
      while (details.size > CACHE) details.delete(details.keys().next().value!);
      set({ details });
    });
  },

  invalidateDetail(itemIds) {
    const details = new Map(get().details);
    let changed = false;
    for (const id of itemIds) changed = details.delete(id) || changed;
    if (changed) set({ details });
  },
});

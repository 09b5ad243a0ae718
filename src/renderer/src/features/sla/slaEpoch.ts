import { create } from 'zustand';

// Bumped when business hours or a policy are saved, or a decision may have met a target:
// every SLA view fetches again. Its own small store: SLA views need nothing else from it.
export const useSlaEpoch = create<{ epoch: number; bump(): void }>()((set, get) => ({
  epoch: 0,
  bump: () => set({ epoch: get().epoch + 1 }),
}));

// The clock the queue's due badges count from, moved on every 30 s (one timer for every row).
export const useSlaClock = create<{ now: number }>()(() => ({ now: Date.now() }));
if (typeof window !== 'undefined') setInterval(() => useSlaClock.setState({ now: Date.now() }), 30_000);

import type { DecisionAction, DetectionQueue } from '@shared/model';
import { call } from '../../api/client';
import type { Slice } from '../../store/types';

/** Items scored per call: small enough that the core answers other calls in between. */
const SCORE_SLICE = 5000;

export interface DetectionSlice {
  /** Scoring in progress: items done, and done + still waiting at the last answer. */
  scoring: { done: number; total: number } | null;
  thresholds: Record<DetectionQueue, number> | null;
  /** Scores whatever waits to be scored, slice by slice, then refreshes the queue. */
  runScoring(): Promise<void>;
  setThresholds(patch: Partial<Record<DetectionQueue, number>>): Promise<boolean>;
  /** One decision for every waiting item of a campaign; resolves to how many items it took. */
  decideCampaign(id: string, action: DecisionAction, reason: string): Promise<number | null>;
  /** The Spam Waves queue shown one row per campaign instead of one per item. */
  byCampaign: boolean;
  setByCampaign(on: boolean): void;
}

let running: Promise<void> | null = null;

export const createDetectionSlice: Slice<DetectionSlice> = (set, get) => ({
  scoring: null,
  thresholds: null,
  byCampaign: false,
  setByCampaign: (on) => set({ byCampaign: on }),

  runScoring() {
    // One run at a time; a second caller waits for the same run.
    running ??= (async () => {
      let done = 0;
      try {
        for (;;) {
          const r = await call('detection.rescore', { maxItems: SCORE_SLICE });
          if (!r.ok) {
            get().toast('error', `Scoring stopped: ${r.error.message}`);
            return;
          }
          done += r.value.items;
          if (r.value.remaining === 0) break;
          set({ scoring: { done, total: done + r.value.remaining } });
        }
        if (done > 0) {
          // Scores, queues and campaigns moved: cached details are stale.
          set({ details: new Map() });
          get().reload();
          get().refreshCounts();
        }
      } finally {
        set({ scoring: null });
        running = null;
      }
    })();
    return running;
  },

  async setThresholds(patch) {
    const r = await call('settings.set', { thresholds: patch });
    if (!r.ok) {
      get().toast('error', r.error.message);
      return false;
    }
    set({ thresholds: r.value.thresholds });
    get().reload();
    get().refreshCounts();
    return true;
  },

  async decideCampaign(id, action, reason) {
    const r = await call('campaign.decide', { id, action, reason: reason.trim() || undefined });
    if (!r.ok) {
      get().toast('error', r.error.message);
      return null;
    }
    set({ details: new Map() });
    get().reload();
    get().refreshCounts();
    return r.value.outcomes.length;
  },
});

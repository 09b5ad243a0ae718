import type { CampaignInfo } from '@shared/model';
import type { Slice } from './types';

export type Overlay =
  | { kind: 'help' }
  | { kind: 'palette' }
  | { kind: 'label'; bulk: boolean }
  | { kind: 'note' }
  | { kind: 'reply' }
  | { kind: 'handover'; bulk: boolean }
  | { kind: 'import' }
  | { kind: 'export' }
  | { kind: 'actor' }
  | { kind: 'link'; url: string }
  | { kind: 'campaign'; campaign: CampaignInfo }
  | { kind: 'thresholds' }
  | { kind: 'models' }
  | { kind: 'sync' }
  | { kind: 'conflicts' }
  | { kind: 'audit' }
  | { kind: 'caseHandover' }
  | { kind: 'caseResolve' }
  | { kind: 'rules' }
  | { kind: 'hours' }
  | { kind: 'templates' }
  | { kind: 'notes'; mentions: boolean };

export interface Toast {
  id: number;
  tone: 'info' | 'error' | 'success';
  text: string;
  /** A button beside the message (a decision's Undo). */
  action?: { label: string; run: () => void };
}

export interface UiSlice {
  overlay: Overlay | null;
  toasts: Toast[];
  /** Bumped to ask the search box to take focus. */
  searchFocus: number;
  open(overlay: Overlay): void;
  close(): void;
  toast(tone: Toast['tone'], text: string, action?: Toast['action']): void;
  dismissToast(id: number): void;
  focusSearch(): void;
}

let nextToast = 1;

export const createUiSlice: Slice<UiSlice> = (set, get) => ({
  overlay: null,
  toasts: [],
  searchFocus: 0,
  open: (overlay) => set({ overlay }),
  close: () => set({ overlay: null }),
  toast: (tone, text, action) => {
    const id = nextToast++;
    set({ toasts: [...get().toasts.slice(-3), { id, tone, text, ...(action ? { action } : {}) }] });
    // Errors stay until dismissed: a person must see them.
    if (tone !== 'error') setTimeout(() => get().dismissToast(id), 4000);
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  focusSearch: () => set({ searchFocus: get().searchFocus + 1 }),
});

import type { ResultOf } from '@shared/contract';
import type { DecisionOutcome, QueueFilter, QueueRow } from '@shared/model';
import { call } from '../../api/client';
import type { Slice } from '../../store/types';

/** Rows asked for at a time. */
export const PAGE = 100;
/** Rows kept in memory around what is on screen; scrolling further drops the far ones. */
export const MAX_WINDOW = 1200;

/**
 * The list is a contiguous window of rows [start, start + rows.length) out of `total`,
 * fetched from SQL in pages as the view scrolls. Keeping one window (not scattered pages)
 * lets a decision remove its row in place: the rows after it shift up, exactly as they do in
 * the database, so later pages stay aligned.
 */
export interface RowWindow {
  start: number;
  rows: QueueRow[];
}

export interface RemovedRow {
  index: number;
  row: QueueRow;
}

export interface QueueSlice {
  filter: QueueFilter;
  total: number | null;
  win: RowWindow;
  /** Bumped whenever indexes shift (filter change, rows removed or restored): older answers are dropped. */
  gen: number;
  cursor: number;
  selection: ReadonlySet<number>;
  counts: ResultOf<'queue.counts'> | null;
  facets: ResultOf<'queue.facets'> | null;
  listError: string | null;
  setFilter(patch: Partial<QueueFilter>, replace?: boolean): void;
  ensureRange(from: number, to: number): void;
  reload(): void;
  refreshCounts(): void;
  setCursor(index: number): void;
  moveCursor(delta: number): void;
  toggleSelect(id?: number): void;
  clearSelection(): void;
  rowAt(index: number): QueueRow | undefined;
  currentRow(): QueueRow | undefined;
  /** Takes rows that no longer belong to the view out of the window; returns them for undo. */
  removeRows(ids: readonly number[]): RemovedRow[];
  restoreRows(removed: readonly RemovedRow[]): void;
  patchRows(outcomes: readonly DecisionOutcome[]): void;
  /**
   * Brings an item on screen from elsewhere (a similar case, a note): the cursor moves to it
   * where the list already holds it, otherwise the list switches to the view that shows it.
   */
  openItem(itemId: number): Promise<boolean>;
  /** The view on screen before openItem switched it, to come back to (one step). */
  viewBefore: { filter: QueueFilter; cursor: number } | null;
  /** Back to that view, where the cursor was. */
  backToView(): void;
}

const inflight = new Set<string>();
let countsTimer: ReturnType<typeof setTimeout> | undefined;

function clean(filter: QueueFilter): QueueFilter {
  const out: QueueFilter = {};
  for (const [k, v] of Object.entries(filter) as [keyof QueueFilter, string | undefined][]) {
    if (v !== undefined && v !== '') (out as Record<string, string>)[k] = v;
  }
  return out;
}

export function rowMatches(row: { status: string }, filter: QueueFilter): boolean {
  const status = filter.status ?? 'new';
  return status === 'all' || row.status === status;
}

export const createQueueSlice: Slice<QueueSlice> = (set, get) => {
  async function fetchTotal(gen: number): Promise<void> {
    const r = await call('queue.count', { filter: get().filter });
    if (get().gen !== gen) return;
    if (r.ok) set({ total: r.value.total });
    else set({ listError: r.error.message });
  }

  async function fetchRows(offset: number, limit: number): Promise<void> {
    const { gen, filter } = get();
    const key = `${gen}:${offset}:${limit}`;
    if (inflight.has(key)) return;
    inflight.add(key);
    try {
      // A decision in flight shifts offsets when it commits: read after it, not before.
      await get().writesSettled();
      if (get().gen !== gen) return;
      const r = await call('queue.page', { filter, offset, limit });
      if (get().gen !== gen) return;
      if (!r.ok) {
        set({ listError: r.error.message });
        return;
      }
      merge(offset, r.value.rows, limit);
    } finally {
      inflight.delete(key);
    }
  }

  function merge(offset: number, rows: QueueRow[], limit: number): void {
    const { win, total } = get();
    const end = win.start + win.rows.length;
    let next: RowWindow;
    if (!win.rows.length || offset > end || offset + rows.length < win.start) {
      next = { start: offset, rows };
    } else {
      // Overlapping or touching: splice the fresh rows over the window.
      const start = Math.min(win.start, offset);
      const merged: QueueRow[] = [];
      const last = Math.max(end, offset + rows.length);
      for (let i = start; i < last; i++) {
        const fresh = i >= offset && i < offset + rows.length ? rows[i - offset] : undefined;
        const old = i >= win.start && i < end ? win.rows[i - win.start] : undefined;
        const row = fresh ?? old;
        if (!row) break;
        merged.push(row);
      }
      next = { start, rows: merged };
    }
    next = trim(next, get().cursor, offset, offset + rows.length);
    // A short page is the end of the list, whatever the count said.
    const knownTotal = rows.length < limit ? offset + rows.length : total;
    set({ win: next, total: knownTotal, listError: null });
  }

  /**
   * Keeps MAX_WINDOW rows around the cursor, unless that would drop the rows just fetched
   * [freshFrom, freshTo): the view asked for them, and a mouse may scroll it far from the cursor.
   */
  function trim(w: RowWindow, around: number, freshFrom: number, freshTo: number): RowWindow {
    if (w.rows.length <= MAX_WINDOW) return w;
    const centreOn = (i: number) => Math.max(w.start, Math.min(i - MAX_WINDOW / 2, w.start + w.rows.length - MAX_WINDOW));
    let keepFrom = centreOn(around);
    if (freshFrom < keepFrom || freshTo > keepFrom + MAX_WINDOW) keepFrom = centreOn(Math.floor((freshFrom + freshTo) / 2));
    return { start: keepFrom, rows: w.rows.slice(keepFrom - w.start, keepFrom - w.start + MAX_WINDOW) };
  }

  return {
    filter: {},
    total: null,
    win: { start: 0, rows: [] },
    gen: 0,
    cursor: 0,
    selection: new Set(),
    counts: null,
    facets: null,
    listError: null,
    viewBefore: null,

    setFilter(patch, replace = false) {
      const filter = clean(replace ? patch : { ...get().filter, ...patch });
      set({ filter, gen: get().gen + 1, win: { start: 0, rows: [] }, total: null, cursor: 0, selection: new Set() });
      get().reload();
    },

    reload() {
      const gen = get().gen + 1;
      const cursor = get().cursor;
      set({ gen, win: { start: 0, rows: [] }, listError: null });
      void fetchTotal(gen);
      const from = Math.max(0, cursor - PAGE / 2);
      void fetchRows(from, PAGE * 2);
      get().refreshCounts();
    },

    refreshCounts() {
      clearTimeout(countsTimer);
      countsTimer = setTimeout(async () => {
        const [counts, facets] = await Promise.all([call('queue.counts', {}), call('queue.facets', {})]);
        if (counts.ok) set({ counts: counts.value });
        if (facets.ok) set({ facets: facets.value });
      }, 150);
    },

    ensureRange(from, to) {
      const { win, total } = get();
      const max = total ?? Number.MAX_SAFE_INTEGER;
      const lo = Math.max(0, from);
      const hi = Math.min(max, to + 1);
      if (hi <= lo) return;
      const end = win.start + win.rows.length;
      if (win.rows.length && lo >= win.start && hi <= end) return;
      if (!win.rows.length || hi < win.start || lo > end) {
        const start = Math.max(0, lo - PAGE / 2);
        void fetchRows(start, Math.min(500, hi - start + PAGE));
        return;
      }
      if (lo < win.start) {
        const start = Math.max(0, Math.min(lo, win.start - PAGE));
        void fetchRows(start, win.start - start);
      }
      if (hi > end) void fetchRows(end, Math.min(500, Math.max(PAGE, hi - end + PAGE / 2)));
    },

    setCursor(index) {
      const { total } = get();
      const max = total === null ? index : Math.max(0, total - 1);
      set({ cursor: Math.max(0, Math.min(index, max)) });
    },

    moveCursor(delta) {
      get().setCursor(get().cursor + delta);
    },

    toggleSelect(id) {
      const target = id ?? get().currentRow()?.id;
      if (target === undefined) return;
      const selection = new Set(get().selection);
      if (selection.has(target)) selection.delete(target);
      else selection.add(target);
      set({ selection });
    },

    clearSelection() {
      if (get().selection.size) set({ selection: new Set() });
    },

    rowAt(index) {
      const { win } = get();
      return win.rows[index - win.start];
    },

    currentRow() {
      return get().rowAt(get().cursor);
    },

    removeRows(ids) {
      const wanted = new Set(ids);
      const { win, total, cursor } = get();
      const removed: RemovedRow[] = [];
      const rows: QueueRow[] = [];
      win.rows.forEach((row, i) => {
        if (wanted.has(row.id)) removed.push({ index: win.start + i, row });
        else rows.push(row);
      });
      if (!removed.length) return removed;
      const newTotal = total === null ? null : Math.max(0, total - removed.length);
      const before = removed.filter((r) => r.index < cursor).length;
      const newCursor = Math.max(0, Math.min(cursor - before, (newTotal ?? Infinity) - 1));
      set({ win: { start: win.start, rows }, total: newTotal, gen: get().gen + 1, cursor: newCursor });
      return removed;
    },

    restoreRows(removed) {
      const { win, total } = get();
      const end = win.start + win.rows.length;
      if (removed.some((r) => r.index < win.start || r.index > end + removed.length)) {
        get().reload();
        return;
      }
      const rows = [...win.rows];
      for (const r of [...removed].sort((a, b) => a.index - b.index)) rows.splice(r.index - win.start, 0, r.row);
      set({
        win: { start: win.start, rows },
        total: total === null ? null : total + removed.length,
        gen: get().gen + 1,
        cursor: Math.min(...removed.map((r) => r.index)),
      });
    },

    async openItem(itemId) {
      const { win } = get();
      const at = win.rows.findIndex((r) => r.id === itemId);
      if (at >= 0) {
        get().setCursor(win.start + at);
        return true;
      }
      const r = await call('queue.locate', { itemId });
      if (!r.ok) {
        get().toast('error', r.error.message);
        return false;
      }
      // Read around the item's place, not the top of the list. The view left is kept for `backToView`.
      const { filter, cursor } = get();
      set({
        viewBefore: { filter, cursor },
        filter: clean(r.value.filter),
        gen: get().gen + 1,
        win: { start: 0, rows: [] },
        total: null,
        cursor: r.value.index,
        selection: new Set(),
      });
      get().reload();
      get().toast('info', 'Showing the item in its own queue: Backspace goes back to the list you were in.');
      return true;
    },

    backToView() {
      const before = get().viewBefore;
      if (!before) return get().toast('info', 'Nothing to go back to: Backspace returns to a list left to open a similar case or a note.');
      set({
        viewBefore: null,
        filter: before.filter,
        gen: get().gen + 1,
        win: { start: 0, rows: [] },
        total: null,
        cursor: before.cursor,
        selection: new Set(),
      });
      get().reload();
    },

    patchRows(outcomes) {
      const byId = new Map(outcomes.map((o) => [o.itemId, o]));
      const { win } = get();
      let changed = false;
      const rows = win.rows.map((row) => {
        const o = byId.get(row.id);
        if (!o) return row;
        changed = true;
        return { ...row, status: o.status, version: o.version, labels: o.labels, assignee: o.assignee, claimUntil: o.claimUntil };
      });
      if (changed) set({ win: { start: win.start, rows } });
    },
  };
};

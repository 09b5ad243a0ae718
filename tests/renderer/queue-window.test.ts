// The queue slice against a real core: the rows in memory are one contiguous window of the
// list, always the rows core's queue.page returns at the same offsets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_WINDOW, PAGE } from '../../src/renderer/src/features/queue/queueSlice';
import { useStore } from '../../src/renderer/src/store';
import { booted, bridgeCore, resetStore, until, type Bridge, type Page } from './helpers/core-bridge';

let bridge: Bridge | undefined;

beforeEach(() => {
  resetStore();
});

afterEach(async () => {
  await bridge?.quiet();
  bridge?.close();
  bridge = undefined;
});

const state = () => useStore.getState();

/** The ids core has at [offset, offset + count) for the store's filter, read in pages core accepts. */
async function coreIds(offset: number, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let at = offset; at < offset + count; at += 500) {
    const limit = Math.min(500, offset + count - at);
    const { rows } = await bridge!.direct<Page>('queue.page', { filter: state().filter, offset: at, limit });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

async function expectWindowMatchesCore(): Promise<void> {
  const { win } = state();
  expect(win.rows.length).toBeGreaterThan(0);
  expect(new Set(win.rows.map((r) => r.id)).size).toBe(win.rows.length);
  expect(win.rows.map((r) => r.id)).toEqual(await coreIds(win.start, win.rows.length));
}

function loaded(from: number, to: number): boolean {
  for (let i = from; i <= to; i++) if (!state().rowAt(i)) return false;
  return true;
}

async function show(from: number, to: number): Promise<void> {
  state().ensureRange(from, to);
  await until(() => loaded(from, to), `rows ${from} to ${to}`);
}

describe('the first page', () => {
  it('holds the head of the list in core order, and the total core counts', async () => {
    bridge = bridgeCore({ items: 500, seed: 7 });
    await booted();
    const { total } = await bridge.direct<{ total: number }>('queue.count', { filter: {} });
    expect(total).toBe(500);
    expect(state().total).toBe(total);
    expect(state().win.start).toBe(0);
    expect(state().win.rows).toHaveLength(2 * PAGE);
    expect(state().win.rows.every((r) => r.status === 'new')).toBe(true);
    await expectWindowMatchesCore();
    expect(state().cursor).toBe(0);
    expect(state().currentRow()!.id).toBe(state().win.rows[0]!.id);
  });

  it('shows the refusal of core instead of rows', async () => {
    bridge = bridgeCore({ items: 20 });
    await booted();
    // A filter core's contract rejects: the error comes back as data and is shown.
    state().setFilter({ kind: 'tweet' as never });
    await until(() => state().listError !== null, 'the error');
    expect(state().listError).toMatch(/kind/);
    expect(state().win.rows).toHaveLength(0);
    expect(state().currentRow()).toBeUndefined();
  });
});

describe('the cursor', () => {
  it('moves over the rows and stays inside the list', async () => {
    bridge = bridgeCore({ items: 500, seed: 7 });
    await booted();
    const s = state();
    s.moveCursor(1);
    expect(state().cursor).toBe(1);
    expect(state().currentRow()!.id).toBe(s.win.rows[1]!.id);
    s.moveCursor(5);
    expect(state().currentRow()!.id).toBe(s.win.rows[6]!.id);
    s.moveCursor(-100);
    expect(state().cursor).toBe(0);
    s.setCursor(10_000);
    expect(state().cursor).toBe(499);
  });
});

describe('fetching further pages', () => {
  it('extends the window at its end, contiguous and aligned with core', async () => {
    bridge = bridgeCore({ items: 500, seed: 7 });
    await booted();
    await show(180, 260);
    expect(state().win.start).toBe(0);
    expect(state().win.rows.length).toBeGreaterThan(260);
    await expectWindowMatchesCore();
    await show(state().win.rows.length - 10, 499);
    expect(state().win.rows).toHaveLength(500);
    await expectWindowMatchesCore();
  });

  it('jumps to a far range and grows back towards the start, aligned with core', async () => {
    bridge = bridgeCore({ items: 500, seed: 7 });
    await booted();
    await show(450, 470);
    const jumped = state().win;
    expect(jumped.start).toBeGreaterThan(200);
    expect(jumped.start).toBeLessThanOrEqual(450);
    await expectWindowMatchesCore();
    // Scrolling back up: the rows before the window join it.
    await show(jumped.start - 30, jumped.start - 10);
    expect(state().win.start).toBeLessThan(jumped.start);
    expect(state().rowAt(470)!.id).toBe(jumped.rows[470 - jumped.start]!.id);
    await expectWindowMatchesCore();
  });

  it('asks core only for what it does not hold', async () => {
    bridge = bridgeCore({ items: 500, seed: 7 });
    await booted();
    await bridge.quiet();
    const before = bridge.calls.length;
    state().ensureRange(10, 150);
    state().ensureRange(0, 199);
    await bridge.quiet();
    expect(bridge.calls.slice(before)).toEqual([]);
  });
});

describe('a long list', () => {
  // MAX_WINDOW is more than 500 rows, so these lists are longer.
  it('keeps at most MAX_WINDOW rows when the keyboard goes far down', async () => {
    bridge = bridgeCore({ items: 3000, seed: 7 });
    await booted();
    expect(state().total!).toBeGreaterThan(2 * MAX_WINDOW);
    for (let c = 0; c <= 2200; c += 25) {
      state().setCursor(c);
      await show(Math.max(0, c - 10), c + 20);
      expect(state().win.rows.length).toBeLessThanOrEqual(MAX_WINDOW);
    }
    expect(state().win.start).toBeGreaterThan(0);
    expect(state().currentRow()).toBeDefined();
    await expectWindowMatchesCore();
  });

  it('keeps the rows in view when the mouse scrolls far from the cursor', async () => {
    bridge = bridgeCore({ items: 3000, seed: 7 });
    await booted();
    // The cursor stays on the first row while the view moves down, a screen at a time.
    for (let first = 0; first <= 1600; first += 20) {
      await show(first, first + 20);
      expect(state().win.rows.length).toBeLessThanOrEqual(MAX_WINDOW);
    }
    expect(state().cursor).toBe(0);
    expect(state().win.start).toBeGreaterThan(0);
    await expectWindowMatchesCore();
  });
});

describe('changing the filter', () => {
  it('starts over at the first row of the new list with nothing selected', async () => {
    bridge = bridgeCore({ items: 500, seed: 7 });
    await booted();
    const s = state();
    s.moveCursor(3);
    s.toggleSelect();
    s.toggleSelect(s.rowAt(7)!.id);
    expect(state().selection.size).toBe(2);
    s.setFilter({ queue: 'reviews' });
    expect(state().cursor).toBe(0);
    expect(state().selection.size).toBe(0);
    expect(state().total).toBeNull();
    await until(() => state().currentRow() !== undefined && state().total !== null, 'the reviews');
    const { total } = await bridge.direct<{ total: number }>('queue.count', { filter: { queue: 'reviews' } });
    expect(state().total).toBe(total);
    expect(state().win.rows.every((r) => r.queue === 'reviews')).toBe(true);
    await expectWindowMatchesCore();
  });

  it('drops the answers meant for the list it left', async () => {
    bridge = bridgeCore({ items: 500, seed: 7 });
    await booted();
    state().setFilter({ queue: 'mentions' });
    state().setFilter({ queue: 'comments' });
    await until(() => state().total !== null && state().currentRow() !== undefined, 'the comments');
    await bridge.quiet();
    expect(state().filter).toEqual({ queue: 'comments' });
    expect(state().win.rows.every((r) => r.queue === 'comments')).toBe(true);
    const { total } = await bridge.direct<{ total: number }>('queue.count', { filter: { queue: 'comments' } });
    expect(state().total).toBe(total);
    await expectWindowMatchesCore();
  });

  it('clears empty values out of the filter', async () => {
    bridge = bridgeCore({ items: 50 });
    await booted();
    state().setFilter({ queue: 'reviews', search: '' });
    expect(state().filter).toEqual({ queue: 'reviews' });
    state().setFilter({ kind: 'review' }, true);
    expect(state().filter).toEqual({ kind: 'review' });
  });
});

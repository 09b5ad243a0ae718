// The queue's scroll area holds at most MAX_SLOTS rows; longer lists move a window along.
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_SLOTS, SHRINK_AFTER_MS, useSlotCount, useSlotWindow } from '../../src/renderer/src/features/queue/slotWindow';

const ROW = 44;
const noElement = () => null;

afterEach(() => {
  vi.useRealTimers();
});

describe('useSlotCount', () => {
  it('grows at once, shrinks only after a pause', () => {
    vi.useFakeTimers();
    const key = {};
    const { result, rerender } = renderHook(({ count }) => useSlotCount(count, key), { initialProps: { count: 1000 } });
    expect(result.current).toBe(1000);
    rerender({ count: 999 });
    expect(result.current).toBe(1000);
    rerender({ count: 998 });
    expect(result.current).toBe(1000);
    act(() => vi.advanceTimersByTime(SHRINK_AFTER_MS + 10));
    expect(result.current).toBe(998);
    rerender({ count: 1500 });
    expect(result.current).toBe(1500);
  });

  it('starts from the new count when the list changes', () => {
    const { result, rerender } = renderHook(({ count, key }) => useSlotCount(count, key), { initialProps: { count: 1000, key: 'a' } });
    rerender({ count: 40, key: 'b' });
    expect(result.current).toBe(40);
  });
});

describe('useSlotWindow', () => {
  it('shows a short list whole', () => {
    const { result } = renderHook(() => useSlotWindow(500, 0, 'k', ROW, noElement));
    expect(result.current).toEqual({ slots: 500, base: 0 });
  });

  it('caps the slots of a long list and follows the cursor', () => {
    const { result, rerender } = renderHook(({ cursor }) => useSlotWindow(1_000_000, cursor, 'k', ROW, noElement), {
      initialProps: { cursor: 0 },
    });
    expect(result.current).toEqual({ slots: MAX_SLOTS, base: 0 });
    rerender({ cursor: MAX_SLOTS - 1 });
    expect(result.current.base).toBe(0);
    rerender({ cursor: 250_000 });
    const { base } = result.current;
    expect(base).toBeLessThanOrEqual(250_000);
    expect(base + MAX_SLOTS).toBeGreaterThan(250_000);
    rerender({ cursor: 999_999 });
    expect(result.current.base).toBe(1_000_000 - MAX_SLOTS);
    rerender({ cursor: 0 });
    expect(result.current.base).toBe(0);
  });

  it('shifts the window when scrolling nears its end, keeping the same rows on screen', () => {
    const el = document.createElement('div');
    Object.defineProperty(el, 'clientHeight', { value: 800 });
    let top = 0;
    Object.defineProperty(el, 'scrollTop', { get: () => top, set: (v: number) => (top = v) });
    const { result } = renderHook(() => useSlotWindow(1_000_000, 0, 'k', ROW, () => el));
    expect(result.current.base).toBe(0);
    // Scroll to the last screen of the window: the row at the top of the view is 99,980.
    const rowAtTop = MAX_SLOTS - 20;
    top = rowAtTop * ROW;
    act(() => {
      el.dispatchEvent(new Event('scroll'));
    });
    const { base } = result.current;
    expect(base).toBeGreaterThan(0);
    expect(base + top / ROW).toBe(rowAtTop);
    // And back up near its start: the window moves back, the same row stays at the top.
    const before = base + 10;
    top = 10 * ROW;
    act(() => {
      el.dispatchEvent(new Event('scroll'));
    });
    expect(result.current.base).toBeLessThan(base);
    expect(result.current.base + top / ROW).toBe(before);
  });
});

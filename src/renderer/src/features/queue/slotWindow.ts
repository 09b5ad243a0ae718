import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/** Rows the scroll area holds at most: 4.4 M px at 44 px a row, well under what browsers can lay out. */
export const MAX_SLOTS = 100_000;
/** When the view comes this many rows near an end of the slots, the slots move along the list. */
export const EDGE_ROWS = 2_000;
/** How long the list keeps its length after rows leave it, before it shrinks to fit. */
export const SHRINK_AFTER_MS = 800;

/**
 * The virtualizer lays out every slot whenever their number changes. So the slot count follows
 * growth at once and shrinkage (rows decided away) only after a pause: the frame right after
 * a decision does no layout pass over the whole list; the slots left over at the end render
 * as nothing meanwhile. Another list (a new filter) starts from its own count.
 */
export function useSlotCount(count: number, listKey: unknown): number {
  const [state, setState] = useState({ slots: count, listKey });
  const sameList = state.listKey === listKey;
  if (!sameList || count > state.slots) setState({ slots: count, listKey });
  useEffect(() => {
    if (state.listKey !== listKey || count >= state.slots) return;
    const t = setTimeout(() => setState({ slots: count, listKey }), SHRINK_AFTER_MS);
    return () => clearTimeout(t);
  }, [count, listKey, state]);
  return sameList ? Math.max(state.slots, count) : count;
}

export interface SlotWindow {
  /** Slots the virtualizer lays out. */
  slots: number;
  /** List index of slot 0. */
  base: number;
}

/**
 * A list longer than MAX_SLOTS is shown through a window of MAX_SLOTS slots that moves along
 * it: the keyboard cursor pulls the window to itself, and scrolling near either end of the
 * window shifts it by half its length, with the scroll position moved by the same amount so
 * that nothing on screen jumps. A million rows then cost the layout of a hundred thousand,
 * and stay reachable (a 44 M px scroll area would be cut short by the browser).
 */
export function useSlotWindow(
  count: number,
  cursor: number,
  listKey: unknown,
  rowHeight: number,
  scrollElement: () => HTMLElement | null,
): SlotWindow {
  const slots = Math.min(useSlotCount(count, listKey), MAX_SLOTS);
  const [state, setState] = useState({ base: 0, listKey, cursor });
  const maxBase = Math.max(0, count - slots);
  let base = state.listKey === listKey ? Math.min(state.base, maxBase) : 0;
  // A cursor that moved out of the window pulls it along; scrolling away from a cursor that
  // stays put (the mouse wheel) does not.
  const cursorMoved = cursor !== state.cursor || state.listKey !== listKey;
  if (cursorMoved && (cursor < base || cursor >= base + slots)) base = Math.max(0, Math.min(cursor - Math.floor(slots / 2), maxBase));
  if (base !== state.base || state.listKey !== listKey || cursor !== state.cursor) setState({ base, listKey, cursor });

  useEffect(() => {
    const el = scrollElement();
    if (!el || maxBase === 0) return;
    const onScroll = (): void => {
      const edge = EDGE_ROWS * rowHeight;
      const top = el.scrollTop;
      let shift = 0;
      if (top < edge && base > 0) shift = -Math.min(base, Math.floor(slots / 2));
      else if (top + el.clientHeight > slots * rowHeight - edge && base < maxBase) shift = Math.min(maxBase - base, Math.floor(slots / 2));
      if (!shift) return;
      // The new rows and the new scroll position must reach the same frame.
      flushSync(() => setState({ base: base + shift, listKey, cursor }));
      el.scrollTop = top - shift * rowHeight;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [base, maxBase, slots, listKey, cursor, rowHeight, scrollElement]);

  return { slots, base };
}

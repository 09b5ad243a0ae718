// Reading the item pane from the keyboard: PageDown / Space scroll it by most of a screen, and
// ] / [ jump to the next or previous part of it (each part starts with a heading: Detection,
// the author, SLA, classification, case, similar cases, thread, history).

export const DETAIL_PANE_ID = 'detail-pane';

/** Room left above a heading jumped to. */
const HEADING_GAP = 8;

function pane(): HTMLElement | null {
  return document.getElementById(DETAIL_PANE_ID);
}

/** Scrolls the pane by most of its height (`direction` 1 down, -1 up), keeping a line of context. */
export function scrollDetail(direction: 1 | -1): void {
  const el = pane();
  if (!el) return;
  el.scrollBy({ top: direction * Math.max(40, el.clientHeight - 48) });
}

/** Where each part's heading sits, measured from the top of the pane's scrolled content. */
function partTops(el: HTMLElement): { heading: HTMLElement; top: number }[] {
  const base = el.getBoundingClientRect().top - el.scrollTop;
  return [...el.querySelectorAll<HTMLElement>('h3')].map((heading) => ({ heading, top: heading.getBoundingClientRect().top - base }));
}

/** Brings the next (1) or previous (-1) part's heading to the top of the pane; answers its title, or null where there is none. */
export function jumpToPart(direction: 1 | -1): string | null {
  const el = pane();
  if (!el) return null;
  const at = el.scrollTop;
  // Where each part would be scrolled to: its heading a little below the pane's top edge.
  const parts = partTops(el).map((p) => ({ ...p, top: Math.max(0, p.top - HEADING_GAP) }));
  // A part is the current one once it is scrolled to (within a couple of pixels).
  const target = direction === 1 ? parts.find((p) => p.top > at + 2) : [...parts].reverse().find((p) => p.top < at - 2);
  if (!target) return null;
  el.scrollTo({ top: target.top });
  return target.heading.textContent?.trim() || null;
}

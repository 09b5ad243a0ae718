// Keys shared by the dialogs: a search box that drives a list, and Ctrl/Cmd-Enter to send.
import type { KeyboardEvent } from 'react';

/**
 * Arrow keys and Enter in a search box that drives a list below it: the box keeps the focus
 * (typing goes on narrowing the list) while ↑ ↓ move the highlighted row and Enter takes it.
 * Returns true when it handled the key.
 */
export function onListKey(
  e: KeyboardEvent,
  at: { active: number; count: number; move: (index: number) => void; enter: (index: number) => void },
): boolean {
  if (e.key === 'ArrowDown') at.move(Math.min(at.active + 1, at.count - 1));
  else if (e.key === 'ArrowUp') at.move(Math.max(at.active - 1, 0));
  else if (e.key === 'Enter') at.enter(at.active);
  else return false;
  e.preventDefault();
  return true;
}

/** Ctrl-Enter (Cmd-Enter on a Mac) in a form's fields: what sends it, wherever the caret is. */
export function onModEnter(e: KeyboardEvent, submit: () => void): void {
  if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
  e.preventDefault();
  submit();
}

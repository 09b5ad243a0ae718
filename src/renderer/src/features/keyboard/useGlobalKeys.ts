import { useEffect } from 'react';
import { useStore } from '../../store';
import { runAction } from '../actions/runAction';
import { comboOf, resolveMod } from './keymap';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

function isPressable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.tagName === 'BUTTON' || target.tagName === 'A' || target.getAttribute('role') === 'button')
  );
}

/**
 * One key handler for the whole window. Keys typed into a field stay in the field; with a
 * dialog open, the dialog has the keyboard (Esc closes it); otherwise the key map decides.
 */
export function useGlobalKeys(): void {
  useEffect(() => {
    function onKey(e: KeyboardEvent): void {
      if (e.defaultPrevented || e.isComposing) return;
      const combo = comboOf(e);
      if (!combo) return;
      const s = useStore.getState();
      const palette = s.keymap.palette.map(resolveMod);
      if (palette.includes(combo)) {
        e.preventDefault();
        if (s.overlay?.kind === 'palette') s.close();
        else s.open({ kind: 'palette' });
        return;
      }
      if (s.overlay) {
        if (combo === 'escape') {
          e.preventDefault();
          s.close();
        }
        return;
      }
      if (isEditable(e.target)) {
        if (combo === 'escape') (e.target as HTMLElement).blur();
        return;
      }
      // Space and Enter on a focused button or link press it, as everywhere else.
      if ((combo === 'space' || combo === 'enter') && isPressable(e.target)) return;
      const hit = s.keyIndex.get(combo);
      if (!hit) return;
      e.preventDefault();
      runAction(s, hit.action, hit.bulk);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

import { showCombo } from '../features/keyboard/keymap';

export function Kbd({ combo }: { combo: string }) {
  return <kbd>{showCombo(combo)}</kbd>;
}

import { describe, expect, it } from 'vitest';
import { ACTIONS, buildKeymap, comboOf, keyIndex } from '../../src/renderer/src/features/keyboard/keymap';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey', boolean>> = {}) =>
  comboOf({ key: k, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...mods });

describe('the default key map', () => {
  const index = keyIndex(buildKeymap({}));
  const action = (combo: string) => index.get(combo)?.action;

  it('is the map of DESIGN.md', () => {
    expect(action('j')).toBe('next');
    expect(action('k')).toBe('prev');
    expect(action('a')).toBe('approve');
    expect(action('r')).toBe('remove');
    expect(action('e')).toBe('escalate');
    expect(action('s')).toBe('spam');
    expect(action('f')).toBe('fake');
    expect(action('l')).toBe('label');
    expect(action('n')).toBe('note');
    expect(action('t')).toBe('reply');
    expect(action('c')).toBe('claim');
    expect(action('h')).toBe('handover');
    expect(action('x')).toBe('select');
    expect(action('u')).toBe('undo');
    expect(action('/')).toBe('search');
    expect(action('b')).toBe('blur');
    expect(action('?')).toBe('help');
  });

  it('binds Ctrl-Z and Ctrl-K (Cmd on a Mac) to undo and the palette', () => {
    expect(action('ctrl+z')).toBe('undo');
    expect(action('ctrl+k')).toBe('palette');
  });

  it('applies Shift + a bulk action to the selection, and only bulk actions', () => {
    for (const a of ['approve', 'remove', 'escalate', 'spam', 'fake', 'label', 'claim', 'handover']) {
      const primary = ACTIONS.find((d) => d.id === a)!.keys[0]!;
      expect(index.get(`shift+${primary}`)).toEqual({ action: a, bulk: true });
    }
    expect(index.get('shift+j')).toBeUndefined();
    expect(index.get('shift+n')).toBeUndefined();
  });

  it('gives no key to two actions', () => {
    const seen = new Map<string, string>();
    for (const [id, keys] of Object.entries(buildKeymap({}))) {
      for (const k of keys) {
        expect(seen.get(k), `${k} is bound twice`).toBeUndefined();
        seen.set(k, id);
      }
    }
  });
});

describe('rebinding', () => {
  it('replaces the primary key and keeps the others', () => {
    const map = buildKeymap({ undo: 'z' });
    expect(map.undo).toEqual(['z', 'mod+z']);
    expect(keyIndex(map).get('z')?.action).toBe('undo');
    expect(keyIndex(map).get('u')).toBeUndefined();
  });

  it('takes the key away from the action that had it', () => {
    const map = buildKeymap({ approve: 'j' });
    const index = keyIndex(map);
    expect(index.get('j')?.action).toBe('approve');
    expect(map.next).toEqual(['arrowdown']);
    expect(index.get('shift+j')).toEqual({ action: 'approve', bulk: true });
  });

  it('can unbind an action entirely', () => {
    const map = buildKeymap({ blur: '' });
    expect(map.blur).toEqual([]);
    expect(keyIndex(map).get('b')).toBeUndefined();
  });
});

describe('comboOf', () => {
  it('names letters in lower case, with Shift as a modifier', () => {
    expect(key('A', { shiftKey: true })).toBe('shift+a');
    expect(key('a')).toBe('a');
  });

  it('lets a symbol carry its own Shift', () => {
    expect(key('?', { shiftKey: true })).toBe('?');
  });

  it('orders modifiers and ignores lone modifier keys', () => {
    expect(key('k', { ctrlKey: true })).toBe('ctrl+k');
    expect(key('z', { metaKey: true, shiftKey: true })).toBe('meta+shift+z');
    expect(key('Shift', { shiftKey: true })).toBeNull();
    expect(key('Control', { ctrlKey: true })).toBeNull();
  });

  it('names keys with a name', () => {
    expect(key('ArrowDown')).toBe('arrowdown');
    expect(key('Escape')).toBe('escape');
    expect(key(' ')).toBe('space');
  });
});

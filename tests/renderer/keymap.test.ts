// The key map as data: defaults, rebinding, conflicts, and how a key event is named.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTIONS, buildKeymap, comboOf, isMac, keyIndex, resolveMod } from '../../src/renderer/src/features/keyboard/keymap';

type Mods = Partial<Record<'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey', boolean>>;

const key = (k: string, mods: Mods = {}) => comboOf({ key: k, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...mods });

describe('the default key map', () => {
  const index = keyIndex(buildKeymap({}));
  const action = (combo: string) => index.get(combo)?.action;

  it('is the default key map', () => {
    const expected: Record<string, string> = {
      j: 'next',
      k: 'prev',
      a: 'approve',
      r: 'remove',
      e: 'escalate',
      s: 'spam',
      f: 'fake',
      l: 'label',
      n: 'note',
      t: 'reply',
      c: 'claim',
      h: 'handover',
      x: 'select',
      u: 'undo',
      '/': 'search',
      b: 'blur',
      '?': 'help',
    };
    for (const [combo, id] of Object.entries(expected)) expect(action(combo), combo).toBe(id);
    for (const combo of Object.keys(expected)) expect(index.get(combo)?.bulk, combo).toBe(false);
  });

  it('binds mod+z and mod+k (Ctrl here, Cmd on a Mac) to undo and the palette', () => {
    expect(isMac).toBe(false);
    expect(buildKeymap({}).undo).toEqual(['u', 'mod+z']);
    expect(buildKeymap({}).palette).toEqual(['mod+k']);
    expect(action('ctrl+z')).toBe('undo');
    expect(action('ctrl+k')).toBe('palette');
    expect(action('meta+k')).toBeUndefined();
  });

  it('applies Shift + a bulk action to the selection, and only bulk actions', () => {
    for (const a of ['approve', 'remove', 'escalate', 'spam', 'fake', 'label', 'claim', 'handover']) {
      const primary = ACTIONS.find((d) => d.id === a)!.keys[0]!;
      expect(index.get(`shift+${primary}`)).toEqual({ action: a, bulk: true });
    }
    for (const k of ['j', 'k', 'n', 't', 'x', 'u', 'b']) expect(index.get(`shift+${k}`), k).toBeUndefined();
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

  it('leaves the defaults themselves untouched by rebinding', () => {
    buildKeymap({ approve: 'q', next: '' });
    expect(ACTIONS.find((a) => a.id === 'approve')!.keys).toEqual(['a']);
    expect(buildKeymap({}).next).toEqual(['j', 'arrowdown']);
  });
});

describe('rebinding', () => {
  it('replaces the primary key and keeps the others', () => {
    const map = buildKeymap({ undo: 'z' });
    expect(map.undo).toEqual(['z', 'mod+z']);
    expect(keyIndex(map).get('z')?.action).toBe('undo');
    expect(keyIndex(map).get('u')).toBeUndefined();
    expect(keyIndex(map).get('ctrl+z')?.action).toBe('undo');
  });

  it('moves the bulk variant along with the key', () => {
    const index = keyIndex(buildKeymap({ approve: 'y' }));
    expect(index.get('y')).toEqual({ action: 'approve', bulk: false });
    expect(index.get('shift+y')).toEqual({ action: 'approve', bulk: true });
    expect(index.get('a')).toBeUndefined();
    expect(index.get('shift+a')).toBeUndefined();
  });

  it('takes the key away from the action that had it', () => {
    const map = buildKeymap({ approve: 'j' });
    const index = keyIndex(map);
    expect(index.get('j')?.action).toBe('approve');
    expect(map.next).toEqual(['arrowdown']);
    expect(index.get('arrowdown')?.action).toBe('next');
    expect(index.get('shift+j')).toEqual({ action: 'approve', bulk: true });
  });

  it('takes a secondary key away too, in its mod+ spelling', () => {
    const map = buildKeymap({ palette: 'mod+z' });
    expect(map.undo).toEqual(['u']);
    expect(keyIndex(map).get('ctrl+z')?.action).toBe('palette');
    expect(keyIndex(map).get('ctrl+k')).toBeUndefined();
  });

  it('gives a key claimed by two rebindings to the one named last', () => {
    const map = buildKeymap({ approve: 'q', spam: 'q' });
    expect(map.spam).toEqual(['q']);
    expect(map.approve).toEqual([]);
    expect(keyIndex(map).get('q')?.action).toBe('spam');
  });

  it('lets a rebound key win over the Shift variant of a bulk action', () => {
    // Undo on Shift+A: pressing it must undo, not approve everything selected.
    const index = keyIndex(buildKeymap({ undo: 'shift+a' }));
    expect(index.get('shift+a')).toEqual({ action: 'undo', bulk: false });
    expect(index.get('a')).toEqual({ action: 'approve', bulk: false });
  });

  it('can unbind an action entirely', () => {
    const map = buildKeymap({ blur: '' });
    expect(map.blur).toEqual([]);
    expect(keyIndex(map).get('b')).toBeUndefined();
  });

  it('ignores overrides for actions that do not exist', () => {
    const map = buildKeymap({ launchMissiles: 'a' } as Record<string, string>);
    expect(Object.keys(map)).not.toContain('launchMissiles');
    expect(map.approve).toEqual(['a']);
  });
});

describe('comboOf', () => {
  it('names letters in lower case, with Shift as a modifier', () => {
    expect(key('A', { shiftKey: true })).toBe('shift+a');
    expect(key('a')).toBe('a');
    expect(key('7', { shiftKey: true })).toBe('shift+7');
  });

  it('lets a symbol carry its own Shift', () => {
    expect(key('?', { shiftKey: true })).toBe('?');
    expect(key('/')).toBe('/');
  });

  it('orders modifiers ctrl, alt, meta, shift and ignores lone modifier keys', () => {
    expect(key('k', { ctrlKey: true })).toBe('ctrl+k');
    expect(key('K', { ctrlKey: true, shiftKey: true })).toBe('ctrl+shift+k');
    expect(key('z', { metaKey: true, shiftKey: true })).toBe('meta+shift+z');
    expect(key('x', { shiftKey: true, metaKey: true, altKey: true, ctrlKey: true })).toBe('ctrl+alt+meta+shift+x');
    for (const lone of ['Shift', 'Control', 'Alt', 'Meta', 'Dead', '']) expect(key(lone, { shiftKey: true }), lone).toBeNull();
  });

  it('names keys with a name', () => {
    expect(key('ArrowDown')).toBe('arrowdown');
    expect(key('Escape')).toBe('escape');
    expect(key(' ')).toBe('space');
    // The space bar is not a symbol: Shift is a modifier of it (Shift+Space scrolls back up).
    expect(key(' ', { shiftKey: true })).toBe('shift+space');
    expect(key('Home', { shiftKey: true })).toBe('shift+home');
  });

  it('reads a real KeyboardEvent into the combo the index knows', () => {
    const index = keyIndex(buildKeymap({}));
    const hit = (init: KeyboardEventInit) => index.get(comboOf(new KeyboardEvent('keydown', init)) ?? '');
    expect(hit({ key: 'A', shiftKey: true })).toEqual({ action: 'approve', bulk: true });
    expect(hit({ key: 'z', ctrlKey: true })).toEqual({ action: 'undo', bulk: false });
    expect(hit({ key: 'k', ctrlKey: true })).toEqual({ action: 'palette', bulk: false });
    expect(hit({ key: '?', shiftKey: true })).toEqual({ action: 'help', bulk: false });
    expect(hit({ key: 'j', altKey: true })).toBeUndefined();
  });
});

describe('on a Mac', () => {
  const platform = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(navigator), 'platform');

  afterEach(() => {
    Reflect.deleteProperty(navigator, 'platform');
    vi.resetModules();
  });

  it('reads mod as Cmd', async () => {
    expect(platform).toBeDefined();
    Object.defineProperty(navigator, 'platform', { value: 'MacIntel', configurable: true });
    vi.resetModules();
    const mac = await import('../../src/renderer/src/features/keyboard/keymap');
    expect(mac.isMac).toBe(true);
    expect(mac.resolveMod('mod+k')).toBe('meta+k');
    const index = mac.keyIndex(mac.buildKeymap({}));
    expect(index.get('meta+z')?.action).toBe('undo');
    expect(index.get('meta+k')?.action).toBe('palette');
    expect(index.get('ctrl+k')).toBeUndefined();
    expect(mac.comboOf(new KeyboardEvent('keydown', { key: 'k', metaKey: true }))).toBe('meta+k');
  });

  it('is not assumed elsewhere', () => {
    expect(resolveMod('mod+k')).toBe('ctrl+k');
    expect(resolveMod('k')).toBe('k');
  });
});

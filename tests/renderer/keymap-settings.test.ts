// Rebinding from the store: the key map changes at once and is kept in core's settings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../src/renderer/src/store';
import { booted, bridgeCore, resetStore, type Bridge } from './helpers/core-bridge';

let bridge: Bridge;

beforeEach(() => {
  resetStore();
  bridge = bridgeCore({ items: 10 });
});

afterEach(async () => {
  await bridge.quiet();
  bridge.close();
});

const state = () => useStore.getState();
const stored = async () => (await bridge.direct<{ keymap: Record<string, string> }>('settings.get', {})).keymap;

describe('rebinding a key', () => {
  it('changes the map at once and is saved with the settings', async () => {
    await booted();
    const saved = state().rebind('approve', 'y');
    expect(state().keyIndex.get('y')?.action).toBe('approve');
    expect(await saved).toBeNull();
    expect(await stored()).toEqual({ approve: 'y' });
  });

  it('comes back on the next start', async () => {
    await bridge.direct('settings.set', { keymap: { approve: 'y', blur: '' } });
    await booted();
    expect(state().keymap.approve).toEqual(['y']);
    expect(state().keyIndex.get('shift+y')).toEqual({ action: 'approve', bulk: true });
    expect(state().keyIndex.get('b')).toBeUndefined();
  });

  it('forgets the override when the default key is chosen again', async () => {
    await booted();
    await state().rebind('approve', 'y');
    await state().rebind('approve', 'a');
    expect(state().keyOverrides).toEqual({});
    expect(await stored()).toEqual({});
    expect(state().keyIndex.get('a')?.action).toBe('approve');
  });

  it('gives a contested key to the action rebound last', async () => {
    await booted();
    await state().rebind('spam', 'q');
    await state().rebind('approve', 'j');
    await state().rebind('spam', 'j');
    expect(state().keyIndex.get('j')?.action).toBe('spam');
    expect(state().keymap.approve).toEqual([]);
    expect(state().keymap.next).toEqual(['arrowdown']);
    // The same outcome after a restart, from what was saved.
    const saved = await stored();
    resetStore();
    await booted();
    expect(state().keyOverrides).toEqual(saved);
    expect(state().keyIndex.get('j')?.action).toBe('spam');
  });

  it('goes back to the defaults', async () => {
    await booted();
    await state().rebind('undo', 'z');
    await state().resetKeymap();
    expect(state().keyIndex.get('u')?.action).toBe('undo');
    expect(state().keyIndex.get('z')).toBeUndefined();
    expect(await stored()).toEqual({});
  });

  it('says so when the key cannot be saved', async () => {
    await booted();
    bridge.disconnect();
    const error = await state().rebind('approve', 'y');
    expect(error).toMatch(/did not answer/);
    expect(state().toasts.some((t) => t.tone === 'error' && /could not be saved/.test(t.text))).toBe(true);
  });
});

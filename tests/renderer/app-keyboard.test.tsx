// The whole window rendered against a real core: keys drive it, and hostile text stays text.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { useStore } from '../../src/renderer/src/store';
import { bridgeCore, type Bridge } from './helpers/core-bridge';

const initial = useStore.getState();
let bridge: Bridge;

beforeEach(() => {
  useStore.setState(initial, true);
});

afterEach(async () => {
  cleanup();
  await useStore.getState().writesSettled();
  bridge.close();
});

function press(key: string, init: KeyboardEventInit = {}): void {
  act(() => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

const shownItem = () => screen.getByTestId('detail').getAttribute('data-item-id');

describe('the window, from the keyboard', () => {
  it('moves with j/k and shows the next item after a decision', async () => {
    bridge = bridgeCore({ items: 200 });
    render(<App />);
    await waitFor(() => expect(shownItem()).toMatch(/^\d+$/));
    const first = shownItem();
    press('j');
    const second = shownItem();
    expect(second).not.toBe(first);
    press('k');
    expect(shownItem()).toBe(first);
    press('a');
    // At once, in the same act: the row after it is shown.
    expect(shownItem()).toBe(second);
    await act(() => useStore.getState().writesSettled());
    const d = (await bridge.direct<{ item: { status: string } }>('item.detail', { itemId: Number(first) })).item;
    expect(d.status).toBe('approved');
    await waitFor(() => expect(screen.getByTestId('save-state').getAttribute('data-saving')).toBe('0'));
  });

  it('opens the key map with ? and closes it with Esc', async () => {
    bridge = bridgeCore({ items: 20 });
    render(<App />);
    await waitFor(() => expect(shownItem()).toMatch(/^\d+$/));
    press('?', { shiftKey: true });
    expect(screen.getByTestId('help')).toBeTruthy();
    press('Escape');
    expect(screen.queryByTestId('help')).toBeNull();
  });
});

describe('hostile content', () => {
  it('is shown as literal text and runs nothing', async () => {
    bridge = bridgeCore();
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script><b>bold</b>';
    const begin = await bridge.direct<{ importId: string }>('import.begin', { fileName: 'evil.ndjson' });
    const line = JSON.stringify({ type: 'item', platform: 'x', id: 'evil-1', kind: 'comment', text: evil, createdAt: '2026-11-20T10:00:00Z' });
    await bridge.direct('import.chunk', { importId: begin.importId, text: `${line}\n` });
    await bridge.direct('import.finish', { importId: begin.importId });

    render(<App />);
    await waitFor(() => expect(shownItem()).toMatch(/^\d+$/));
    const content = screen.getByTestId('content');
    expect(content.textContent).toContain(evil);
    expect(document.querySelector('[data-testid=detail] img, [data-testid=detail] script, [data-testid=detail] b')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

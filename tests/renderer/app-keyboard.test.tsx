// The whole window rendered against a real core, driven by the keyboard.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { useStore } from '../../src/renderer/src/store';
import { bridgeCore, resetStore, type Bridge, type Detail } from './helpers/core-bridge';

let bridge: Bridge;

beforeEach(() => {
  resetStore();
});

afterEach(async () => {
  cleanup();
  await bridge.quiet();
  bridge.close();
});

function press(key: string, init: KeyboardEventInit = {}, target: Window | Element = window): void {
  act(() => {
    fireEvent.keyDown(target, { key, ...init });
  });
}

const shownItem = () => screen.getByTestId('detail').getAttribute('data-item-id');
const status = async (id: string | null) => (await bridge.direct<Detail>('item.detail', { itemId: Number(id) })).item.status;

async function started(items: number): Promise<void> {
  bridge = bridgeCore({ items });
  render(<App />);
  await waitFor(() => expect(shownItem()).toMatch(/^\d+$/));
}

describe('the window, from the keyboard', () => {
  it('moves with j/k and shows the next item the moment a is pressed', async () => {
    await started(200);
    const first = shownItem();
    press('j');
    const second = shownItem();
    expect(second).not.toBe(first);
    expect(screen.getByTestId('position').textContent).toBe('2 of 200');
    press('k');
    expect(shownItem()).toBe(first);
    press('a');
    // In the same act, before core has answered: the item after it is shown.
    expect(shownItem()).toBe(second);
    expect(await status(first)).toBe('new');
    await act(() => useStore.getState().writesSettled());
    expect(await status(first)).toBe('approved');
    await waitFor(() => expect(screen.getByTestId('save-state').getAttribute('data-saving')).toBe('0'));
    expect(screen.getByTestId('position').textContent).toBe('1 of 199');
  });

  it('selects with x, decides the selection with Shift, and undoes it with u', async () => {
    await started(50);
    const first = shownItem();
    press('x');
    const second = shownItem();
    press('x');
    const third = shownItem();
    expect(screen.getByTestId('selection-count').textContent).toMatch(/^2 selected/);
    press('S', { shiftKey: true });
    await act(() => useStore.getState().writesSettled());
    expect(await status(first)).toBe('spam');
    expect(await status(second)).toBe('spam');
    expect(await status(third)).toBe('new');
    expect(shownItem()).toBe(third);
    expect(screen.queryByTestId('selection-count')).toBeNull();
    press('u');
    await act(() => useStore.getState().writesSettled());
    expect(await status(first)).toBe('new');
    expect(await status(second)).toBe('new');
    await waitFor(() => expect(shownItem()).toBe(first));
  });

  it('opens the key map with ? and closes it with Esc', async () => {
    await started(20);
    press('?', { shiftKey: true });
    expect(screen.getByTestId('help')).toBeTruthy();
    // With a dialog open the keys are the dialog's: j does not move the list behind it.
    const shown = shownItem();
    press('j');
    expect(shownItem()).toBe(shown);
    press('Escape');
    expect(screen.queryByTestId('help')).toBeNull();
  });

  it('leaves keys typed into the search box to the search box', async () => {
    await started(20);
    const shown = shownItem();
    press('/');
    const search = screen.getByTestId('search');
    expect(document.activeElement).toBe(search);
    press('a', {}, search);
    press('j', {}, search);
    await act(() => useStore.getState().writesSettled());
    expect(shownItem()).toBe(shown);
    expect(await status(shown)).toBe('new');
    expect(bridge.calls).not.toContain('decision.apply');
  });

  it('uses a key rebound in the key map', async () => {
    await started(20);
    const first = shownItem();
    press('?', { shiftKey: true });
    act(() => {
      fireEvent.click(screen.getByTestId('rebind-approve'));
    });
    press('y');
    await waitFor(() => expect(useStore.getState().keyIndex.get('y')?.action).toBe('approve'));
    press('Escape');
    press('a');
    expect(shownItem()).toBe(first);
    press('y');
    expect(shownItem()).not.toBe(first);
    await act(() => useStore.getState().writesSettled());
    expect(await status(first)).toBe('approved');
  });
});

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

  it('filters as you type, keeps the keyboard in the search after Enter, and gives it back with ↓', async () => {
    await started(20);
    const total = () => Number(screen.getByTestId('queue-list').getAttribute('data-total'));
    expect(total()).toBe(20);
    const shown = shownItem();
    press('/');
    const search = screen.getByTestId('search') as HTMLInputElement;
    // Typed, never submitted: the queue follows once typing pauses.
    act(() => {
      fireEvent.change(search, { target: { value: 'no such words anywhere' } });
    });
    await waitFor(() => expect(total()).toBe(0));
    expect(document.activeElement).toBe(search);
    // Enter searches at once and the field keeps the keyboard: what follows is typing, not decisions.
    act(() => {
      fireEvent.change(search, { target: { value: '' } });
    });
    act(() => {
      fireEvent.submit(search.form!);
    });
    await waitFor(() => expect(total()).toBe(20));
    expect(document.activeElement).toBe(search);
    for (const key of ['o', 'r', 'e', 'a']) press(key, {}, search);
    await act(() => useStore.getState().writesSettled());
    expect(bridge.calls).not.toContain('decision.apply');
    expect(bridge.calls).not.toContain('case.claim');
    // ↓ hands the keyboard back to the list, and then a key decides.
    press('ArrowDown', {}, search);
    expect(document.activeElement).not.toBe(search);
    press('a');
    await act(() => useStore.getState().writesSettled());
    expect(await status(shown)).toBe('approved');
  });

  it('Esc in the search clears it and gives the keyboard back', async () => {
    await started(20);
    const total = () => Number(screen.getByTestId('queue-list').getAttribute('data-total'));
    press('/');
    const search = screen.getByTestId('search') as HTMLInputElement;
    act(() => {
      fireEvent.change(search, { target: { value: 'no such words anywhere' } });
    });
    await waitFor(() => expect(total()).toBe(0));
    press('Escape', {}, search);
    await waitFor(() => expect(total()).toBe(20));
    expect(search.value).toBe('');
    expect(document.activeElement).not.toBe(search);
    // The blur that Esc causes does not bring the cleared text back once the wait is over.
    await new Promise((r) => setTimeout(r, 400));
    expect(total()).toBe(20);
  });

  it('uses a key rebound in the key map', async () => {
    await started(20);
    const first = shownItem();
    press('?', { shiftKey: true });
    act(() => {
      fireEvent.click(screen.getByTestId('rebind-approve'));
    });
    press('z');
    await waitFor(() => expect(useStore.getState().keyIndex.get('z')?.action).toBe('approve'));
    press('Escape');
    press('a');
    expect(shownItem()).toBe(first);
    press('z');
    expect(shownItem()).not.toBe(first);
    await act(() => useStore.getState().writesSettled());
    expect(await status(first)).toBe('approved');
  });

  it('keeps Tab inside a dialog and gives focus back where it was when the dialog closes', async () => {
    await started(5);
    const before = document.activeElement;
    press('?', { shiftKey: true });
    const help = screen.getByTestId('help');
    const buttons = [...help.querySelectorAll<HTMLElement>('button')];
    const first = buttons[0]!;
    const last = buttons[buttons.length - 1]!;
    act(() => last.focus());
    press('Tab', {}, last);
    expect(document.activeElement).toBe(first);
    press('Tab', { shiftKey: true }, first);
    expect(document.activeElement).toBe(last);
    // From the dialog itself (where it starts), Shift+Tab goes round to the last control too.
    act(() => help.focus());
    press('Tab', { shiftKey: true }, help);
    expect(document.activeElement).toBe(last);
    press('Escape');
    expect(screen.queryByTestId('help')).toBeNull();
    expect(document.activeElement).toBe(before);
  });

  it('opens the key map with no control focused, so Enter then a key changes nothing', async () => {
    await started(5);
    press('?', { shiftKey: true });
    const help = screen.getByTestId('help');
    expect(document.activeElement).toBe(help);
    press('Enter', {}, help);
    press('a', {}, help);
    expect(screen.queryByText(/press a key/)).toBeNull();
    expect(useStore.getState().keyIndex.get('a')?.action).toBe('approve');
    expect(useStore.getState().keyIndex.get('j')?.action).toBe('next');
    expect(bridge.calls).not.toContain('settings.set');
  });

  it("asks before taking another action's key: Esc keeps it, Enter moves it and says so", async () => {
    await started(5);
    press('?', { shiftKey: true });
    act(() => {
      fireEvent.click(screen.getByTestId('rebind-next'));
    });
    press('a');
    expect(screen.getByTestId('rebind-confirm').textContent).toMatch(
      /is Approve's key\. Enter gives it to Next item and leaves Approve without a key; Esc keeps it\./,
    );
    press('Escape');
    expect(screen.queryByTestId('rebind-confirm')).toBeNull();
    // Esc ended the change, not the dialog.
    expect(screen.getByTestId('help')).toBeTruthy();
    expect(useStore.getState().keyIndex.get('a')?.action).toBe('approve');
    expect(bridge.calls).not.toContain('settings.set');

    act(() => {
      fireEvent.click(screen.getByTestId('rebind-next'));
    });
    press('a');
    press('Enter');
    await waitFor(() => expect(useStore.getState().keyIndex.get('a')?.action).toBe('next'));
    expect(useStore.getState().keymap.approve).toEqual([]);
    expect(screen.getByTestId('key-approve').textContent).toContain('unbound');
    await waitFor(() => expect(screen.getByText('Next item is now a')).toBeTruthy());
  });
});

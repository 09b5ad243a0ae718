// Imported content is hostile: whatever it says, it is shown as text and runs nothing.
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { useStore } from '../../src/renderer/src/store';
import { bridgeEachTest } from './helpers/rendered-bridge';

const EVIL = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
const pwned = () => (window as unknown as { __pwned?: number }).__pwned;

const bridge = bridgeEachTest();

const shownItem = () => screen.getByTestId('detail').getAttribute('data-item-id');

describe('hostile content', () => {
  it('is shown as literal text and runs nothing', async () => {
    const report = await bridge().importRecords([
      { type: 'account', platform: 'x', id: 'evil-author', handle: 'mallory', name: `Mallory ${EVIL}`, bio: EVIL },
      {
        type: 'item',
        platform: 'x',
        id: 'evil-1',
        kind: 'comment',
        author: 'evil-author',
        text: EVIL,
        target: `<b>${EVIL}</b>`,
        createdAt: '2026-11-20T10:00:00Z',
      },
    ]);
    expect(report.errors).toEqual([]);

    render(<App />);
    await waitFor(() => expect(shownItem()).toMatch(/^\d+$/));
    const content = screen.getByTestId('content');
    expect(content.textContent).toBe(EVIL);
    expect(content.children).toHaveLength(0);
    // The author card and the rest of the details arrive a frame later, from item.detail.
    await waitFor(() => expect(screen.getByTestId('author-card')).toBeTruthy());
    const detail = screen.getByTestId('detail');
    expect(detail.textContent).toContain(`Mallory ${EVIL}`);
    expect(detail.textContent).toContain(`<b>${EVIL}</b>`);
    expect(detail.querySelector('.bio')!.textContent).toBe(EVIL);
    expect(document.querySelector('img, script, b')).toBeNull();
    expect(document.querySelector('[onerror]')).toBeNull();
    expect(pwned()).toBeUndefined();
  });

  it('stays text after a decision brings it into view', async () => {
    await bridge().importRecords(
      ['plain-1', 'evil-2'].map((id, i) => ({
        type: 'item',
        platform: 'x',
        id,
        kind: 'comment',
        text: id === 'evil-2' ? EVIL : 'a harmless comment',
        createdAt: `2026-11-2${i}T10:00:00Z`,
      })),
    );
    const { rows } = await bridge().direct<{ rows: { text: string }[] }>('queue.page', { filter: {}, offset: 0, limit: 10 });
    // Core puts the hostile item second: it becomes current through a decision on the first.
    expect(rows.map((r) => r.text)).toEqual(['a harmless comment', EVIL]);
    render(<App />);
    await waitFor(() => expect(shownItem()).toMatch(/^\d+$/));
    expect(screen.getByTestId('content').textContent).toBe('a harmless comment');
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true }));
    });
    expect(screen.getByTestId('content').textContent).toBe(EVIL);
    await act(() => useStore.getState().writesSettled());
    expect(document.querySelector('img, script')).toBeNull();
    expect(pwned()).toBeUndefined();
  });

  it('stays text in the detection panel and in a campaign’s examples', async () => {
    const wave = `Win a free phone today, claim it at prize dot example before midnight ${EVIL}`;
    await bridge().importRecords(
      Array.from({ length: 6 }, (_, i) => ({
        type: 'item',
        platform: 'x',
        id: `wave-${i}`,
        kind: 'comment',
        author: `bot${i}`,
        text: wave,
        target: 'v1',
        createdAt: `2026-11-20T10:0${i}:00Z`,
      })),
    );
    render(<App />);
    // The app scores what waits at start, then the item shows its campaign.
    await waitFor(() => expect(screen.getByTestId('campaign')).toBeTruthy(), { timeout: 5000 });
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'w', bubbles: true, cancelable: true }));
    });
    const examples = await screen.findByTestId('campaign-examples');
    expect(examples.textContent).toBe(wave);
    expect(document.querySelector('img, script')).toBeNull();
    expect(pwned()).toBeUndefined();
  });
});

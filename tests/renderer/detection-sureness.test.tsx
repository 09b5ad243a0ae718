// Every score in the item pane's detection says how sure it is, in words (never only by colour),
// and a long-standing author's low-star review is not called out for being the only one this
// workstation holds. Rendered against a real core, scored as the app scores at start.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { sureWords, UnsureMark } from '../../src/renderer/src/features/detection/SureNote';
import { useStore } from '../../src/renderer/src/store';
import type { ItemDetail, QueueRow } from '../../src/shared/model';
import { bridgeEachTest } from './helpers/rendered-bridge';

const bridge = bridgeEachTest();
const YEAR = 365 * 86_400_000;
const NOW = Date.now();
const EVIL = '<img src=x onerror="window.__pwned=1">';

function records(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [
    {
      type: 'account',
      platform: 'hotels',
      id: 'veteran',
      handle: 'veteran',
      name: 'Vera',
      createdAt: NOW - 9 * YEAR,
      followers: 310,
      following: 180,
      posts: 8250,
      likes: 4100,
      listed: 6,
      bio: 'Travels for work.',
    },
    {
      type: 'account',
      platform: 'x',
      id: 'fresh',
      handle: `fresh${EVIL}`,
      createdAt: NOW - 3 * 86_400_000,
      followers: 2,
      following: 900,
      posts: 1,
      likes: 0,
      listed: 0,
      defaultAvatar: true,
      defaultProfile: true,
    },
  ];
  // Others rate the hotel well.
  for (let i = 0; i < 6; i++) {
    out.push({
      type: 'account',
      platform: 'hotels',
      id: `guest${i}`,
      handle: `guest${i}`,
      createdAt: NOW - 3 * YEAR,
      followers: 120,
      posts: 400,
    });
    out.push({
      type: 'item',
      platform: 'hotels',
      id: `ok-${i}`,
      kind: 'review',
      author: `guest${i}`,
      target: 'Hotel Lumen',
      rating: i % 2 ? 4 : 5,
      text: 'Good stay, quiet room.',
      createdAt: new Date(NOW - (i + 2) * 86_400_000).toISOString(),
    });
  }
  out.push({
    type: 'item',
    platform: 'hotels',
    id: 'complaint',
    kind: 'review',
    author: 'veteran',
    target: 'Hotel Lumen',
    rating: 1,
    text: 'Zebrafish tank in the lobby was the only nice thing; the heating failed both nights and nobody came.',
    createdAt: new Date(NOW - 86_400_000).toISOString(),
  });
  out.push({
    type: 'item',
    platform: 'x',
    id: 'promo',
    kind: 'comment',
    author: 'fresh',
    target: 'v1',
    text: `Quokka giveaway!! check out my channel http://spam.example/win ${EVIL}`,
    createdAt: new Date(NOW - 3_600_000).toISOString(),
  });
  return out;
}

async function shown(search: string): Promise<HTMLElement> {
  act(() => useStore.getState().setFilter({ search }));
  await waitFor(() => expect(screen.getByTestId('content').textContent).toMatch(new RegExp(search, 'i')));
  return waitFor(() => {
    const d = screen.getByTestId('detection');
    expect(within(d).getAllByTestId('sure').length).toBeGreaterThan(0);
    return d;
  });
}

describe('how sure each score is, in the item pane', () => {
  it('says it beside every score, as text; an established author’s complaint is low, unsure, and not called the only review', async () => {
    expect((await bridge().importRecords(records())).errors).toEqual([]);
    render(<App />);
    await waitFor(() => expect(screen.getByTestId('detail').getAttribute('data-item-id')).toMatch(/^\d+$/));
    // The app scores what waits at start; wait until nothing does.
    await waitFor(
      async () => {
        const { rows } = await bridge().direct<{ rows: QueueRow[] }>('queue.page', {
          filter: { search: 'zebrafish' },
          offset: 0,
          limit: 5,
        });
        const detail = await bridge().direct<ItemDetail>('item.detail', { itemId: rows[0]!.id });
        expect(detail.detection?.review?.sure).toBeTruthy();
      },
      { timeout: 5000 },
    );

    const review = await shown('zebrafish');
    const fakeReview = within(review).getByTestId('verdict-Fake review');
    const score = Number(within(fakeReview).getByTestId('score').textContent);
    expect(score).toBeLessThan(30);
    expect(fakeReview.textContent).not.toMatch(/only review/);
    expect(within(fakeReview).getByTestId('sure').textContent).toMatch(/^ · not sure: /);
    const author = within(review).getByTestId('verdict-Fake author');
    expect(Number(within(author).getByTestId('score').textContent)).toBeLessThan(10);
    expect(within(author).getByTestId('sure').textContent).toMatch(/^ · (sure|fairly sure): /);
    // Every score shown carries its words.
    for (const v of within(review)
      .getAllByRole('listitem')
      .filter((li) => li.dataset.testid?.startsWith('verdict-'))) {
      expect(within(v).getByTestId('sure').textContent).toMatch(/ · (not sure|fairly sure|sure): \S/);
    }

    const promo = await shown('quokka');
    const spam = within(promo).getByTestId('verdict-Spam');
    expect(Number(within(spam).getByTestId('score').textContent)).toBeGreaterThanOrEqual(90);
    expect(within(spam).getByTestId('sure').textContent).toMatch(/^ · sure: \d signals agree$/);
    expect(within(promo).getByTestId('verdict-Fake author').textContent).toMatch(/ · sure: \d signals agree/);
    // Hostile content in the reasons stays text.
    expect(promo.textContent).toContain('links out (http://spam.example/win');
    expect(document.querySelector('[data-testid="detail"] img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();

    // The queue row knows how sure its score is, and marks it only when not sure.
    const { rows } = await bridge().direct<{ rows: QueueRow[] }>('queue.page', { filter: { search: 'quokka' }, offset: 0, limit: 5 });
    expect(rows[0]!.riskSure).toBe('high');
    expect(screen.queryAllByTestId('unsure-mark')).toEqual([]);
  });
});

describe('the queue row’s mark', () => {
  it('marks only a score that is not sure, with words for a screen reader, not a colour', () => {
    const { rerender } = render(<UnsureMark level="low" />);
    const mark = screen.getByRole('img', { name: 'not sure' });
    expect(mark.textContent).toBe('?');
    expect(mark.getAttribute('title')).toMatch(/^Not sure: /);
    for (const level of ['medium', 'high', null, undefined] as const) {
      rerender(<UnsureMark level={level} />);
      expect(screen.queryByTestId('unsure-mark')).toBeNull();
    }
  });

  it('says so when a score kept from before has no sureness yet', () => {
    expect(sureWords(undefined)).toBe('how sure: not known until it is scored again');
    expect(sureWords({ level: 'medium', basis: 'one strong signal' })).toBe('fairly sure: one strong signal');
  });
});

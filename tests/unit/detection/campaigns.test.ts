import { describe, expect, it } from 'vitest';
import { findCampaigns, type Post } from '../../../src/core/detection/campaigns';

const T0 = Date.UTC(2026, 9, 1, 12);
const MIN = 60_000;
const DAY = 86_400_000;

const wave = 'Best headphones ever, I got mine at half price from the link in my profile, hurry up';
const generic = 'Thank you so much for the quick answer, that solved my problem completely';

function posts(): Post[] {
  const out: Post[] = [];
  let id = 1;
  // A wave: 12 accounts within 20 minutes, with small edits.
  for (let k = 0; k < 12; k++)
    out.push({ itemId: id++, accountId: 100 + k, text: k % 3 ? wave : `${wave}!!`, createdAt: T0 + k * 100_000 });
  // The same grateful sentence from 15 people over six weeks.
  for (let k = 0; k < 15; k++) out.push({ itemId: id++, accountId: 200 + k, text: generic, createdAt: T0 + k * 3 * DAY });
  // One account repeating itself in a burst: not coordination between accounts.
  for (let k = 0; k < 8; k++)
    out.push({
      itemId: id++,
      accountId: 300,
      text: 'Subscribe to my channel for daily videos about cooking and travel',
      createdAt: T0 + k * MIN,
    });
  // Unrelated texts.
  out.push({ itemId: id++, accountId: 400, text: 'My order never arrived and nobody answers the phone at the store', createdAt: T0 });
  return out;
}

describe('campaigns', () => {
  it('finds the burst from many accounts, with its members, span and reasons', () => {
    const found = findCampaigns(posts());
    expect(found).toHaveLength(1);
    const c = found[0]!;
    expect(c.items).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
    expect(c.accounts.sort()).toEqual(Array.from({ length: 12 }, (_, k) => 100 + k));
    expect(c.end - c.start).toBe(11 * 100_000);
    expect(c.reasons[0]).toBe('12 posts with the same or nearly the same text from 12 accounts');
    expect(c.reasons[1]).toBe('all within 18 minutes');
    expect(c.score).toBeGreaterThan(0.9);
    expect(c.examples).toContain(wave);
  });

  it('does not call a phrase said independently over weeks a campaign', () => {
    const generic15 = posts().filter((p) => p.accountId !== null && p.accountId >= 200 && p.accountId < 300);
    expect(findCampaigns(generic15)).toEqual([]);
    // Squeezed into one afternoon, the same posts are one.
    expect(findCampaigns(generic15.map((p, k) => ({ ...p, createdAt: T0 + k * 5 * MIN })))).toHaveLength(1);
  });

  it('splits one text used in two separate bursts into two campaigns', () => {
    const two: Post[] = [];
    for (let k = 0; k < 6; k++) two.push({ itemId: k, accountId: k, text: wave, createdAt: T0 + k * MIN });
    for (let k = 0; k < 6; k++) two.push({ itemId: 10 + k, accountId: 10 + k, text: wave, createdAt: T0 + 5 * DAY + k * MIN });
    const found = findCampaigns(two);
    expect(found.map((c) => c.items.length)).toEqual([6, 6]);
  });
});

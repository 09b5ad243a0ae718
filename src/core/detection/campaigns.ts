// Coordination: the same (or nearly the same) text from many accounts within a short span.
// A phrase that many people say on their own ("Thank you so much, this helped a lot") is
// spread over weeks; a campaign arrives in a burst. So near-duplicate groups are cut where
// the posting times leave a gap, and only bursts from enough distinct accounts count.
import { nearDuplicateGroups } from './minhash';
import { fmt, sigmoid } from './reasons';

export interface Post {
  itemId: number;
  accountId: number | null;
  text: string;
  /** Epoch ms. */
  createdAt: number | null;
}

export interface Campaign {
  kind: 'near-duplicate';
  items: number[];
  accounts: number[];
  start: number;
  end: number;
  score: number;
  reasons: string[];
  examples: string[];
}

export interface CampaignOptions {
  /** Distinct accounts a burst needs. */
  minAccounts?: number;
  /** A gap longer than this between two consecutive posts ends a burst. */
  maxGapMs?: number;
  threshold?: number;
}

const MINUTE = 60_000;

function span(ms: number): string {
  if (ms < 90 * MINUTE) return `${fmt(Math.max(1, ms / MINUTE))} minutes`;
  if (ms < 48 * 60 * MINUTE) return `${fmt(ms / (60 * MINUTE))} hours`;
  return `${fmt(ms / (24 * 60 * MINUTE))} days`;
}

export function findCampaigns(posts: readonly Post[], opts: CampaignOptions = {}): Campaign[] {
  const minAccounts = opts.minAccounts ?? 5;
  const maxGap = opts.maxGapMs ?? 6 * 60 * MINUTE;
  const dated = posts.filter((p) => p.createdAt !== null);
  const groups = nearDuplicateGroups(dated.map((p) => p.text), opts.threshold ?? 0.5, minAccounts);
  const out: Campaign[] = [];
  for (const g of groups) {
    const members = g.map((i) => dated[i]!).sort((a, b) => a.createdAt! - b.createdAt!);
    let burst: Post[] = [];
    const close = () => {
      const accounts = [...new Set(burst.map((p) => p.accountId).filter((a): a is number => a !== null))];
      if (accounts.length >= minAccounts) out.push(campaignOf(burst, accounts));
      burst = [];
    };
    for (const p of members) {
      if (burst.length && p.createdAt! - burst[burst.length - 1]!.createdAt! > maxGap) close();
      burst.push(p);
    }
    close();
  }
  return out.sort((a, b) => b.score - a.score || b.items.length - a.items.length);
}

function campaignOf(burst: readonly Post[], accounts: number[]): Campaign {
  const start = burst[0]!.createdAt!;
  const end = burst[burst.length - 1]!.createdAt!;
  const minutes = Math.max(1, (end - start) / MINUTE);
  const examples = [...new Set(burst.map((p) => p.text))].slice(0, 3);
  // More accounts and a tighter burst: surer.
  const score = sigmoid(1.5 * Math.log(accounts.length / 4) + 1.2 * Math.log(360 / minutes));
  return {
    kind: 'near-duplicate',
    items: burst.map((p) => p.itemId),
    accounts,
    start,
    end,
    score,
    reasons: [
      `${fmt(burst.length)} posts with the same or nearly the same text from ${fmt(accounts.length)} accounts`,
      `all within ${span(end - start)}`,
    ],
    examples,
  };
}

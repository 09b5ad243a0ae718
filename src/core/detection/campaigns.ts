// Coordination: the same (or nearly the same) text from many accounts within a short span.
// A phrase that many people say on their own ("Thank you so much, this helped a lot") is
// spread over weeks; a campaign arrives in a burst. So near-duplicate groups are cut where
// the posting times leave a gap, and only bursts from enough distinct accounts count.
import { nearDuplicateGroups } from './minhash';
import type { Sureness } from '../../shared/model';
import { fmt, sigmoid } from './reasons';

export interface Post {
  itemId: number;
  accountId: number | null;
  text: string;
  /** Epoch ms. */
  createdAt: number | null;
  /** What it is about (a video, a hotel): bursts are looked for per target. */
  target?: string | null;
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
  if (ms < 1.5 * MINUTE) return 'a minute';
  if (ms < 90 * MINUTE) return `${fmt(ms / MINUTE)} minutes`;
  if (ms < 48 * 60 * MINUTE) return `${fmt(ms / (60 * MINUTE))} hours`;
  return `${fmt(ms / (24 * 60 * MINUTE))} days`;
}

/** Windows within which a burst is looked for: a spam wave takes minutes, a paid review drive hours. */
const WINDOWS_MS = [60 * MINUTE, 3 * 60 * MINUTE, 6 * 60 * MINUTE];
/** A phrase people use on their own is assumed to spread over at least this long. */
const MIN_BACKGROUND_MS = 7 * 24 * 60 * MINUTE;
/** A burst holds at least this many times the text's own background rate… */
const BURST_FACTOR = 2;
/**
 * …and more than chance would put in any window of the background at this level (per text and
 * target). Shared out over the disjoint windows only, while every post's own window is tried,
 * at three widths and in several rounds: the real rate of false alarms is some tens of times
 * this, so it is set low. At 1e-3 a genuine "Thank you so much for this video" (117 posts over
 * two weeks on one video, nine of them in three hours by chance) became a campaign about once
 * in thirty seeded workloads; at 1e-5 none did, and campaign recall fell from ~0.995 to ~0.98.
 */
const FALSE_ALARM = 1e-5;

/**
 * The fewest posts a window must hold to be a burst when `lambda` are expected in it and
 * `windows` such windows fit in the background: the Poisson tail, shared out over all the
 * windows, must fall below FALSE_ALARM. (For large expectations, six standard deviations.)
 */
export function burstNeed(lambda: number, windows: number, minAccounts: number): number {
  const alpha = FALSE_ALARM / Math.max(1, windows);
  let k: number;
  if (lambda > 50) k = Math.ceil(lambda + 6 * Math.sqrt(lambda)) + 1;
  else {
    // P(X >= k) = 1 - sum_{i<k} pmf(i), pmf by recurrence.
    let pmf = Math.exp(-lambda);
    let cdf = pmf;
    k = 1;
    while (1 - cdf > alpha && k < 1000) {
      pmf *= lambda / k;
      cdf += pmf;
      k++;
    }
  }
  return Math.max(minAccounts, k, Math.ceil(BURST_FACTOR * lambda) + 2);
}
const ROUNDS = 4;

/**
 * Cuts one near-duplicate group (posts sorted by time) into bursts. A post is in a burst when
 * some window around it holds more of the group than chance would put in any window at the
 * group's background rate (burstNeed), and at least `minAccounts`: a sentence that thousands
 * of people say every week never bursts, a wave of a few dozen copies in minutes always does. The
 * background is the rate of the posts outside bursts, found in a few rounds, so that a group
 * made of many drives (one brief reused for weeks) does not hide each drive in its own
 * average. Bursty posts closer than `maxGapMs` to each other form one burst.
 */
export function burstsOf<P>(
  sorted: readonly P[],
  timeOf: (p: P) => number,
  minAccounts = 5,
  maxGapMs = 6 * 60 * MINUTE,
  /** The whole cluster's size and span, when `sorted` is only the part of it around new posts. */
  whole?: { count: number; spanMs: number },
): P[][] {
  const n = sorted.length;
  if (n < minAccounts) return [];
  const t = sorted.map(timeOf);
  const background = Math.max(MIN_BACKGROUND_MS, whole ? whole.spanMs : t[n - 1]! - t[0]!);
  const dense = new Uint8Array(n);
  const total = whole ? Math.max(n, whole.count) : n;
  let quiet = total;
  for (let round = 0; round < ROUNDS; round++) {
    let changed = false;
    for (const w of WINDOWS_MS) {
      const need = burstNeed((quiet * w) / background, background / w, minAccounts);
      // Two pointers: posts within w/2 either side of each post.
      let lo = 0;
      let hi = 0;
      for (let i = 0; i < n; i++) {
        while (t[lo]! < t[i]! - w / 2) lo++;
        while (hi < n && t[hi]! <= t[i]! + w / 2) hi++;
        if (!dense[i] && hi - lo >= need) {
          dense[i] = 1;
          changed = true;
        }
      }
    }
    if (!changed) break;
    quiet = Math.max(
      1,
      dense.reduce((q, d) => q - d, total),
    );
  }
  const out: P[][] = [];
  let run: P[] = [];
  let last = 0;
  for (let i = 0; i < n; i++) {
    if (!dense[i]) continue;
    if (run.length && t[i]! - t[last]! > maxGapMs) {
      out.push(run);
      run = [];
    }
    run.push(sorted[i]!);
    last = i;
  }
  if (run.length) out.push(run);
  return out;
}

export function findCampaigns(posts: readonly Post[], opts: CampaignOptions = {}): Campaign[] {
  const minAccounts = opts.minAccounts ?? 5;
  const dated = posts.filter((p) => p.createdAt !== null);
  const groups = nearDuplicateGroups(
    dated.map((p) => p.text),
    opts.threshold ?? 0.5,
    minAccounts,
  );
  const out: Campaign[] = [];
  for (const g of groups) {
    const byTarget = new Map<string, Post[]>();
    for (const i of g) {
      const p = dated[i]!;
      const key = p.target ?? '';
      byTarget.set(key, [...(byTarget.get(key) ?? []), p]);
    }
    for (const members of byTarget.values()) {
      members.sort((a, b) => a.createdAt! - b.createdAt!);
      for (const burst of burstsOf(members, (p) => p.createdAt!, minAccounts, opts.maxGapMs)) {
        const c = campaignOf(burst, minAccounts);
        if (c) out.push(c);
      }
    }
  }
  return out.sort((a, b) => b.score - a.score || b.items.length - a.items.length);
}

/** A burst as a campaign, when enough distinct accounts took part. */
export function campaignOf(burst: readonly Post[], minAccounts = 5): Campaign | null {
  const accounts = [...new Set(burst.map((p) => p.accountId).filter((a): a is number => a !== null))];
  if (accounts.length < minAccounts) return null;
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

/**
 * How sure a campaign is. It exists only once a burst beat chance (burstNeed), so it is never
 * a bare guess; beyond that, three independent signs each add to it: many accounts (twice the
 * fewest a burst needs), a tight burst (within an hour), and the same accounts bursting about
 * other targets too. None of them: few accounts spread over hours, which people sometimes do
 * on their own.
 */
export function campaignSure(accounts: number, spanMs: number, linkedBursts: number, minAccounts = 5): Sureness {
  const signs = [
    accounts >= 2 * minAccounts ? `${fmt(accounts)} accounts` : null,
    spanMs <= 60 * MINUTE ? `within ${span(spanMs)}` : null,
    linkedBursts > 0 ? 'the same accounts burst elsewhere' : null,
  ].filter((x): x is string => x !== null);
  if (!signs.length) return { level: 'low', basis: `only ${fmt(accounts)} accounts, over ${span(spanMs)}` };
  return { level: signs.length >= 2 ? 'high' : 'medium', basis: `a burst beyond chance: ${signs.join(', ')}` };
}

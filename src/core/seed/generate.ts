import type { AccountRecord, FollowRecord, InterchangeRecord, ItemRecord } from '../../shared/records';
import * as P from './phrases';
import { Random } from './random';

export interface WorkloadOptions {
  items: number;
  seed?: number | undefined;
  /** The moment the workload is generated "at"; items spread over the days before it. */
  now?: number | undefined;
  days?: number | undefined;
  /**
   * 'spread' (the default): arrivals spread evenly over `days`, the history benchmarks and
   * detection need. 'live': the queue a team finds when it starts: most items arrived within
   * the last LIVE_WINDOW, inside the default first response (1 business hour, and business
   * time never runs faster than the clock), a few wait from the days before, and campaigns
   * and follow-ups end by now. What a newcomer sees.
   */
  arrivals?: 'spread' | 'live' | undefined;
}

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Live arrivals: most within this much before now, ... */
export const LIVE_WINDOW = 45 * MINUTE;
/** ... and this share of them earlier, over the days before (more of them recent). */
export const LIVE_BACKLOG = 0.04;

/**
 * A realistic, reproducible moderation workload: brand mentions (questions, complaints,
 * compliments) with reply threads, product and hotel reviews (genuine, paid praise and
 * attack bursts), video comments with spam waves posted word for word by many accounts, and
 * bought-follower accounts next to genuine ones, with follow edges for follower audits.
 * Yields accounts before the items and follows that refer to them. Exactly `items` items.
 */
export function* generateWorkload(opts: WorkloadOptions): Generator<InterchangeRecord> {
  const rnd = new Random(opts.seed ?? 1);
  const now = opts.now ?? Date.now();
  const span = (opts.days ?? 14) * DAY;
  const total = opts.items;

  // --- accounts -------------------------------------------------------------------------
  const genuine: AccountRecord[] = [];
  const fake: AccountRecord[] = [];
  const influencers: AccountRecord[] = [];
  const brand: AccountRecord[] = P.BRAND_HANDLES.map((h, i) => ({
    ...account('x', `brand-${i}`, h, `${P.BRAND}${i ? ' Help' : ''}`),
    createdAt: now - 9 * 365 * DAY,
    followers: i ? 84_000 : 1_250_000,
    following: 310,
    posts: 48_000,
    verified: true,
    bio: i ? `Official support of ${P.BRAND}. We answer 8:00–20:00 CET.` : `Official ${P.BRAND} account.`,
  }));
  const nGenuine = Math.max(40, Math.round(total * 0.3));
  const nFake = Math.max(30, Math.round(total * 0.12));
  const nInfluencers = Math.max(3, Math.round(total / 2500));

  for (let i = 0; i < nGenuine; i++) {
    const first = rnd.pick(P.FIRST_NAMES);
    const last = rnd.pick(P.LAST_NAMES);
    const followers = rnd.logNormal(280, 1.3);
    genuine.push({
      ...account('x', `u${i}`, `${first}${last}${rnd.int(1, 999)}`.toLowerCase(), `${first} ${last}`),
      createdAt: now - rnd.int(200, 4500) * DAY,
      followers,
      following: Math.max(5, rnd.logNormal(250, 0.9)),
      posts: Math.max(3, rnd.logNormal(1800, 1.2)),
      likes: rnd.logNormal(3000, 1.3),
      listed: rnd.chance(0.3) ? rnd.int(1, 40) : 0,
      defaultAvatar: rnd.chance(0.04),
      defaultProfile: rnd.chance(0.2),
      bio: rnd.chance(0.8)
        ? `${rnd.pick(['Coffee', 'Running', 'Design', 'Travel', 'Music', 'Football'])} lover. ${rnd.pick(['Berlin', 'Lisbon', 'Chicago', 'Lagos', 'Osaka', 'Lima'])}.`
        : null,
      location: rnd.chance(0.6) ? rnd.pick(['Berlin', 'Lisbon', 'Chicago', 'Lagos', 'Osaka', 'Lima']) : null,
    });
  }
  for (let i = 0; i < nFake; i++) {
    const hijacked = rnd.chance(0.1); // old accounts bought or taken over, not just new ones
    fake.push({
      ...account(
        'x',
        `f${i}`,
        `${rnd.pick(P.FIRST_NAMES).toLowerCase()}${rnd.int(10_000, 99_999_999)}`,
        rnd.chance(0.5) ? null : rnd.pick(P.FIRST_NAMES),
      ),
      createdAt: now - (hijacked ? rnd.int(900, 3000) : rnd.int(2, 150)) * DAY,
      followers: rnd.int(0, 25),
      following: rnd.int(300, 2000),
      posts: rnd.int(0, 15),
      likes: rnd.int(0, 10),
      listed: 0,
      defaultAvatar: rnd.chance(0.75),
      defaultProfile: rnd.chance(0.85),
    });
  }
  for (let i = 0; i < nInfluencers; i++) {
    const first = rnd.pick(P.FIRST_NAMES);
    influencers.push({
      ...account('x', `inf${i}`, `${first.toLowerCase()}_reviews${i}`, `${first} Reviews`),
      createdAt: now - rnd.int(1000, 4000) * DAY,
      followers: rnd.int(20_000, 900_000),
      following: rnd.int(100, 900),
      posts: rnd.int(2000, 30_000),
      listed: rnd.int(50, 2000),
      verified: rnd.chance(0.5),
      bio: 'Honest reviews of gadgets and travel.',
    });
  }
  yield* brand;
  yield* influencers;
  yield* genuine;
  yield* fake;

  // --- follows: some influencers bought thousands of followers, some did not ------------
  const followBudget = Math.round(total * 0.3);
  let follows = 0;
  for (const inf of influencers) {
    if (follows >= followBudget) break;
    const bought = rnd.chance(0.5) ? rnd.next() * 0.7 + 0.2 : rnd.next() * 0.05;
    const n = Math.min(followBudget - follows, rnd.int(40, 400));
    const seen = new Set<string>();
    for (let k = 0; k < n; k++) {
      const src = rnd.chance(bought) ? rnd.pick(fake) : rnd.pick(genuine);
      if (seen.has(src.id)) continue;
      seen.add(src.id);
      follows++;
      yield follow('x', src.id, inf.id);
    }
  }

  // --- items ------------------------------------------------------------------------------
  // People use the same handle on several platforms; an account is emitted for each platform
  // the first time it posts there, so every author reference resolves to a full record.
  const known = new Set<string>([...brand, ...influencers, ...genuine, ...fake].map((a) => `x\u0000${a.id}`));
  const on = (a: AccountRecord, platform: string): AccountRecord | null => {
    const key = `${platform}\u0000${a.id}`;
    if (known.has(key)) return null;
    known.add(key);
    return { ...a, platform };
  };
  let made = 0;
  let seq = 0;
  let campaigns = 0;
  const itemId = (prefix: string) => `${prefix}${++seq}`;
  const live = opts.arrivals === 'live';
  const at = !live
    ? () => now - Math.floor(rnd.next() * span)
    : () =>
        rnd.chance(LIVE_BACKLOG)
          ? now - LIVE_WINDOW - Math.floor(rnd.next() ** 2 * Math.max(0, span - LIVE_WINDOW))
          : now - Math.floor(rnd.next() * LIVE_WINDOW);
  // What follows `start` by `delay`: never after now (live, spread between them instead of piled on now).
  const after = (start: number, delay: number) =>
    start + delay <= now ? start + delay : live ? start + Math.floor(rnd.next() * Math.max(0, now - start)) : now;
  const fill = (tpl: string, extra: Record<string, string> = {}) =>
    tpl.replace(/\{(\w)\}/g, (_, k: string) => {
      if (extra[k] !== undefined) return extra[k]!;
      if (k === 'p') return rnd.pick(P.PRODUCTS);
      if (k === 'h') return rnd.pick(P.HOTELS);
      if (k === 'b') return P.BRAND;
      if (k === 'n') return String(rnd.int(2, 40));
      if (k === 'o') return String(rnd.int(100_000, 999_999));
      if (k === 'y') return String(new Date(now).getUTCFullYear());
      return '';
    });
  type Draft = Omit<ItemRecord, 'type' | 'extra' | 'url' | 'lang' | 'parent' | 'rating' | 'target' | 'thread' | 'author'> &
    Partial<ItemRecord> & { by: AccountRecord };
  function* emit({ by, ...it }: Draft): Generator<InterchangeRecord> {
    const first = on(by, it.platform);
    if (first) yield first;
    made++;
    yield {
      type: 'item',
      target: null,
      rating: null,
      thread: null,
      parent: null,
      url: null,
      lang: 'en',
      extra: null,
      author: by.id,
      ...it,
    };
  }

  while (made < total) {
    const left = total - made;
    const r = rnd.next();
    if (r < 0.36) {
      // A mention of the brand, sometimes with a reply thread.
      const author = rnd.chance(0.03) ? rnd.pick(influencers) : rnd.pick(genuine);
      const kind = rnd.pick(['question', 'complaint', 'compliment', 'other'] as const);
      const bank =
        kind === 'question' ? P.QUESTIONS : kind === 'complaint' ? P.COMPLAINTS : kind === 'compliment' ? P.COMPLIMENTS : P.OTHER;
      const product = rnd.pick(P.PRODUCTS);
      const handle = rnd.pick(P.BRAND_HANDLES);
      const hostile = rnd.chance(0.004);
      const text = hostile ? rnd.pick(P.HOSTILE) : `@${handle} ${fill(rnd.pick(bank), { p: product })}`;
      const id = itemId('x-');
      const createdAt = at();
      yield* emit({
        platform: 'x',
        id,
        kind: 'mention',
        by: author,
        createdAt,
        text,
        target: P.BRAND,
        thread: id,
        extra: { intent: kind },
      });
      // Follow-ups from the customer in the same thread (the brand's own answers are not moderated).
      if (kind !== 'other' && rnd.chance(0.3) && made < total) {
        const brandAcc = brand[handle === 'northwind' ? 0 : 1]!;
        const followUpAt = after(createdAt, rnd.int(5, 900) * MINUTE);
        yield* emit({
          platform: 'x',
          id: itemId('x-'),
          kind: 'reply',
          by: author,
          createdAt: followUpAt,
          text: `@${brandAcc.handle} ${rnd.pick(P.REPLIES_FROM_CUSTOMER)}`,
          thread: id,
          parent: id,
          target: P.BRAND,
        });
      }
    } else if (r < 0.42) {
      const author = rnd.pick(genuine);
      yield* emit({
        platform: 'instagram',
        id: itemId('ig-'),
        kind: 'post',
        by: author,
        createdAt: at(),
        text: `${fill(rnd.pick(P.COMPLIMENTS))} #${P.BRAND.toLowerCase()}`,
        target: P.BRAND,
      });
    } else if (r < 0.68) {
      // Reviews; now and then a paid drive: a burst of praise or an attack on one target, or a
      // ring of the same accounts hitting several targets in turn.
      const hotel = rnd.chance(0.5);
      const target = hotel ? rnd.pick(P.HOTELS) : rnd.pick(P.PRODUCTS);
      const platform = hotel ? 'hotels' : 'shop';
      if (rnd.chance(0.02) && left >= 5) {
        const attack = rnd.chance(0.35);
        const ring = rnd.chance(0.4);
        const members = pickDistinct(rnd, fake, rnd.int(5, ring ? 10 : 25));
        const targets = ring ? pickDistinct(rnd, hotel ? P.HOTELS : P.PRODUCTS, rnd.int(2, 4)) : [target];
        const drive = `${ring ? 'ring' : 'drive'}-${++campaigns}`;
        let start = at();
        // Live: the ring's last hit is the recent one, the ones before it days earlier.
        const gaps = live ? targets.map(() => rnd.int(6, 72) * 60 * MINUTE) : null;
        if (gaps) start -= gaps.slice(1).reduce((a, b) => a + b, 0);
        for (const [hit, t] of targets.entries()) {
          const brief = `${fill(rnd.pick(attack ? P.FAKE_ATTACKS : P.FAKE_PRAISE), { x: t })} ${rnd.pick(attack ? P.ATTACK_DETAILS : P.PRAISE_DETAILS)}.`;
          for (const by of members) {
            if (made >= total) break;
            yield* emit({
              platform,
              id: itemId(`${platform}-`),
              kind: 'review',
              by,
              createdAt: after(start, rnd.int(0, 180) * MINUTE),
              text: paraphrase(rnd, brief),
              target: t,
              rating: attack ? 1 : 5,
              extra: { seedCampaign: `${drive}.${hit}` },
            });
          }
          start += gaps ? (gaps[hit + 1] ?? 0) : rnd.int(6, 72) * 60 * MINUTE;
        }
      } else {
        const positive = rnd.chance(0.7);
        const bank = positive ? P.POSITIVE_REVIEWS : P.NEGATIVE_REVIEWS;
        const filtered = bank.filter((t) => t.includes(hotel ? '{h}' : '{p}'));
        yield* emit({
          platform,
          id: itemId(`${platform}-`),
          kind: 'review',
          by: rnd.pick(genuine),
          createdAt: at(),
          text: fill(rnd.pick(filtered), hotel ? { h: target } : { p: target }),
          target,
          rating: positive ? rnd.int(4, 5) : rnd.int(1, 2),
        });
      }
    } else {
      // Video comments, with spam waves: one text, many accounts, minutes apart.
      const video = rnd.pick(P.VIDEOS);
      if (rnd.chance(0.025) && left >= 5) {
        // A wave: its own message, paraphrased copy by copy, from bought and hijacked accounts.
        const code = String(rnd.int(100, 9999));
        const site = fill(rnd.pick(P.WAVE_SITES), { c: code });
        const brief = `${rnd.pick(P.WAVE_OPENERS)}! ${fill(rnd.pick(P.WAVE_OFFERS))}, ${fill(rnd.pick(P.WAVE_CALLS), { s: site, c: code })}. ${rnd.pick(P.WAVE_CLOSERS)}`;
        const wave = `wave-${++campaigns}`;
        const members = pickDistinct(rnd, fake, Math.min(left, rnd.int(5, 40)));
        const start = at();
        for (const by of members) {
          yield* emit({
            platform: 'youtube',
            id: itemId('yt-'),
            kind: 'comment',
            by,
            createdAt: after(start, rnd.int(0, 20) * MINUTE),
            text: paraphrase(rnd, brief),
            target: video,
            extra: { seedCampaign: wave },
          });
        }
      } else {
        const spam = rnd.chance(0.06);
        yield* emit({
          platform: 'youtube',
          id: itemId('yt-'),
          kind: 'comment',
          by: spam ? rnd.pick(fake) : rnd.pick(genuine),
          createdAt: at(),
          text: fill(rnd.pick(spam ? P.SPAM_COMMENTS : P.HAM_COMMENTS)),
          target: video,
        });
      }
    }
  }
}

/** `n` different members of `from` (all of them when it has fewer). */
function pickDistinct<T>(rnd: Random, from: readonly T[], n: number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(n, from.length)) chosen.add(rnd.int(0, from.length - 1));
  return [...chosen].map((i) => from[i]!);
}

/** A copy of a campaign brief as one worker posts it: a word swapped here, a prefix or an emoji there. */
export function paraphrase(rnd: Random, brief: string): string {
  let out = brief.replace(/[A-Za-z]+/g, (w) => {
    const alts = P.SYNONYMS[w.toLowerCase()];
    return alts && rnd.chance(0.3) ? rnd.pick(alts) : w;
  });
  if (rnd.chance(0.3)) out = `${rnd.pick(P.PARAPHRASE_PREFIXES)} ${out.charAt(0).toLowerCase()}${out.slice(1)}`;
  if (rnd.chance(0.4)) out = `${out.replace(/[.!]+$/, '')}${rnd.pick(P.PARAPHRASE_SUFFIXES)}`;
  return out;
}

function account(platform: string, id: string, handle: string, name: string | null): AccountRecord {
  return {
    type: 'account',
    platform,
    id,
    handle,
    name,
    createdAt: null,
    followers: null,
    following: null,
    posts: null,
    likes: null,
    listed: null,
    verified: false,
    defaultAvatar: false,
    defaultProfile: false,
    bio: null,
    url: null,
    location: null,
    extra: null,
  };
}

function follow(platform: string, follower: string, followee: string): FollowRecord {
  return { type: 'follow', platform, follower, followee };
}

/** A record as it appears in an NDJSON file (dates as ISO 8601, nulls left out). */
export function toInterchange(r: InterchangeRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'extra') Object.assign(out, v);
    else if (k === 'createdAt') out[k] = new Date(v as number).toISOString();
    else out[k] = v;
  }
  return out;
}

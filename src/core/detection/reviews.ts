// Review deception. Fabricated reviews (Ott et al. 2011) talk about the writer and the
// occasion more, and about the place's concrete details less: fewer numbers, rooms, floors,
// streets; more first person, superlatives and stock praise. Those cues are weak, and they
// are facets of one way of writing, so they count as a few grouped signals, not as many
// independent ones. Where the reviewer's record is known, it adds its own: a first review
// from an account with no standing, a rating far from the target's mean, stars that
// contradict the words, and (strongest) a burst of same-star reviews of one target. With
// none of this a review scores the base rate, not an even chance.
import { fmt, STRONG, verdictOf, type Evidence, type Verdict } from './reasons';
import { hashedText, words } from './text';

const FIRST = new Set(['i', 'me', 'my', 'mine', "i'm", "i've", "i'd", 'myself']);
const SUPERLATIVE = new Set([
  'best',
  'amazing',
  'perfect',
  'wonderful',
  'fantastic',
  'excellent',
  'incredible',
  'outstanding',
  'awesome',
  'luxurious',
  'terrible',
  'worst',
  'horrible',
  'awful',
  'disgusting',
]);
const OCCASION = new Set([
  'husband',
  'wife',
  'family',
  'vacation',
  'trip',
  'business',
  'anniversary',
  'weekend',
  'honeymoon',
  'kids',
  'boyfriend',
  'girlfriend',
  'friends',
]);
/** A small polarity lexicon: enough to see a five-star review that complains, or a one-star one that praises. */
const GOOD = new Set([
  'good',
  'great',
  'love',
  'loved',
  'excellent',
  'amazing',
  'perfect',
  'wonderful',
  'fantastic',
  'best',
  'clean',
  'friendly',
  'helpful',
  'comfortable',
  'recommend',
  'happy',
  'nice',
  'beautiful',
  'awesome',
  'enjoyed',
]);
const BAD = new Set([
  'bad',
  'terrible',
  'awful',
  'worst',
  'dirty',
  'rude',
  'broken',
  'horrible',
  'disappointed',
  'disappointing',
  'never',
  'poor',
  'noisy',
  'smelly',
  'scam',
  'waste',
  'refund',
  'avoid',
  'disgusting',
  'complaint',
]);

const CONCRETE = new Set([
  'floor',
  'bathroom',
  'location',
  'street',
  'block',
  'walk',
  'lobby',
  'elevator',
  'shower',
  'door',
  'window',
  'bed',
  'desk',
  'parking',
  'valet',
  'breakfast',
  'bar',
  'minutes',
  'small',
  'view',
  'checked',
  'front',
  'desk',
  'charge',
  'fee',
  'internet',
  'wifi',
]);

/**
 * About a sixth of reviews are fake or suspect: Yelp's filter set aside about 16 % of the
 * reviews it saw (Luca & Zervas 2016). A review with no evidence either way scores that.
 */
const BASE_RATE = Math.log(0.16 / 0.84);

export interface ReviewerRecord {
  /** Reviews by this account that this workstation holds, this one included. */
  reviews: number;
  rating: number | null;
  /** Mean rating of the target by others. */
  targetMean: number | null;
  /** How many others' ratings that mean is over (a mean of one or two says little). */
  targetRatings?: number;
  /** Reviews of the same target with the same rating close in time (this one included), and how many its usual pace would bring. */
  burst?: { count: number; expected: number; target: string };
  /** The author's account as imported, where known: what it says of the author beyond this workstation. */
  author?: AuthorStanding;
}

export interface AuthorStanding {
  posts: number | null;
  followers: number | null;
  /** How old the account was when it wrote the review, in days. */
  ageDays: number | null;
}

/**
 * An account with a life of its own on the platform: at least two of a year's age, a hundred
 * posts and a hundred followers. Bought or throwaway accounts rarely have two (a stock of aged
 * accounts is sold, but not with years of posts). Its being the only review seen here says
 * nothing then: this workstation sees a sliver of what it wrote.
 */
export function established(a: AuthorStanding | undefined): boolean {
  if (!a) return false;
  const marks = [(a.ageDays ?? 0) >= 365, (a.posts ?? 0) >= 100, (a.followers ?? 0) >= 100];
  return marks.filter(Boolean).length >= 2;
}

function standing(a: AuthorStanding): string {
  const parts: string[] = [];
  if (a.ageDays !== null && a.ageDays >= 365)
    parts.push(`${fmt(a.ageDays / 365)} ${Math.round(a.ageDays / 365) === 1 ? 'year' : 'years'} old`);
  if (a.posts !== null && a.posts >= 100) parts.push(`${fmt(a.posts)} posts`);
  if (a.followers !== null && a.followers >= 100) parts.push(`${fmt(a.followers)} followers`);
  return `an established account (${parts.join(', ')})`;
}

/** Words from which a review that names nothing concrete is telling. */
const LONG_REVIEW = 50;

/** Others' ratings a target needs before a rating far from their mean is worth a word. */
const MIN_TARGET_RATINGS = 3;

function rates(text: string) {
  const ws = words(text);
  const n = Math.max(1, ws.length);
  const count = (set: Set<string>) => ws.filter((w) => set.has(w)).length;
  return {
    n: ws.length,
    first: count(FIRST) / n,
    superlative: count(SUPERLATIVE) / n,
    occasion: count(OCCASION) / n,
    concrete: count(CONCRETE) / n,
    digits: ws.filter((w) => /\d/.test(w) || w === '$').length / n,
    tone: (count(GOOD) - count(BAD)) / n,
    exclaim: (text.match(/!/g) ?? []).length / n,
  };
}

export function reviewVerdict(text: string, record?: ReviewerRecord): Verdict {
  const r = rates(text);
  const e: Evidence[] = [];
  // How it is written: about the writer, stock praise, or the place's details.
  if (r.first > 0.07) e.push({ weight: 0.8, reason: `${Math.round(r.first * 100)} % of words are about the writer`, group: 'self' });
  if (r.occasion > 0.01) e.push({ weight: 0.4, reason: 'about the occasion more than the place', group: 'self' });
  if (r.superlative > 0.02) e.push({ weight: 0.6, reason: 'heavy on superlatives', group: 'praise' });
  if (r.exclaim > 0.02) e.push({ weight: 0.3, reason: 'many exclamation marks', group: 'praise' });
  if (r.concrete > 0.025) e.push({ weight: -0.8, reason: 'concrete details of the place', group: 'detail' });
  if (r.digits > 0.01) e.push({ weight: -0.5, reason: 'gives numbers (prices, times, floors)', group: 'detail' });
  // A stay described at length without a room, a floor, a street or a number is what an
  // invented one looks like; in a line or two, it is only a short review.
  if (r.n >= LONG_REVIEW && r.concrete === 0 && r.digits === 0)
    e.push({ weight: 0.6, reason: `nothing concrete about the place in ${fmt(r.n)} words`, group: 'detail' });
  if (record) {
    if (established(record.author)) e.push({ weight: -0.5, reason: standing(record.author!), group: 'record' });
    // Only what this workstation holds: a weak sign, and none for an account with standing.
    else if (record.reviews <= 1) e.push({ weight: 0.5, reason: 'the only review from this account seen here', group: 'record' });
    if (record.reviews >= 10) e.push({ weight: -0.6, reason: `the account has ${fmt(record.reviews)} reviews here`, group: 'record' });
    const others = record.targetRatings ?? MIN_TARGET_RATINGS;
    // Genuine complaints are exactly this: weak alone, it counts where other signals agree.
    if (
      record.rating !== null &&
      record.targetMean !== null &&
      others >= MIN_TARGET_RATINGS &&
      Math.abs(record.rating - record.targetMean) >= 2.5
    ) {
      e.push({ weight: 0.5, reason: `rated ${record.rating}★ where others average ${record.targetMean.toFixed(1)}★`, group: 'rating' });
    }
    // The stars and the words disagree: a rating bought, or put on a text written for another.
    if (record.rating !== null && ((record.rating >= 4 && r.tone <= -0.03) || (record.rating <= 2 && r.tone >= 0.05))) {
      e.push({
        weight: 0.8,
        reason: `rated ${record.rating}★ but the words are ${record.rating >= 4 ? 'negative' : 'positive'}`,
        group: 'tone',
      });
    }
    const b = record.burst;
    if (b && b.count >= Math.max(5, 4 * b.expected + 2)) {
      e.push({
        weight: STRONG,
        reason: `one of ${fmt(b.count)} ${record.rating}★ reviews of ${b.target} within 6 hours (about ${fmt(Math.max(1, b.expected))} usual)`,
        group: 'burst',
      });
    }
  }
  return verdictOf(BASE_RATE, e);
}

export function reviewDense(text: string): number[] {
  const r = rates(text);
  return [Math.log1p(r.n), r.first, r.superlative, r.occasion, r.concrete, r.digits, r.exclaim];
}

export function reviewSparse(text: string): Map<number, number> {
  return hashedText(text);
}

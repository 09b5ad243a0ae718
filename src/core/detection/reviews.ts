// Review deception. Fabricated reviews (Ott et al. 2011) talk about the writer and the
// occasion more, and about the place's concrete details less: fewer numbers, rooms, floors,
// streets; more first person, superlatives and stock praise. Where the reviewer's record is
// known, one-review accounts, extreme ratings far from the target's mean, stars that
// contradict the words, and bursts of same-star reviews of one target add to it.
import { fmt, verdictOf, type Evidence, type Verdict } from './reasons';
import { hashedText, words } from './text';

const FIRST = new Set(['i', 'me', 'my', 'mine', "i'm", "i've", "i'd", 'myself']);
const SUPERLATIVE = new Set(['best', 'amazing', 'perfect', 'wonderful', 'fantastic', 'excellent', 'incredible', 'outstanding', 'awesome', 'luxurious', 'terrible', 'worst', 'horrible', 'awful', 'disgusting']);
const OCCASION = new Set(['husband', 'wife', 'family', 'vacation', 'trip', 'business', 'anniversary', 'weekend', 'honeymoon', 'kids', 'boyfriend', 'girlfriend', 'friends']);
/** A small polarity lexicon: enough to see a five-star review that complains, or a one-star one that praises. */
const GOOD = new Set(['good', 'great', 'love', 'loved', 'excellent', 'amazing', 'perfect', 'wonderful', 'fantastic', 'best', 'clean', 'friendly', 'helpful', 'comfortable', 'recommend', 'happy', 'nice', 'beautiful', 'awesome', 'enjoyed']);
const BAD = new Set(['bad', 'terrible', 'awful', 'worst', 'dirty', 'rude', 'broken', 'horrible', 'disappointed', 'disappointing', 'never', 'poor', 'noisy', 'smelly', 'scam', 'waste', 'refund', 'avoid', 'disgusting', 'complaint']);

const CONCRETE = new Set(['floor', 'bathroom', 'location', 'street', 'block', 'walk', 'lobby', 'elevator', 'shower', 'door', 'window', 'bed', 'desk', 'parking', 'valet', 'breakfast', 'bar', 'minutes', 'small', 'view', 'checked', 'front', 'desk', 'charge', 'fee', 'internet', 'wifi']);

export interface ReviewerRecord {
  /** Reviews by this account, this one included. */
  reviews: number;
  rating: number | null;
  /** Mean rating of the target by others. */
  targetMean: number | null;
  /** Reviews of the same target with the same rating close in time (this one included), and how many its usual pace would bring. */
  burst?: { count: number; expected: number; target: string };
}

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
  if (r.first > 0.07) e.push({ weight: 0.8, reason: `${Math.round(r.first * 100)} % of words are about the writer` });
  if (r.superlative > 0.02) e.push({ weight: 0.6, reason: 'heavy on superlatives' });
  if (r.occasion > 0.01) e.push({ weight: 0.4, reason: 'about the occasion more than the place' });
  if (r.concrete > 0.025) e.push({ weight: -0.8, reason: 'concrete details of the place' });
  if (r.digits > 0.01) e.push({ weight: -0.5, reason: 'gives numbers (prices, times, floors)' });
  if (r.exclaim > 0.02) e.push({ weight: 0.3, reason: 'many exclamation marks' });
  if (record) {
    if (record.reviews <= 1) e.push({ weight: 0.9, reason: 'the account’s only review' });
    else if (record.reviews >= 10) e.push({ weight: -0.6, reason: `the account has ${fmt(record.reviews)} reviews` });
    if (record.rating !== null && record.targetMean !== null && Math.abs(record.rating - record.targetMean) >= 2.5) {
      e.push({ weight: 0.9, reason: `rated ${record.rating}★ where others average ${record.targetMean.toFixed(1)}★` });
    }
    // The stars and the words disagree: a rating bought, or put on a text written for another.
    if (record.rating !== null && ((record.rating >= 4 && r.tone <= -0.03) || (record.rating <= 2 && r.tone >= 0.05))) {
      e.push({ weight: 0.8, reason: `rated ${record.rating}★ but the words are ${record.rating >= 4 ? 'negative' : 'positive'}` });
    }
    const b = record.burst;
    if (b && b.count >= Math.max(5, 4 * b.expected + 2)) {
      e.push({ weight: 1.4, reason: `one of ${fmt(b.count)} ${record.rating}★ reviews of ${b.target} within 6 hours (about ${fmt(Math.max(1, b.expected))} usual)` });
    }
  }
  return verdictOf(0, e);
}

export function reviewDense(text: string): number[] {
  const r = rates(text);
  return [Math.log1p(r.n), r.first, r.superlative, r.occasion, r.concrete, r.digits, r.exclaim];
}

export function reviewSparse(text: string): Map<number, number> {
  return hashedText(text);
}

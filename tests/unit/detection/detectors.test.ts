// The default detectors on cases made here: each says which way it leans and why, with numbers.
import { describe, expect, it } from 'vitest';
import { accountVerdict, type AccountSignals } from '../../../src/core/detection/accounts';
import { spamVerdict } from '../../../src/core/detection/comments';
import { reviewVerdict } from '../../../src/core/detection/reviews';

const NOW = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;

const genuine: AccountSignals = {
  followers: 840,
  following: 310,
  posts: 5200,
  likes: 1900,
  listed: 12,
  createdAt: NOW - 6 * 365 * DAY,
  verified: false,
  defaultAvatar: false,
  defaultProfile: false,
  bio: 'Cyclist, coffee, Lyon.',
  url: 'https://example.org',
  hasBanner: true,
  geoEnabled: true,
};
const bought: AccountSignals = {
  followers: 4,
  following: 1954,
  posts: 3,
  likes: 0,
  listed: 0,
  createdAt: NOW - 20 * DAY,
  verified: false,
  defaultAvatar: true,
  defaultProfile: true,
  bio: null,
  url: null,
  hasBanner: false,
  geoEnabled: false,
};

describe('account authenticity', () => {
  it('scores a bought-looking account high, with the numbers behind it', () => {
    const v = accountVerdict(bought, NOW);
    expect(v.score).toBeGreaterThan(0.95);
    expect(v.reasons.join(' | ')).toContain('only 4 followers');
    expect(v.reasons.some((r) => r.includes('follows 1,954, followed by 4'))).toBe(true);
  });

  it('scores a lived-in account low, and its reasons say why', () => {
    const v = accountVerdict(genuine, NOW);
    expect(v.score).toBeLessThan(0.05);
    expect(v.reasons.join(' | ')).toMatch(/840 followers/);
  });

  it('lets verification outweigh thin numbers', () => {
    expect(accountVerdict({ ...bought, verified: true }, NOW).score).toBeLessThan(accountVerdict(bought, NOW).score);
  });
});

describe('comment spam', () => {
  it('flags links and self-promotion, quoting them', () => {
    const v = spamVerdict('Great song!! check out my channel http://bit.ly/xyz for free giftcards');
    expect(v.score).toBeGreaterThan(0.95);
    expect(v.reasons.join(' | ')).toMatch(/links out \(http:\/\/bit\.ly\/xyz/);
    expect(v.reasons.join(' | ')).toMatch(/promotes itself \(“check out”\)/);
  });

  it('lets a short remark pass', () => {
    const v = spamVerdict('This song never gets old 😍');
    expect(v.score).toBeLessThan(0.2);
    expect(v.reasons[0]).toMatch(/short remark/);
  });
});

describe('review deception', () => {
  const concrete =
    'Room 1412 on the 14th floor faced the street; the bathroom was small but the shower was hot. Valet parking was $52 a night, front desk check-in took 10 minutes.';
  const vague =
    'I loved my stay! My husband and I had the most amazing, perfect weekend. I will definitely come back, best hotel ever! I recommend it to my friends.';

  it('leans towards deceptive for vague, first-person praise and away for concrete detail', () => {
    // How a text is written is weak evidence, and its cues overlap: all of them together lift
    // the score above the base rate, to the middle, never to red.
    expect(reviewVerdict(vague).score).toBeGreaterThan(0.45);
    expect(reviewVerdict(vague).score).toBeLessThan(0.7);
    expect(reviewVerdict(concrete).score).toBeLessThan(0.1);
    expect(reviewVerdict(concrete).reasons).toContain('concrete details of the place');
  });

  it('takes a long review that names nothing concrete as a sign, and a short one as only short', () => {
    const long = Array.from({ length: 6 }, () => 'We had a lovely time and everyone was so kind to us, it felt like home.').join(' ');
    expect(reviewVerdict(long).reasons.some((r) => /^nothing concrete about the place in \d+ words$/.test(r))).toBe(true);
    expect(reviewVerdict(long).score).toBeGreaterThan(reviewVerdict('').score);
    expect(reviewVerdict('We had a lovely time.').reasons).toEqual([]);
    expect(reviewVerdict(`${long} Room 1412 on the 14th floor.`).reasons.join(' ')).not.toMatch(/nothing concrete/);
  });

  it('weighs the reviewer’s record where it is known', () => {
    const alone = reviewVerdict(concrete, { reviews: 1, rating: 1, targetMean: 4.6 });
    expect(alone.score).toBeGreaterThan(reviewVerdict(concrete).score);
    // Two weak signals of the record against the text's details: not sure either way.
    expect(alone.sure).toEqual({ level: 'low', basis: 'signals disagree' });
    const plain = reviewVerdict('We stayed two nights. The room was fine and the staff were polite.', {
      reviews: 1,
      rating: 1,
      targetMean: 4.6,
    });
    expect(plain.reasons.join(' | ')).toMatch(/rated 1★ where others average 4\.6★/);
    expect(plain.reasons.join(' | ')).toMatch(/the only review from this account seen here/);
  });

  it('notices stars that contradict the words, and a burst of same-star reviews of one target', () => {
    const complaint = 'The room was dirty, the staff rude and the shower broken. Never again, avoid it.';
    const record = { reviews: 1, rating: 5, targetMean: null };
    const contradicts = reviewVerdict(complaint, record);
    expect(contradicts.score).toBeGreaterThan(reviewVerdict(complaint, { ...record, rating: 1 }).score);
    expect(contradicts.reasons).toContain('rated 5★ but the words are negative');
    const usual = { reviews: 3, rating: 5, targetMean: null };
    const burst = reviewVerdict(vague, { ...usual, burst: { count: 9, expected: 0.5, target: 'The Drake' } });
    expect(burst.reasons.join(' | ')).toMatch(/one of 9 5★ reviews of The Drake within 6 hours/);
    expect(burst.score).toBeGreaterThan(reviewVerdict(vague, usual).score);
    // Nine where eight are usual is no burst.
    expect(reviewVerdict(vague, { ...usual, burst: { count: 9, expected: 8, target: 'The Drake' } }).score).toBe(
      reviewVerdict(vague, usual).score,
    );
  });
});

// Scores a moderator can trust: with no evidence a score is the base rate, one weak signal
// never makes it high, several independent ones (or one strong one) do, and every score says
// how sure it is.
import { describe, expect, it } from 'vitest';
import { accountVerdict, type AccountSignals } from '../../../src/core/detection/accounts';
import { campaignSure } from '../../../src/core/detection/campaigns';
import { spamVerdict } from '../../../src/core/detection/comments';
import { fmt, signalsOf, storedSure, sureOf, sureOfModel, verdictOf } from '../../../src/core/detection/reasons';
import { established, reviewVerdict, type ReviewerRecord } from '../../../src/core/detection/reviews';

const NOW = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
const HIGH = 0.7;

/** A review that says nothing either way: no style cues, no details, no numbers. */
const PLAIN = 'We stayed two nights. The room was fine and the staff were polite.';
/** A genuine complaint, as people write them. */
const COMPLAINT =
  'Waited ages for a table and the soup came out cold. The server was apologetic but it took another twenty to fix it. Not coming back soon.';

const nothing: AccountSignals = {
  followers: null,
  following: null,
  posts: null,
  likes: null,
  listed: null,
  createdAt: null,
  verified: false,
  defaultAvatar: false,
  defaultProfile: false,
  bio: 'x',
  url: null,
  hasBanner: false,
  geoEnabled: false,
};

describe('no evidence: the base rate, not an even chance', () => {
  it('scores an empty review and one with nothing to go on low, and says there is nothing behind it', () => {
    for (const text of ['', PLAIN]) {
      const v = reviewVerdict(text);
      expect(v.score).toBeGreaterThan(0.05);
      expect(v.score).toBeLessThan(0.25);
      expect(v.reasons).toEqual([]);
      expect(v.sure).toEqual({ level: 'low', basis: 'no signals: the base rate' });
    }
  });

  it('does the same for a comment and an account with nothing to say', () => {
    const c = verdictOf(-1.6, []);
    expect(c.score).toBeLessThan(0.2);
    expect(c.sure.level).toBe('low');
    // An account whose only known fact is a missing banner: near the base rate, and not sure.
    const a = accountVerdict(nothing, NOW);
    expect(a.score).toBeLessThan(0.35);
    expect(a.sure.level).toBe('low');
  });
});

describe('one weak signal is not high', () => {
  it('leaves a genuine low-star complaint far from red: its rating far from the mean is weak alone', () => {
    const v = reviewVerdict(COMPLAINT, { reviews: 3, rating: 2, targetMean: 4.6, targetRatings: 40 });
    expect(v.score).toBeLessThan(0.4);
    expect(v.reasons).toEqual(['rated 2★ where others average 4.6★']);
    expect(v.sure.level).toBe('low');
  });

  it('leaves the only review seen here from a new account at a low score', () => {
    const v = reviewVerdict(PLAIN, { reviews: 1, rating: 4, targetMean: 4.2, targetRatings: 40 });
    expect(v.score).toBeLessThan(0.3);
    expect(v.reasons).toEqual(['the only review from this account seen here']);
    expect(v.sure).toEqual({ level: 'low', basis: 'one weak signal' });
  });

  it('leaves a plea for attention, or capitals, below the middle', () => {
    for (const text of [
      'please vote for our school in the regional final, it means so much to the kids and the teachers here',
      'WHAT A GOAL IN THE LAST MINUTE OF THE MATCH, UNBELIEVABLE SCENES AT THE STADIUM TONIGHT',
    ]) {
      const v = spamVerdict(text);
      expect(v.score).toBeLessThan(0.5);
      expect(v.sure.level).toBe('low');
    }
  });

  it('ignores a target mean of too few ratings', () => {
    const few = reviewVerdict(PLAIN, { reviews: 3, rating: 1, targetMean: 5, targetRatings: 2 });
    expect(few.reasons).toEqual([]);
  });
});

describe('several independent signals, or one strong one, are high', () => {
  it('scores a review in a burst of same-star reviews, whose stars contradict its words, from a new account, high and sure', () => {
    const record: ReviewerRecord = {
      reviews: 1,
      rating: 5,
      targetMean: 3.1,
      targetRatings: 40,
      burst: { count: 14, expected: 0.4, target: 'The Drake' },
    };
    const v = reviewVerdict('The room was filthy and the staff rude and the bed broken. Awful.', record);
    expect(v.score).toBeGreaterThan(HIGH);
    expect(v.sure.level).toBe('high');
    expect(v.sure.basis).toMatch(/^[3-9] signals agree$/);
    expect(v.reasons).toContain('rated 5★ but the words are negative');
    expect(v.reasons[0]).toMatch(/one of 14 5★ reviews of The Drake within 6 hours/);
  });

  it('scores a link out together with self-promotion high and sure; a link out alone fairly sure', () => {
    const both = spamVerdict('check out my channel http://bit.ly/xyz');
    expect(both.score).toBeGreaterThan(0.9);
    expect(both.sure).toEqual({ level: 'high', basis: '2 signals agree' });
    const link = spamVerdict('see http://bit.ly/xyz');
    expect(link.score).toBeGreaterThanOrEqual(HIGH);
    expect(link.sure).toEqual({ level: 'medium', basis: 'one strong signal' });
  });

  it('scores a fresh, empty account that follows hundreds and has no audience high and sure', () => {
    const v = accountVerdict(
      {
        followers: 3,
        following: 900,
        posts: 2,
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
      },
      NOW,
    );
    expect(v.score).toBeGreaterThan(0.95);
    expect(v.sure.level).toBe('high');
  });

  it('does not let overlapping cues of one kind add up as if each were independent', () => {
    const writing = reviewVerdict(
      'I loved it! My husband and I had the most amazing, perfect, wonderful weekend! Best trip ever! I will tell my friends!',
    );
    expect(writing.score).toBeLessThan(HIGH);
    expect(
      signalsOf([
        { weight: 1, reason: 'a', group: 'g' },
        { weight: 1, reason: 'b', group: 'g' },
      ]),
    ).toEqual([1.5]);
    expect(
      signalsOf([
        { weight: 1, reason: 'a' },
        { weight: 1, reason: 'b' },
      ]),
    ).toEqual([1, 1]);
  });
});

describe('an established author (as reported)', () => {
  // A nine-year-old account with 8,250 posts; its only review this workstation holds, 1★ where others average 4.0★.
  const author = { posts: 8250, followers: null, ageDays: 9 * 365 };
  const record: ReviewerRecord = { reviews: 1, rating: 1, targetMean: 4.0, targetRatings: 60, author };

  it('is not called out for the only review seen here, and the far rating alone does not make it high', () => {
    expect(established(author)).toBe(true);
    for (const text of [PLAIN, COMPLAINT]) {
      const v = reviewVerdict(text, record);
      expect(v.score).toBeLessThan(0.3);
      expect(v.reasons.join(' | ')).not.toMatch(/only review/);
      expect(v.sure.level).toBe('low');
    }
  });

  it('weighs far less than the same review from an account with no standing', () => {
    const fresh = reviewVerdict(PLAIN, { ...record, author: { posts: 3, followers: 2, ageDays: 10 } });
    expect(fresh.reasons).toContain('the only review from this account seen here');
    expect(reviewVerdict(PLAIN, record).score).toBeLessThan(fresh.score);
  });

  it('needs two marks of standing: an aged account alone (bought in stock) is not established', () => {
    expect(established({ posts: 4, followers: 3, ageDays: 2000 })).toBe(false);
    expect(established({ posts: 300, followers: null, ageDays: 400 })).toBe(true);
    expect(established({ posts: null, followers: null, ageDays: null })).toBe(false);
    expect(established(undefined)).toBe(false);
  });
});

describe('hostile text stays text', () => {
  it('quotes markup and a hostile target name verbatim in its reasons, as plain strings, with a finite score', () => {
    const target = '<img src=x onerror=alert(1)>';
    const v = reviewVerdict('<script>alert(1)</script> I loved it!!! <b>best</b> hotel', {
      reviews: 1,
      rating: 5,
      targetMean: 1.5,
      targetRatings: 10,
      burst: { count: 9, expected: 0.1, target },
    });
    expect(Number.isFinite(v.score)).toBe(true);
    expect(v.reasons.some((r) => r.includes(target))).toBe(true);
    for (const r of v.reasons) expect(typeof r).toBe('string');
    const s = spamVerdict('<a href="javascript:alert(1)">free $500</a> http://evil.example/<svg onload=alert(1)>');
    expect(s.reasons.join(' ')).toContain('http://evil.example/<svg');
    expect(['low', 'medium', 'high']).toContain(s.sure.level);
  });
});

describe('how sure a score is', () => {
  it('grades the rules’ signals by how many agree, how strong they are and what is against them', () => {
    expect(sureOf([])).toEqual({ level: 'low', basis: 'no signals: the base rate' });
    expect(sureOf([0.9])).toEqual({ level: 'low', basis: 'one weak signal' });
    expect(sureOf([0.5, 0.5])).toEqual({ level: 'low', basis: '2 weak signals' });
    expect(sureOf([2])).toEqual({ level: 'low', basis: 'one signal' });
    expect(sureOf([3])).toEqual({ level: 'medium', basis: 'one strong signal' });
    expect(sureOf([1, 1])).toEqual({ level: 'medium', basis: '2 signals, none strong' });
    expect(sureOf([2, 1.5])).toEqual({ level: 'high', basis: '2 signals agree' });
    expect(sureOf([2, 1.5, -1])).toEqual({ level: 'medium', basis: '2 signals, some against' });
    expect(sureOf([2, -1.2])).toEqual({ level: 'low', basis: 'signals disagree' });
    expect(sureOf([1, -1])).toEqual({ level: 'low', basis: 'signals cancel out' });
    // Against the fake side too: strong signals of a genuine account make a sure low score.
    expect(sureOf([-2, -1.5, -1])).toEqual({ level: 'high', basis: '3 signals agree' });
  });

  it('grades a team model by its cross-validated quality and the score’s distance from its boundary', () => {
    const good = { mcc: 0.82, n: 420 };
    expect(sureOfModel(good, 3)).toEqual({ level: 'high', basis: 'team model (MCC 0.82 on 420 labels), far from its boundary' });
    expect(sureOfModel(good, -3).level).toBe('high');
    expect(sureOfModel(good, 1.2)).toEqual({ level: 'medium', basis: 'team model (MCC 0.82 on 420 labels), clear of its boundary' });
    expect(sureOfModel(good, 0.2).level).toBe('low');
    expect(sureOfModel({ mcc: 0.45, n: 420 }, 4).level).toBe('medium');
    // A weak model, or one measured on a handful of labels, is never sure.
    expect(sureOfModel({ mcc: 0.2, n: 420 }, 5).level).toBe('low');
    expect(sureOfModel({ mcc: 0.95, n: 30 }, 5).level).toBe('low');
    expect(sureOfModel(null, 5)).toEqual({ level: 'low', basis: 'team model (quality unknown), far from its boundary' });
  });

  it('grades a campaign by its accounts, how tight the burst is and whether they burst elsewhere', () => {
    const MIN = 60_000;
    expect(campaignSure(5, 5 * 60 * MIN, 0)).toEqual({ level: 'low', basis: 'only 5 accounts, over 5 hours' });
    expect(campaignSure(5, 10 * MIN, 0)).toEqual({ level: 'medium', basis: 'a burst beyond chance: within 10 minutes' });
    expect(campaignSure(14, 10 * MIN, 0)).toEqual({ level: 'high', basis: 'a burst beyond chance: 14 accounts, within 10 minutes' });
    expect(campaignSure(6, 3 * 60 * MIN, 2).level).toBe('medium');
  });
});

describe('sureness as stored', () => {
  it('reads what was stored, and an old, damaged or foreign value as not recorded', () => {
    expect(storedSure('{"level":"high","basis":"3 signals agree"}')).toEqual({ level: 'high', basis: '3 signals agree' });
    for (const bad of [null, undefined, '', 'not json', 'null', '{"level":"certain","basis":"x"}', '{"level":"low"}', '[1,2]']) {
      expect(storedSure(bad)).toEqual({ level: 'low', basis: 'not recorded (scored by an older version)' });
    }
  });
});

describe('numbers in reasons', () => {
  it('are written as the English locale writes whole numbers', () => {
    for (const n of [0, 7, -7, 999, 1000, -1000, 8250, 12_345, 999_999.5, 1_234_567, -9_876_543.6, 2 ** 40]) {
      expect(fmt(n)).toBe(Math.round(n).toLocaleString('en'));
    }
    expect(fmt(-0.4)).toBe('0');
    expect(fmt(Number.NaN)).toBe('NaN');
  });
});

describe('reasons read as English', () => {
  it('says one post and one follower in the singular', () => {
    const v = accountVerdict({ ...nothing, followers: 1, posts: 1, bio: null }, NOW);
    expect(v.reasons).toEqual(expect.arrayContaining(['only 1 follower', '1 post in all']));
    const w = accountVerdict({ ...nothing, followers: 0, posts: 3, bio: null }, NOW);
    expect(w.reasons).toEqual(expect.arrayContaining(['only 0 followers', '3 posts in all']));
  });
});

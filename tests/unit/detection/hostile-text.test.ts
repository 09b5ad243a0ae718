// Texts written to make a scan slow, at the longest an item may be, go through everything that
// reads content: the import (first verdict, classification, routing rules), the scoring pass
// (spam, review deception, the author's account, near-duplicates, campaigns, classification),
// the detail pane, similar cases, and the features the team's models learn from. The test
// finishing is the behaviour: before the link scanner, "a-a-a-…" took 16 s in one pattern.
import { describe, expect, it } from 'vitest';
import { accountFeatures, accountVerdict } from '../../../src/core/detection/accounts';
import { spamDense, spamSparse, spamVerdict } from '../../../src/core/detection/comments';
import { fingerprint } from '../../../src/core/detection/minhash';
import { reviewDense, reviewSparse } from '../../../src/core/detection/reviews';
import { sentimentExample } from '../../../src/core/triage/classify/features';
import { typeExample } from '../../../src/core/triage/classify/type-features';
import { ACCOUNT_TEXT_LIMITS, MAX_TEXT } from '../../../src/shared/records';
import { importRecords, testCore, value } from '../core-helpers';
import { account, item, itemId } from '../helpers';

const NOW = Date.UTC(2025, 0, 6, 12);
const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** Each makes some pattern or loop read a long run again and again, or fills a cache. */
const HOSTILE: Record<string, (n: number) => string> = {
  'a-': (n) => fill('a-', n),
  'a.': (n) => fill('a.', n),
  'www.': (n) => fill('www.', n),
  'http://': (n) => fill('http://', n),
  'one letter': (n) => fill('a', n),
  spaces: (n) => `x${fill(' ', n - 2)}y`,
  digits: (n) => fill('7', n),
  'combining marks': (n) => `e${fill('\u0301', n - 1)}`,
  emoji: (n) => fill('😀', n),
  'alternating case': (n) => fill('aA', n),
  'inner dashes': (n) => `a${fill('-', n - 3)}b-`,
  'inner apostrophes': (n) => `a${fill("'", n - 3)}b'`,
  'letters, digits and dashes': (n) => fill('a1-', n),
  handles: (n) => fill('@ab ', n),
  'dollar amounts': (n) => fill('$1', n),
  'never and spaces': (n) => `never${fill(' ', n - 6)}x`,
  'dots and dashes': (n) => fill('-.', n),
  'long word then .com': (n) => `${fill('a-', n - 4)}.com`,
};

describe('hostile text at the length limit', () => {
  it('scores every item and account with every detector', async () => {
    const c = testCore(NOW);
    value(
      await c.dispatch('rules.save', {
        rules: [
          {
            name: 'Refunds',
            conditions: [{ field: 'keywords', op: 'any', value: ['refund', 'money back now', 'a a a'] }],
            actions: { queue: 'billing' },
          },
        ],
      }),
    );
    const names = Object.keys(HOSTILE);
    const records: Record<string, unknown>[] = [];
    names.forEach((name, k) => {
      const make = HOSTILE[name]!;
      records.push(
        account(`u${k}`, {
          name: make(ACCOUNT_TEXT_LIMITS.name),
          bio: make(ACCOUNT_TEXT_LIMITS.bio),
          url: make(ACCOUNT_TEXT_LIMITS.url),
          location: make(ACCOUNT_TEXT_LIMITS.location),
        }),
      );
      const text = make(MAX_TEXT);
      expect(text.length).toBe(MAX_TEXT);
      records.push(item(`c${k}`, { author: `u${k}`, kind: 'comment', text, target: 'v1' }));
      records.push(item(`r${k}`, { author: `u${k}`, kind: 'review', text, target: 'Hotel', rating: 5 }));
    });
    await importRecords(c, records);
    for (;;) {
      const r = value<{ remaining: number }>(await c.dispatch('detection.rescore', {}));
      if (r.remaining === 0) break;
    }
    const unscored = c.db.prepare('SELECT count(*) AS n FROM items WHERE scored_at IS NULL').get() as { n: number };
    expect(unscored.n).toBe(0);
    const accounts = c.db.prepare('SELECT count(*) AS n FROM accounts WHERE scored_at IS NULL AND stub = 0').get() as { n: number };
    expect(accounts.n).toBe(0);

    for (const [k, name] of names.entries()) {
      const comment = value<{ detection: { spam: { reasons: string[] } | null } }>(
        await c.dispatch('item.detail', { itemId: itemId(c.db, `c${k}`) }),
      );
      expect(comment.detection.spam, name).not.toBeNull();
      const review = value<{ detection: { review: unknown } }>(await c.dispatch('item.detail', { itemId: itemId(c.db, `r${k}`) }));
      expect(review.detection.review, name).not.toBeNull();
      value(await c.dispatch('case.similar', { itemId: itemId(c.db, `c${k}`) }));
    }
    // What the link scanner makes of them: "a-a-…" is no link; the scheme and "www." runs are.
    const reasons = (k: number) =>
      (c.db.prepare('SELECT detection FROM items WHERE external_id = ?').get(`c${k}`) as { detection: string }).detection;
    expect(reasons(names.indexOf('a-'))).not.toContain('links out');
    expect(reasons(names.indexOf('http://'))).toContain('links out (http://');
    expect(reasons(names.indexOf('www.'))).toContain('links out (www.');
    expect(reasons(names.indexOf('long word then .com'))).toContain('links out (a-a-');
  });

  it.each(Object.entries(HOSTILE))('%s: the model features and the pure detectors', (_name, make) => {
    const text = make(MAX_TEXT);
    spamVerdict(text);
    expect(spamDense(text).every(Number.isFinite)).toBe(true);
    spamSparse(text);
    expect(reviewDense(text).every(Number.isFinite)).toBe(true);
    reviewSparse(text);
    fingerprint(text);
    sentimentExample(text);
    typeExample(text);
    const signals = {
      followers: 1,
      following: 1,
      posts: 1,
      likes: 1,
      listed: 0,
      createdAt: NOW,
      verified: false,
      defaultAvatar: false,
      defaultProfile: false,
      bio: make(ACCOUNT_TEXT_LIMITS.bio),
      url: make(ACCOUNT_TEXT_LIMITS.url),
      hasBanner: false,
      geoEnabled: false,
    };
    accountVerdict(signals, NOW);
    expect(accountFeatures(signals, NOW).every(Number.isFinite)).toBe(true);
  });
});

import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/db/open';
import { scoreAccounts, topAccounts } from '../../../src/core/detection/scores/account-scores';
import { listCampaigns } from '../../../src/core/detection/scores/campaigns';
import { rescore } from '../../../src/core/detection/scores/rescore';
import { rerouteAll } from '../../../src/core/detection/scores/settle';
import { upsertAccount } from '../../../src/core/records/accounts';
import { upsertFollow } from '../../../src/core/records/follows';
import { upsertItem } from '../../../src/core/records/items';
import type { AccountRecord, ItemRecord } from '../../../src/shared/records';
import { DEFAULT_THRESHOLDS } from '../../../src/shared/model';
import { openCore } from '../../../src/core/handlers';
import { tempDir } from '../helpers';

const NOW = Date.UTC(2026, 10, 1);
const YEAR = 365 * 86_400_000;
const MIN = 60_000;
const thresholds = DEFAULT_THRESHOLDS;

function acct(id: string, more: Partial<AccountRecord>): AccountRecord {
  return {
    type: 'account',
    platform: 'x',
    id,
    handle: id,
    name: null,
    createdAt: NOW - 5 * YEAR,
    followers: 500,
    following: 200,
    posts: 3000,
    likes: 800,
    listed: 6,
    verified: false,
    defaultAvatar: false,
    defaultProfile: false,
    bio: 'hello',
    url: null,
    location: null,
    extra: null,
    ...more,
  };
}

const bot = (id: string) =>
  acct(id, {
    followers: 3,
    following: 900,
    posts: 2,
    likes: 0,
    listed: 0,
    bio: null,
    defaultAvatar: true,
    createdAt: NOW - 10 * 86_400_000,
  });

function item(id: string, author: string, text: string, at: number, more: Partial<ItemRecord> = {}): ItemRecord {
  return {
    type: 'item',
    platform: 'x',
    id,
    kind: 'comment',
    author,
    createdAt: at,
    text,
    target: 'v1',
    rating: null,
    thread: null,
    parent: null,
    url: null,
    lang: null,
    extra: null,
    ...more,
  };
}

let db: Database;
afterEach(() => db?.open && db.close());

const row = (externalId: string) =>
  db
    .prepare(
      'SELECT i.id, i.queue, i.risk, i.spam_score, i.review_score, i.author_score, i.campaign_id, i.scored_at, o.priority FROM items i JOIN item_order o ON o.id = i.id WHERE i.external_id = ?',
    )
    .get(externalId) as {
    id: number;
    queue: string;
    risk: number;
    spam_score: number | null;
    review_score: number | null;
    author_score: number | null;
    campaign_id: number | null;
    scored_at: number | null;
    priority: number;
  };

describe('stored account verdicts', () => {
  it('scores new and changed accounts only, and ranks the fakest first with reasons', () => {
    db = openDatabase(':memory:');
    upsertAccount(db, acct('real', {}), NOW);
    upsertAccount(db, bot('bot1'), NOW);
    expect(scoreAccounts(db, NOW)).toBe(2);
    expect(scoreAccounts(db, NOW)).toBe(0);
    upsertAccount(db, bot('bot2'), NOW + 1);
    expect(scoreAccounts(db, NOW + 1)).toBe(1);
    upsertAccount(db, bot('bot1'), NOW + 2); // changed (re-imported): scored again
    expect(scoreAccounts(db, NOW + 2)).toBe(1);
    const top = topAccounts(db, 10);
    expect(
      top
        .map((a) => a.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(['bot1', 'bot2']);
    expect(top[2]!.id).toBe('real');
    expect(top[0]!.reasons.join(' | ')).toMatch(/only 3 followers/);
    expect(top[0]!.fakeFollowerShare).toBeUndefined();
  });

  it('audits followers where they are known, and ranks the account by the reach left', () => {
    db = openDatabase(':memory:');
    upsertAccount(db, acct('brand', { followers: 1000 }), NOW);
    upsertItem(db, item('b-post', 'brand', 'Our new season starts today with a long list of changes', NOW), NOW);
    rescore(db, NOW, { thresholds });
    const before = row('b-post').priority;
    for (let i = 0; i < 3; i++) upsertAccount(db, bot(`b${i}`), NOW);
    upsertAccount(db, acct('fan', {}), NOW);
    for (const f of ['b0', 'b1', 'b2', 'fan']) upsertFollow(db, { type: 'follow', platform: 'x', follower: f, followee: 'brand' }, NOW);
    const r = rescore(db, NOW, { thresholds });
    expect(r.audits).toBe(1);
    const brand = topAccounts(db, 10).find((a) => a.id === 'brand')!;
    expect(brand.fakeFollowerShare).toBeCloseTo(0.75, 10);
    expect(brand.adjustedReach).toBe(250);
    expect(row('b-post').priority).toBeLessThan(before);
    // Nothing changed: nothing audited again.
    expect(rescore(db, NOW, { thresholds }).audits).toBe(0);
  });
});

describe('stored item verdicts', () => {
  it('scores each item once, routes the likely spam, and scores again what changed', () => {
    db = openDatabase(':memory:');
    upsertAccount(db, acct('ana', {}), NOW);
    upsertItem(db, item('ham', 'ana', 'Lovely video, the drone shots over the lake are beautiful', NOW), NOW);
    upsertItem(db, item('spam', 'ana', 'FREE gift cards!!! subscribe to my channel and visit www.prize-claim.biz now', NOW), NOW);
    expect(rescore(db, NOW, { thresholds }).items).toBe(2);
    expect(rescore(db, NOW, { thresholds }).items).toBe(0);
    expect(row('ham').queue).toBe('comments');
    expect(row('spam').queue).toBe('spam');
    expect(row('spam').risk).toBeGreaterThan(0.8);
    expect(row('ham').risk).toBeLessThan(0.5);
    upsertItem(db, item('ham', 'ana', 'Check out my channel for more, subscribe and win a free prize at www.win.tk', NOW), NOW + 1);
    expect(rescore(db, NOW + 1, { thresholds }).items).toBe(1);
    expect(row('ham').queue).toBe('spam');
  });

  it('moves waiting items when a threshold moves, and leaves decided ones where they are', () => {
    db = openDatabase(':memory:');
    upsertItem(db, item('s1', 'ana', 'FREE gift cards!!! subscribe to my channel and visit www.prize-claim.biz now', NOW), NOW);
    rescore(db, NOW, { thresholds });
    expect(row('s1').queue).toBe('spam');
    expect(rerouteAll(db, { ...thresholds, spam: 1 })).toBe(1);
    expect(row('s1').queue).toBe('comments');
    db.prepare("UPDATE items SET status = 'approved'").run();
    rerouteAll(db, thresholds);
    expect(row('s1').queue).toBe('comments');
  });

  it('scores an author’s waiting items again after one was scored by a decision', () => {
    db = openDatabase(':memory:');
    upsertItem(db, item('a1', 'ana', 'nice one', NOW), NOW);
    upsertItem(db, item('a2', 'ana', 'what a great video', NOW), NOW);
    upsertItem(db, item('a3', 'ana', 'see you all tomorrow', NOW), NOW);
    rescore(db, NOW, { thresholds });
    expect(row('a3').author_score).toBeNull();
    db.prepare("UPDATE items SET status = 'spam' WHERE external_id IN ('a1', 'a2')").run();
    db.prepare("UPDATE items SET scored_at = NULL WHERE external_id = 'a3'").run();
    rescore(db, NOW, { thresholds });
    expect(row('a3').author_score).toBeGreaterThan(0.8);
    expect(row('a3').queue).toBe('fake-accounts');
  });
});

describe('after a decision', () => {
  it('scores the author’s other waiting items again once the decision is answered', async () => {
    const core = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana', now: () => NOW });
    try {
      for (const id of ['a1', 'a2', 'a3']) upsertItem(core.db, item(id, 'ana', `an ordinary remark number ${id}`, NOW), NOW);
      await core.dispatch('detection.rescore', {});
      const ids = core.db.prepare('SELECT id FROM items ORDER BY external_id').pluck().all() as number[];
      const authorOf = (id: number) => core.db.prepare('SELECT author_score FROM items WHERE id = ?').pluck().get(id) as number | null;
      expect(authorOf(ids[2]!)).toBeNull();
      expect((await core.dispatch('decision.apply', { itemIds: [ids[0]!, ids[1]!], action: 'spam' })).ok).toBe(true);
      await new Promise((r) => setImmediate(r));
      expect(authorOf(ids[2]!)).toBeGreaterThan(0.8);
    } finally {
      core.close();
    }
  });
});

describe('posting rhythm', () => {
  it('calls an author whose posts come seconds apart scripted, where their items are known', () => {
    db = openDatabase(':memory:');
    for (let i = 0; i < 8; i++) upsertItem(db, item(`fast${i}`, 'script', `comment number ${i} on this video`, NOW + i * 20_000), NOW);
    for (let i = 0; i < 8; i++) upsertItem(db, item(`slow${i}`, 'person', `comment number ${i} on this video`, NOW + i * 3_600_000), NOW);
    rescore(db, NOW, { thresholds });
    const detection = (id: string) => JSON.parse(db.prepare('SELECT detection FROM items WHERE external_id = ?').pluck().get(id) as string);
    expect(detection('fast3').author.reasons).toContain('8 of the author’s 8 posts came less than a minute apart');
    expect(row('fast3').author_score).toBeGreaterThanOrEqual(0.8);
    expect(detection('slow3').author).toBeUndefined();
  });
});

describe('stored campaigns', () => {
  const wave = 'Win a free blender today, go to prize-claim example and enter your card details now';

  it('finds a campaign across imports, names it by its first item, and routes its members', () => {
    db = openDatabase(':memory:');
    for (let i = 0; i < 3; i++) upsertItem(db, item(`c${i}`, `u${i}`, wave, NOW + i * MIN), NOW);
    upsertItem(db, item('other', 'u9', 'Lovely video, the drone shots over the lake are beautiful', NOW), NOW);
    rescore(db, NOW, { thresholds });
    expect(listCampaigns(db)).toEqual([]);
    // The next import brings the rest of the wave: the campaign forms from both.
    for (let i = 3; i < 7; i++) upsertItem(db, item(`c${i}`, `u${i}`, i % 2 ? `${wave}!!` : wave, NOW + i * MIN), NOW);
    rescore(db, NOW, { thresholds });
    const found = listCampaigns(db);
    expect(found).toHaveLength(1);
    expect(found[0]!.id).toBe('nd-x:c0');
    expect(found[0]!.items).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect([...found[0]!.accounts].sort()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6']);
    expect(found[0]!.reasons[0]).toMatch(/7 posts .* from 7 accounts/);
    expect(row('c0').queue).toBe('spam-waves');
    expect(row('other').campaign_id).toBeNull();
    // What still waits of it: all seven, then five once two are decided.
    expect(found[0]!.waiting).toBe(7);
    db.prepare("UPDATE items SET status = 'spam' WHERE external_id IN ('c0', 'c3')").run();
    expect(listCampaigns(db)[0]!.waiting).toBe(5);
  });

  it('calls the same accounts bursting on one target after another a review ring', () => {
    db = openDatabase(':memory:');
    const hotels = ['Hotel Allegro', 'The Drake'];
    hotels.forEach((hotel, h) => {
      for (let i = 0; i < 6; i++) {
        const text = `Absolutely perfect stay at ${hotel}, the best hotel in the city, I will tell all my friends about it!!`;
        upsertItem(
          db,
          item(`r${h}-${i}`, `ring${i}`, text, NOW + h * 86_400_000 + i * MIN, { kind: 'review', target: hotel, rating: 5 }),
          NOW,
        );
      }
    });
    rescore(db, NOW, { thresholds });
    const found = listCampaigns(db);
    expect(found).toHaveLength(2);
    for (const c of found) {
      expect(c.kind).toBe('review-ring');
      expect(c.reasons.at(-1)).toMatch(/^6 of these accounts also posted in 1 other burst \(about (Hotel Allegro|The Drake)\)$/);
    }
  });

  it('does not make a campaign of a phrase many people say over weeks', () => {
    db = openDatabase(':memory:');
    for (let i = 0; i < 40; i++) upsertItem(db, item(`t${i}`, `u${i}`, 'Thank you!', NOW - i * 13 * 3_600_000), NOW);
    rescore(db, NOW, { thresholds });
    expect(listCampaigns(db)).toEqual([]);
  });
});

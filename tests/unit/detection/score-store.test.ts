import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/db/open';
import { listCampaigns, scoreAccounts, topAccounts } from '../../../src/core/detection/score-store';
import { upsertAccount } from '../../../src/core/store/accounts';
import { upsertFollow } from '../../../src/core/store/follows';
import { upsertItem } from '../../../src/core/store/items';
import type { AccountRecord, ItemRecord } from '../../../src/core/import/records';

const NOW = Date.UTC(2026, 10, 1);
const YEAR = 365 * 86_400_000;

function acct(id: string, more: Partial<AccountRecord>): AccountRecord {
  return {
    type: 'account', platform: 'x', id, handle: id, name: null, createdAt: NOW - 5 * YEAR, followers: 500, following: 200, posts: 3000, likes: 800,
    listed: 6, verified: false, defaultAvatar: false, defaultProfile: false, bio: 'hello', url: null, location: null, extra: null, ...more,
  };
}

const bot = (id: string) => acct(id, { followers: 3, following: 900, posts: 2, likes: 0, listed: 0, bio: null, defaultAvatar: true, createdAt: NOW - 10 * 86_400_000 });

function item(id: string, author: string, text: string, at: number): ItemRecord {
  return { type: 'item', platform: 'youtube', id, kind: 'comment', author, createdAt: at, text, target: 'v1', rating: null, thread: null, parent: null, url: null, lang: null, extra: null };
}

describe('stored account verdicts', () => {
  it('scores new and changed accounts only, and ranks the fakest first with reasons', () => {
    const db = openDatabase(':memory:');
    upsertAccount(db, acct('real', {}), NOW);
    upsertAccount(db, bot('bot1'), NOW);
    expect(scoreAccounts(db, NOW)).toBe(2);
    expect(scoreAccounts(db, NOW)).toBe(0);
    upsertAccount(db, bot('bot2'), NOW + 1);
    expect(scoreAccounts(db, NOW + 1)).toBe(1);
    const top = topAccounts(db, 10, NOW + 1);
    expect(top.map((a) => a.id).slice(0, 2).sort()).toEqual(['bot1', 'bot2']);
    expect(top[2]!.id).toBe('real');
    expect(top[0]!.reasons.join(' | ')).toMatch(/only 3 followers/);
    expect(top[0]!.fakeFollowerShare).toBeUndefined();
    db.close();
  });

  it('audits followers where they are known: share that look fake, reach without them', () => {
    const db = openDatabase(':memory:');
    upsertAccount(db, acct('brand', { followers: 1000 }), NOW);
    for (let i = 0; i < 3; i++) upsertAccount(db, bot(`b${i}`), NOW);
    upsertAccount(db, acct('fan', {}), NOW);
    for (const f of ['b0', 'b1', 'b2', 'fan']) upsertFollow(db, { type: 'follow', platform: 'x', follower: f, followee: 'brand' }, NOW);
    const brand = topAccounts(db, 10, NOW).find((a) => a.id === 'brand')!;
    expect(brand.fakeFollowerShare).toBeCloseTo(0.75, 10);
    expect(brand.adjustedReach).toBe(250);
    db.close();
  });
});

describe('stored campaigns', () => {
  it('names each campaign by its first item and lists platform ids', () => {
    const db = openDatabase(':memory:');
    const text = 'Win a free blender today, go to prize-claim example and enter your card details now';
    for (let i = 0; i < 6; i++) upsertItem(db, item(`c${i}`, `u${i}`, text, NOW + i * 60_000), NOW);
    upsertItem(db, item('other', 'u9', 'Lovely video, the drone shots over the lake are beautiful', NOW), NOW);
    const found = listCampaigns(db);
    expect(found).toHaveLength(1);
    expect(found[0]!.id).toBe('nd-c0');
    expect(found[0]!.items).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
    expect([...found[0]!.accounts].sort()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);
    db.close();
  });
});

import { describe, expect, it } from 'vitest';
import type { AccountRecord, InterchangeRecord, ItemRecord } from '../../src/shared/records';
import { generateWorkload, toInterchange } from '../../src/core/seed/generate';
import { loadWorkload } from '../../src/core/seed/load';
import { importText, memoryDb } from './helpers';

const NOW = Date.UTC(2025, 0, 6, 12);
const gen = (items: number, seed = 7) => [...generateWorkload({ items, seed, now: NOW })];

describe('seeded workload', () => {
  it('is the same for the same seed, and differs for another', () => {
    const a = gen(1500);
    expect(gen(1500)).toEqual(a);
    expect(gen(1500, 8)).not.toEqual(a);
  });

  it.each([1, 7, 100, 2345])('has exactly %i items', (n) => {
    expect(gen(n).filter((r) => r.type === 'item')).toHaveLength(n);
  });

  const records = gen(4000);
  const items = records.filter((r): r is ItemRecord => r.type === 'item');
  const accounts = records.filter((r): r is AccountRecord => r.type === 'account');
  const follows = records.filter((r) => r.type === 'follow');
  const accountOf = new Map(accounts.map((a) => [`${a.platform}/${a.id}`, a]));

  it('has brand mentions with questions, complaints and compliments', () => {
    const mentions = items.filter((i) => i.kind === 'mention');
    expect(mentions.length).toBeGreaterThan(400);
    const intents = new Set(mentions.map((m) => m.extra?.intent));
    for (const intent of ['question', 'complaint', 'compliment']) expect(intents).toContain(intent);
    expect(mentions.filter((m) => m.extra?.intent === 'question').some((m) => m.text.includes('?'))).toBe(true);
    // and reply threads under some of them
    const replies = items.filter((i) => i.kind === 'reply');
    expect(replies.length).toBeGreaterThan(0);
    const ids = new Set(mentions.map((m) => m.id));
    for (const r of replies) expect(ids).toContain(r.thread);
  });

  it('has reviews with ratings 1–5 and targets, products and hotels', () => {
    const reviews = items.filter((i) => i.kind === 'review');
    expect(reviews.length).toBeGreaterThan(300);
    for (const r of reviews) {
      expect(r.rating).toBeGreaterThanOrEqual(1);
      expect(r.rating).toBeLessThanOrEqual(5);
      expect(r.target).toBeTruthy();
    }
    expect(new Set(reviews.map((r) => r.platform))).toEqual(new Set(['shop', 'hotels']));
    expect(new Set(reviews.map((r) => r.rating)).size).toBeGreaterThanOrEqual(4);
  });

  it('has spam waves: one comment text from at least five accounts within minutes', () => {
    const byText = new Map<string, ItemRecord[]>();
    for (const c of items.filter((i) => i.kind === 'comment')) byText.set(c.text, [...(byText.get(c.text) ?? []), c]);
    const waves = [...byText.values()].filter((group) => {
      const sorted = [...group].sort((a, b) => a.createdAt! - b.createdAt!);
      // some window of 30 minutes holds the same text from ≥ 5 distinct authors
      return sorted.some((first) => {
        const inWindow = sorted.filter((c) => c.createdAt! >= first.createdAt! && c.createdAt! - first.createdAt! <= 30 * 60_000);
        return new Set(inWindow.map((c) => c.author)).size >= 5;
      });
    });
    expect(waves.length).toBeGreaterThan(0);
  });

  it('has fake-looking accounts (new, few followers) next to genuine ones', () => {
    const day = 86_400_000;
    const fakeLooking = accounts.filter((a) => (a.followers ?? 0) <= 25 && NOW - a.createdAt! < 150 * day && (a.following ?? 0) >= 300);
    const genuine = accounts.filter((a) => (a.followers ?? 0) >= 50 && NOW - a.createdAt! > 200 * day);
    expect(fakeLooking.length).toBeGreaterThan(100);
    expect(genuine.length).toBeGreaterThan(500);
    // the fake ones post: they author items
    const fakeAuthors = new Set(fakeLooking.map((a) => a.id));
    expect(items.some((i) => i.author !== null && fakeAuthors.has(i.author))).toBe(true);
  });

  it('has follows between known accounts, and every author is an account before its item', () => {
    expect(follows.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const r of records as InterchangeRecord[]) {
      if (r.type === 'account') seen.add(`${r.platform}/${r.id}`);
      else if (r.type === 'item') expect(seen.has(`${r.platform}/${r.author}`), `${r.platform}/${r.author}`).toBe(true);
      else {
        expect(accountOf.has(`${r.platform}/${r.follower}`)).toBe(true);
        expect(accountOf.has(`${r.platform}/${r.followee}`)).toBe(true);
      }
    }
  });

  it('item ids are unique per platform, and dates within the workload span', () => {
    const keys = items.map((i) => `${i.platform}/${i.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const i of items) expect(i.createdAt!).toBeLessThanOrEqual(NOW + 2 * 86_400_000);
  });

  it('loads into the store with the counts it reports, and no stubs left', () => {
    const db = memoryDb();
    const counts = loadWorkload(db, { items: 1200, seed: 5, now: NOW });
    expect(counts.items).toBe(1200);
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(1200);
    expect(db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(counts.accounts);
    expect(db.prepare('SELECT count(*) FROM follows').pluck().get()).toBe(counts.follows);
    expect(db.prepare('SELECT count(*) FROM accounts WHERE stub = 1').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM items WHERE author_id IS NULL').pluck().get()).toBe(0);
  });

  it('written as NDJSON with toInterchange, imports without an error to the same items', async () => {
    const db = memoryDb();
    const recs = gen(600, 3);
    const report = await importText(db, 'demo.ndjson', recs.map((r) => JSON.stringify(toInterchange(r))).join('\n'));
    expect(report.errors).toEqual([]);
    expect(report.items.inserted).toBe(600);
    const direct = memoryDb();
    loadWorkload(direct, { items: 600, seed: 3, now: NOW });
    const q =
      'SELECT platform, external_id, kind, text, target, rating, thread, created_at, extra FROM items ORDER BY platform, external_id';
    expect(db.prepare(q).all()).toEqual(direct.prepare(q).all());
  });
});

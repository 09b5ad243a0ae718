import { describe, expect, it } from 'vitest';
import { columns, objectNames, openAt, rawAccount, rawItem, reopenAt, userVersion } from './steps';

describe('migration 0017: cases', () => {
  it("groups each author's messages into cases, a new one after a week of silence; authorless items stand alone", () => {
    const { db: v13, file } = openAt(13);
    const ana = rawAccount(v13, 'ana');
    const bo = rawAccount(v13, 'bo');
    const at = (id: number, ms: number) => v13.prepare('UPDATE items SET created_at = ? WHERE id = ?').run(ms, id);
    const day = 86_400_000;
    const a1 = rawItem(v13, { authorId: ana });
    const a2 = rawItem(v13, { authorId: ana });
    const a3 = rawItem(v13, { authorId: ana });
    const b1 = rawItem(v13, { authorId: bo });
    const lone = rawItem(v13, { authorId: null });
    at(a1, 1_000 * day);
    at(a2, 1_003 * day);
    at(a3, 1_011 * day); // eight days after a2: a new matter
    at(b1, 1_001 * day);
    const db = reopenAt(v13, file, 17);
    expect(userVersion(db)).toBe(17);
    expect(columns(db, 'items')).toContain('case_root');
    expect(objectNames(db, 'index')).toEqual(expect.arrayContaining(['items_case_root', 'cases_customer_open', 'cases_bounced']));
    const rootOf = (id: number) => db.prepare('SELECT case_root FROM items WHERE id = ?').pluck().get(id);
    expect([a1, a2, a3, b1, lone].map(rootOf)).toEqual([a1, a1, a3, b1, lone]);
    expect(db.prepare('SELECT root_item, customer, status, opened_at, last_at, items FROM cases ORDER BY root_item').all()).toEqual([
      { root_item: a1, customer: ana, status: 'open', opened_at: 1_000 * day, last_at: 1_003 * day, items: 2 },
      { root_item: a3, customer: ana, status: 'open', opened_at: 1_011 * day, last_at: 1_011 * day, items: 1 },
      { root_item: b1, customer: bo, status: 'open', opened_at: 1_001 * day, last_at: 1_001 * day, items: 1 },
      { root_item: lone, customer: null, status: 'open', opened_at: expect.any(Number), last_at: expect.any(Number), items: 1 },
    ]);
  });
});

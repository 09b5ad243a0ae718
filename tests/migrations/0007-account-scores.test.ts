import { describe, expect, it } from 'vitest';
import { columns, objectNames, openAt, reopenAt, userVersion } from './steps';

describe('migration 0007: account verdicts', () => {
  it('adds score, reasons and scored_at to accounts, keeps the accounts, and indexes the score', () => {
    const { db: v6, file } = openAt(6);
    v6.prepare("INSERT INTO accounts (platform, external_id, handle, followers, imported_at) VALUES ('x', 'a1', 'ana', 12, 1)").run();
    const db = reopenAt(v6, file, 7);
    expect(userVersion(db)).toBe(7);
    expect(columns(db, 'accounts')).toEqual(expect.arrayContaining(['fake_score', 'fake_reasons', 'scored_at']));
    expect(objectNames(db, 'index')).toContain('accounts_fake_score');
    expect(db.prepare('SELECT handle, followers, fake_score, scored_at FROM accounts').get()).toEqual({
      handle: 'ana',
      followers: 12,
      fake_score: null,
      scored_at: null,
    });
  });
});

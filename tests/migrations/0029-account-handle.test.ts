import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { objectNames, openAt, rawAccount, reopenAt, userVersion } from './steps';

const UP_TO_29 = MIGRATIONS.findIndex((m) => m.version === 29) + 1;

describe('migration 0029: accounts found by handle', () => {
  it('indexes the handles accounts already have, in any case, and keeps them', () => {
    const { db: v28, file } = openAt(UP_TO_29 - 1);
    const anna = rawAccount(v28, 'anna'); // handle h_anna
    v28.prepare("UPDATE accounts SET handle = 'Anna_K' WHERE id = ?").run(anna);
    rawAccount(v28, 'bo');

    const db = reopenAt(v28, file, UP_TO_29);
    expect(userVersion(db)).toBe(29);
    expect(objectNames(db, 'index')).toContain('accounts_handle');
    const find = "SELECT id FROM accounts WHERE handle COLLATE NOCASE IN ('anna_k', '@anna_k')";
    expect(db.prepare(find).pluck().all()).toEqual([anna]);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${find}`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX accounts_handle \(handle=\?\)/);
    // A handle is no key: two accounts (two platforms) may share one.
    db.prepare("INSERT INTO accounts (platform, external_id, handle, imported_at) VALUES ('youtube', 'anna-yt', 'anna_k', 1)").run();
    expect(db.prepare(find).pluck().all()).toHaveLength(2);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });
});

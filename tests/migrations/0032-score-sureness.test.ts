import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import type { Database } from 'better-sqlite3';
import { columns, openAt, rawAccount, reopenAt, userVersion } from './steps';

let n = 0;
/** An item as the store at schema 31 keeps it (ordering lives in item_order since 0026). */
function rawItem(db: Database, more: { status?: string; authorId?: number | null } = {}): number {
  n++;
  return Number(
    db
      .prepare(
        `INSERT INTO items (platform, external_id, kind, author_id, text, queue, status, imported_at) VALUES ('x', ?, 'review', ?, 'fine', 'reviews', ?, 1)`,
      )
      .run(`r${n}`, more.authorId ?? null, more.status ?? 'new').lastInsertRowid,
  );
}

const UP_TO_32 = MIGRATIONS.findIndex((m) => m.version === 32) + 1;

describe('migration 0032: scores say how sure they are', () => {
  it('gives accounts a place for their verdict’s sureness and marks every verdict to be worked out again', () => {
    const { db: v31, file } = openAt(UP_TO_32 - 1);
    const full = rawAccount(v31, 'anna');
    const stub = rawAccount(v31, 'bo');
    v31.prepare('UPDATE accounts SET stub = 1, fake_score = NULL WHERE id = ?').run(stub);
    v31.prepare("UPDATE accounts SET fake_score = 0.5, fake_reasons = '[]', scored_at = 7 WHERE id = ?").run(full);
    const waiting = rawItem(v31, { status: 'new', authorId: full });
    const decided = rawItem(v31, { status: 'spam', authorId: stub });
    const unscored = rawItem(v31, { status: 'new' });
    v31
      .prepare(
        'UPDATE items SET scored_at = 9, risk = 0.5, detection = \'{"review":{"score":0.5,"reasons":[],"source":"rules"}}\' WHERE id IN (?, ?)',
      )
      .run(waiting, decided);

    const db = reopenAt(v31, file, UP_TO_32);
    expect(userVersion(db)).toBe(32);
    expect(columns(db, 'accounts')).toContain('fake_sure');
    // The old verdict stays until the pass replaces it; it is waiting to be replaced.
    expect(db.prepare('SELECT id, fake_score, fake_sure, scored_at FROM accounts ORDER BY id').all()).toEqual([
      { id: full, fake_score: 0.5, fake_sure: null, scored_at: null },
      { id: stub, fake_score: null, fake_sure: null, scored_at: null },
    ]);
    // Every scored item waits to be scored again, decided ones too (their author verdicts are rescored as well).
    expect(db.prepare('SELECT id, scored_at, risk FROM items ORDER BY id').all()).toEqual([
      { id: waiting, scored_at: null, risk: 0.5 },
      { id: decided, scored_at: null, risk: 0.5 },
      { id: unscored, scored_at: null, risk: 0 },
    ]);
    // Only full accounts are scored: the stub stays out of the partial index's way.
    expect(db.prepare('SELECT id FROM accounts WHERE scored_at IS NULL AND stub = 0').pluck().all()).toEqual([full]);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });
});

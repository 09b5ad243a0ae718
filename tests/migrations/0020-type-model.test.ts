import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { TYPE_LABELS_WHERE } from '../../src/core/detection/training/labels';
import { objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';

/** Up to and including 0020, wherever it sits in the list. */
const UP_TO_20 = MIGRATIONS.findIndex((m) => m.version === 20) + 1;
const insertModel = (kind: string, active = 0) =>
  `INSERT INTO models (kind, created_at, created_by, positives, negatives, metrics, shape, weights, active, activated_at)
   VALUES ('${kind}', 1, 'ana', 20, 20, '{}', '{}', x'00', ${active}, ${active ? 2 : 'NULL'})`;

describe('migration 0020: the type model', () => {
  it('keeps the models (the active one still active) and allows the type kind', () => {
    const { db: v19, file } = openAt(UP_TO_20 - 1);
    v19.prepare(insertModel('sentiment', 1)).run();
    v19.prepare(insertModel('spam')).run();
    expect(() => v19.prepare(insertModel('type')).run()).toThrow(/CHECK/);

    const db = reopenAt(v19, file, UP_TO_20);
    expect(userVersion(db)).toBe(20);
    expect(db.prepare('SELECT id, kind, active FROM models ORDER BY id').all()).toEqual([
      { id: 1, kind: 'sentiment', active: 1 },
      { id: 2, kind: 'spam', active: 0 },
    ]);
    db.prepare(insertModel('type')).run();
    expect(() => db.prepare(insertModel('mood')).run()).toThrow(/CHECK/);
    // still one active model per kind
    expect(() => db.prepare(insertModel('sentiment', 1)).run()).toThrow(/UNIQUE/);
    expect(objectNames(db, 'index')).toEqual(expect.arrayContaining(['models_active', 'models_kind', 'items_type_labels']));
  });

  it('counts the type labels from their index: corrections, and rules’ types answered or escalated', () => {
    const { db: v19, file } = openAt(UP_TO_20 - 1);
    const set = v19.prepare('UPDATE items SET triage_type = ?, type_by = ? WHERE id = ?');
    set.run('complaint', 'moderator', rawItem(v19));
    set.run('question', 'rules', rawItem(v19, { status: 'replied' }));
    set.run('question', 'rules', rawItem(v19, { status: 'approved' }));
    set.run('compliment', 'model', rawItem(v19, { status: 'replied' }));
    set.run('spam', 'rules', rawItem(v19, { status: 'escalated' }));
    const db = reopenAt(v19, file, UP_TO_20);
    const sql = `SELECT triage_type AS t, count(*) AS n FROM items WHERE ${TYPE_LABELS_WHERE} GROUP BY triage_type`;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(plan).toContain('items_type_labels');
    expect(db.prepare(`${sql} ORDER BY t`).all()).toEqual([{ t: 'complaint', n: 1 }, { t: 'question', n: 1 }]);
  });
});

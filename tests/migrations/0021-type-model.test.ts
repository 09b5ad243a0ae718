import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { TYPE_LABELS_WHERE } from '../../src/core/detection/training/labels';
import { objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';
import { plan } from '../unit/query-plan';

/** Up to and including 0021, wherever it sits in the list. */
const UP_TO_21 = MIGRATIONS.findIndex((m) => m.version === 21) + 1;
const insertModel = (kind: string, active = 0) =>
  `INSERT INTO models (kind, created_at, created_by, positives, negatives, metrics, shape, weights, active, activated_at)
   VALUES ('${kind}', 1, 'ana', 20, 20, '{}', '{}', x'00', ${active}, ${active ? 2 : 'NULL'})`;

describe('migration 0021: the type model', () => {
  it('keeps the models (the active one still active) and allows the type kind', () => {
    const { db: v20, file } = openAt(UP_TO_21 - 1);
    v20.prepare(insertModel('sentiment', 1)).run();
    v20.prepare(insertModel('spam')).run();
    expect(() => v20.prepare(insertModel('type')).run()).toThrow(/CHECK/);

    const db = reopenAt(v20, file, UP_TO_21);
    expect(userVersion(db)).toBe(21);
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
    const { db: v20, file } = openAt(UP_TO_21 - 1);
    const set = v20.prepare('UPDATE items SET triage_type = ?, type_by = ? WHERE id = ?');
    set.run('complaint', 'moderator', rawItem(v20));
    set.run('question', 'rules', rawItem(v20, { status: 'replied' }));
    set.run('question', 'rules', rawItem(v20, { status: 'approved' }));
    set.run('compliment', 'model', rawItem(v20, { status: 'replied' }));
    set.run('spam', 'rules', rawItem(v20, { status: 'escalated' }));
    const db = reopenAt(v20, file, UP_TO_21);
    const sql = `SELECT triage_type AS t, count(*) AS n FROM items WHERE ${TYPE_LABELS_WHERE} GROUP BY triage_type`;
    expect(plan(db, sql)).toContain('items_type_labels');
    expect(db.prepare(`${sql} ORDER BY t`).all()).toEqual([
      { t: 'complaint', n: 1 },
      { t: 'question', n: 1 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { columns, objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';

describe('migration 0009: trained models', () => {
  it('adds the models table with at most one active model per kind, and keeps the items', () => {
    const { db: v8, file } = openAt(8);
    const id = rawItem(v8, { text: 'kept' });
    const db = reopenAt(v8, file, 9);
    expect(userVersion(db)).toBe(9);
    expect(columns(db, 'models')).toEqual([
      'id',
      'kind',
      'created_at',
      'created_by',
      'positives',
      'negatives',
      'metrics',
      'shape',
      'weights',
      'active',
      'activated_at',
    ]);
    expect(objectNames(db, 'index')).toEqual(expect.arrayContaining(['models_active', 'models_kind']));
    expect(db.prepare('SELECT text FROM items WHERE id = ?').pluck().get(id)).toBe('kept');
    const add = db.prepare(
      "INSERT INTO models (kind, created_at, created_by, positives, negatives, metrics, shape, weights, active) VALUES (?, 1, 'ana', 1, 1, '{}', '{}', x'00', ?)",
    );
    add.run('spam', 1);
    add.run('reviews', 1);
    add.run('spam', 0);
    expect(() => add.run('spam', 1)).toThrow(/UNIQUE/);
    expect(() => add.run('nonsense', 0)).toThrow(/CHECK/);
  });
});

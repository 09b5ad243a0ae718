import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { columns, objectNames, openAt, reopenAt, userVersion } from './steps';

const UP_TO_30 = MIGRATIONS.findIndex((m) => m.version === 30) + 1;

describe('migration 0030: decisions kept for undo', () => {
  it('adds undo_groups, and finds the latest open group of a person through its index', () => {
    const { db: v29, file } = openAt(UP_TO_30 - 1);
    const db = reopenAt(v29, file, UP_TO_30);
    expect(userVersion(db)).toBe(30);
    expect(columns(db, 'undo_groups')).toEqual(['id', 'actor', 'text', 'event_ids', 'item_ids', 'created_at', 'undone_at']);
    expect(objectNames(db, 'index')).toContain('undo_groups_open');
    expect(() =>
      db
        .prepare(
          "INSERT INTO undo_groups (actor, text, event_ids, item_ids, created_at) VALUES ('ana', 'Approved 1 item', '[]', '[]', 'soon')",
        )
        .run(),
    ).toThrow(/cannot store TEXT/);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM undo_groups WHERE actor = 'ana' AND undone_at IS NULL ORDER BY id DESC")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX undo_groups_open/);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });
});

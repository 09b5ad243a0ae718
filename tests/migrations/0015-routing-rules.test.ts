import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../src/core/db/open';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { onCleanup, tempDir } from '../unit/helpers';
import { columns, objectNames, rawItem, userVersion } from './steps';
import { plan } from '../unit/query-plan';

// By version, not by position: other migrations are numbered around this one.
const upTo = (v: number) => MIGRATIONS.filter((m) => m.version <= v);

describe('migration 0015: routing rules', () => {
  it('adds the rules table and the routing columns, keeping items, with an index for "routed by rule X"', () => {
    const file = join(tempDir(), 'vigil.db');
    const before = openDatabase(file, { migrations: upTo(14) });
    const kept = rawItem(before, { queue: 'reviews', kind: 'review' });
    before.close();
    const db = openDatabase(file, { migrations: upTo(15) });
    onCleanup(() => db.open && db.close());
    expect(userVersion(db)).toBe(15);
    expect(columns(db, 'rules')).toEqual(['id', 'position', 'name', 'enabled', 'conditions', 'actions', 'updated_at', 'updated_by']);
    expect(columns(db, 'items')).toEqual(
      expect.arrayContaining(['rule_id', 'rule_why', 'route_queue', 'route_boost', 'sla_policy', 'route']),
    );
    expect(objectNames(db, 'index')).toContain('items_rule_status_priority');
    // Existing items are unrouted, with no boost.
    expect(db.prepare('SELECT queue, rule_id, route_boost FROM items WHERE id = ?').get(kept)).toEqual({
      queue: 'reviews',
      rule_id: null,
      route_boost: 1,
    });

    db.prepare("UPDATE items SET rule_id = 'r-1' WHERE id = ?").run(kept);
    const sql = "SELECT id FROM items WHERE rule_id = ? AND status = 'new' ORDER BY priority DESC, id LIMIT 50";
    const steps = plan(db, sql, ['r-1']);
    expect(steps).toContain('items_rule_status_priority');
    expect(steps).not.toContain('TEMP B-TREE');
    expect(db.prepare(sql).pluck().all('r-1')).toEqual([kept]);
    // Positions are unique: the order is one order.
    const put = db.prepare(
      "INSERT INTO rules (id, position, name, enabled, conditions, actions, updated_at, updated_by) VALUES (?, ?, 'n', 1, '[]', '{}', 0, 'ana')",
    );
    put.run('a', 0);
    expect(() => put.run('b', 0)).toThrow(/UNIQUE/);
  });
});

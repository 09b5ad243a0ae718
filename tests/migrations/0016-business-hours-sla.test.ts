import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/handlers';
import { columns, objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';
import { onCleanup } from '../unit/helpers';
import { dirname } from 'node:path';

describe('migration 0016: business hours and SLA', () => {
  it('adds teams, policies and per-item dues; open items get the default policy, and core fills their dues on the next start', () => {
    const { db: v13, file } = openAt(13);
    const waiting = rawItem(v13, { status: 'new' });
    const decided = rawItem(v13, { status: 'approved' });
    const db = reopenAt(v13, file, 16);
    expect(userVersion(db)).toBe(16);
    expect(objectNames(db, 'table')).toEqual(expect.arrayContaining(['teams', 'sla_policies']));
    expect(columns(db, 'items')).toEqual(
      expect.arrayContaining(['sla_policy_id', 'first_response_due', 'resolution_due', 'first_response_at', 'sla_due']),
    );
    expect(objectNames(db, 'index')).toEqual(
      expect.arrayContaining(['items_status_sla_due', 'items_first_response_late', 'sla_policies_one_default']),
    );
    const team = db.prepare('SELECT name, time_zone, weekly_hours, holidays FROM teams').get() as {
      name: string;
      time_zone: string;
      weekly_hours: string;
      holidays: string;
    };
    expect(team.name).toBe('Support');
    expect(team.time_zone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(JSON.parse(team.weekly_hours).mon).toEqual([{ from: '09:00', to: '17:00' }]);
    expect(JSON.parse(team.weekly_hours).sat).toEqual([]);
    expect(db.prepare('SELECT name, first_response_minutes, resolution_minutes, is_default FROM sla_policies').get()).toEqual({
      name: 'Standard',
      first_response_minutes: 60,
      resolution_minutes: 480,
      is_default: 1,
    });
    const policyOf = (id: number) => db.prepare('SELECT sla_policy_id FROM items WHERE id = ?').pluck().get(id);
    expect(policyOf(waiting)).not.toBeNull();
    expect(policyOf(decided)).toBeNull();
    expect(db.prepare("SELECT value FROM meta WHERE key = 'sla_dues_pending'").pluck().get()).toBe('1');
    expect(db.prepare("SELECT body FROM templates WHERE id = 'out-of-hours'").pluck().get()).toMatch(/\{backAt\}/);
    // one default policy at most
    expect(() =>
      db
        .prepare(
          "INSERT INTO sla_policies (name, team_id, first_response_minutes, resolution_minutes, is_default) VALUES ('Other', 1, 5, 10, 1)",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.close();

    const core = openCore({ dataDir: dirname(file), host: 'test' });
    onCleanup(() => core.close());
    // Dues live in the ordering row since 0026.
    const row = core.db
      .prepare('SELECT o.first_response_due, o.sla_due, i.created_at FROM items i JOIN item_order o ON o.id = i.id WHERE i.id = ?')
      .get(waiting) as { first_response_due: number; sla_due: number; created_at: number };
    expect(row.first_response_due).toBeGreaterThan(row.created_at);
    expect(row.sla_due).toBe(row.first_response_due);
    expect(core.db.prepare("SELECT value FROM meta WHERE key = 'sla_dues_pending'").pluck().get()).toBeUndefined();
  });
});

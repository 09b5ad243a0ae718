import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { columns, objectNames, openAt, reopenAt, userVersion } from './steps';
import { plan } from '../unit/query-plan';

/** Up to and including 0023, wherever it sits in the list. */
const UP_TO_23 = MIGRATIONS.findIndex((m) => m.version === 23) + 1;

describe('migration 0023: configuration through sync', () => {
  it('adds the configuration log and documents, and sync keys that teams and policies keep', () => {
    const { db: v22, file } = openAt(UP_TO_23 - 1);
    const db = reopenAt(v22, file, UP_TO_23);
    expect(userVersion(db)).toBe(23);
    expect(objectNames(db, 'table')).toEqual(expect.arrayContaining(['config_events', 'config_docs']));
    expect(columns(db, 'teams')).toContain('sync_key');
    expect(columns(db, 'sla_policies')).toContain('sync_key');
    // The seeded team and policy are there, not shared yet; a key is unique once given.
    expect(db.prepare('SELECT name, sync_key FROM teams').all()).toEqual([{ name: 'Support', sync_key: null }]);
    db.prepare("UPDATE teams SET sync_key = 'support'").run();
    expect(() =>
      db
        .prepare("INSERT INTO teams (name, time_zone, weekly_hours, updated_at, sync_key) VALUES ('Other', 'UTC', '{}', 1, 'support')")
        .run(),
    ).toThrow(/UNIQUE/);
    // One stored change per workstation sequence number; a verdict is one of two.
    const add = db.prepare(
      "INSERT INTO config_events (id, doc, actor, created_at, base_revision, body, client_id, client_seq, status) VALUES (?, 'rules', 'root', 1, 0, '{}', 'c', ?, ?)",
    );
    add.run('e1', 1, null);
    expect(() => add.run('e2', 1, null)).toThrow(/UNIQUE/);
    expect(() => add.run('e3', 2, 'conflict')).toThrow(/CHECK/);
  });

  it('serves the configuration outbox, a document’s newest change and the refused list from their indexes', () => {
    const { db } = openAt(UP_TO_23);
    expect(plan(db, 'SELECT id FROM config_events WHERE status IS NULL ORDER BY seq LIMIT 10')).toContain('config_events_waiting');
    expect(
      plan(db, "SELECT body FROM config_events WHERE doc = 'rules' AND status = 'accepted' ORDER BY server_seq DESC LIMIT 1"),
    ).toContain('config_events_doc');
    expect(plan(db, "SELECT id FROM config_events WHERE status = 'rejected' ORDER BY synced_at DESC LIMIT 50")).toContain(
      'config_events_refused',
    );
  });
});

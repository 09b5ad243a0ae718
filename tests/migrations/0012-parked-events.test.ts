import { describe, expect, it } from 'vitest';
import { columns, objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';
import { plan } from '../unit/query-plan';

describe('migration 0012: events parked until their item arrives', () => {
  it('adds parked_events with an index by item, and keeps what was there', () => {
    const { db: v11, file } = openAt(11);
    rawItem(v11);
    v11.prepare("INSERT INTO sync_state (key, value) VALUES ('cursor', '42')").run();
    const db = reopenAt(v11, file, 12);
    expect(userVersion(db)).toBe(12);
    expect(columns(db, 'parked_events')).toEqual(['event_id', 'server_seq', 'platform', 'external_id', 'body', 'parked_at']);
    expect(objectNames(db, 'index')).toContain('parked_events_item');
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(1);
    expect(db.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get()).toBe('42');
    db.prepare("INSERT INTO parked_events VALUES ('e1', 3, 'x', 'i9', '{}', 1)").run();
    // One row per event: a page pulled twice parks it once.
    expect(() => db.prepare("INSERT INTO parked_events VALUES ('e1', 3, 'x', 'i9', '{}', 2)").run()).toThrow();
    expect(plan(db, "SELECT body FROM parked_events WHERE platform = 'x' AND external_id = 'i9' ORDER BY server_seq")).toMatch(
      /parked_events_item/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { columns, objectNames, openAt, reopenAt, userVersion } from './steps';
import { plan } from '../unit/query-plan';

describe('migration 0018: template kinds', () => {
  it('keeps every template as a plain reply, marks the complaint answer as a move to private messages with its reason, and adds a contact request', () => {
    const { db: v17, file } = openAt(17);
    v17.prepare("INSERT INTO templates (id, name, body, position) VALUES ('own', 'Our own', 'Hi {name}', 99)").run();
    const db = reopenAt(v17, file, 18);
    expect(userVersion(db)).toBe(18);
    expect(columns(db, 'templates')).toEqual(expect.arrayContaining(['kind', 'reason', 'tags', 'updated_at', 'updated_by']));
    expect(objectNames(db, 'index')).toContain('events_replies_at');
    const rows = db.prepare('SELECT id, kind, reason, tags FROM templates ORDER BY position').all() as {
      id: string;
      kind: string;
      reason: string | null;
      tags: string;
    }[];
    expect(rows.find((r) => r.id === 'own')).toEqual({ id: 'own', kind: 'reply', reason: null, tags: '[]' });
    expect(rows.find((r) => r.id === 'ack-complaint')).toMatchObject({ kind: 'private-channel', reason: expect.stringMatching(/public/) });
    expect(rows.at(-1)).toMatchObject({ id: 'ask-contact', kind: 'contact-request' });
    expect(() => db.prepare("UPDATE templates SET kind = 'broadcast' WHERE id = 'own'").run()).toThrow(/CHECK/);
  });

  it("serves today's replies from the partial index", () => {
    const { db } = openAt(18);
    expect(plan(db, "SELECT id FROM events WHERE action = 'reply' AND created_at >= 0")).toContain('events_replies_at');
  });
});

import { describe, expect, it } from 'vitest';
import { queueCountsTable } from '../unit/helpers';
import { columns, openAt, rawItem, reopenAt, userVersion } from './steps';

describe('migration 0004: reply templates', () => {
  it('adds the templates table with the default replies, keeping earlier data', () => {
    const { db: v3, file } = openAt(3);
    const id = rawItem(v3, { text: 'keep me' });
    v3.prepare("INSERT INTO settings (key, value) VALUES ('actor', '\"bo\"')").run();

    const db = reopenAt(v3, file, 4);
    expect(userVersion(db)).toBe(4);
    expect(columns(db, 'templates')).toEqual(['id', 'name', 'body', 'position']);
    const templates = db.prepare('SELECT id, body FROM templates ORDER BY position').all() as { id: string; body: string }[];
    expect(templates.map((t) => t.id)).toEqual(['ack-complaint', 'answer-question', 'thanks', 'review-response']);
    for (const t of templates) expect(t.body.trim().length).toBeGreaterThan(0);

    expect(db.prepare('SELECT text FROM items WHERE id = ?').pluck().get(id)).toBe('keep me');
    expect(db.prepare("SELECT value FROM settings WHERE key = 'actor'").pluck().get()).toBe('"bo"');
    expect(queueCountsTable(db)).toEqual({ 'mentions/new': 1 });
  });

  it('does not add the defaults twice when the database is opened again', () => {
    const { db: v3, file } = openAt(3);
    const db = reopenAt(reopenAt(v3, file, 4), file, 4);
    expect(db.prepare('SELECT count(*) FROM templates').pluck().get()).toBe(4);
  });
});

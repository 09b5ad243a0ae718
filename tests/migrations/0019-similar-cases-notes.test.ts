import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';

/** Up to and including 0019, wherever it sits in the list. */
const UP_TO_19 = MIGRATIONS.findIndex((m) => m.version === 19) + 1;

describe('migration 0019: similar cases and searchable notes', () => {
  it("indexes resolved cases' messages and existing notes with their mentions, then follows changes", () => {
    const { db: v17, file } = openAt(17);
    const answered = rawItem(v17, { text: 'battery dies after ten minutes' });
    const answeredToo = rawItem(v17, { text: 'second battery message' });
    const open = rawItem(v17, { text: 'battery question still open' });
    const caseOf = v17.prepare('INSERT INTO cases (root_item, status, outcome, opened_at, last_at) VALUES (?, ?, ?, 1, 1)');
    caseOf.run(answered, 'resolved', 'fixed');
    caseOf.run(open, 'open', null);
    const setRoot = v17.prepare('UPDATE items SET case_root = ? WHERE id = ?');
    setRoot.run(answered, answered);
    setRoot.run(answered, answeredToo);
    setRoot.run(open, open);
    let seq = 0;
    const insertEvent = (into: typeof v17, itemId: number, action: string, note: string) =>
      into
        .prepare(
          `INSERT INTO events (id, item_id, action, actor, created_at, note, client_id, client_seq, base_version, prev_hash, hash)
           VALUES (?, ?, ?, 'ana', 1, ?, 'c', ?, 0, '', '')`,
        )
        .run(`e${++seq}`, itemId, action, note, seq);
    const ev = (itemId: number, action: string, note: string) => insertEvent(v17, itemId, action, note);
    ev(open, 'note', 'Asked @bo and @Cy, mailed finance@example.com');
    ev(answered, 'reply', 'Reset the battery');

    const db = reopenAt(v17, file, UP_TO_19);
    expect(userVersion(db)).toBe(19);
    expect(objectNames(db, 'table')).toEqual(expect.arrayContaining(['resolved_fts', 'notes_fts', 'note_mentions']));
    expect(objectNames(db, 'index')).toContain('items_dup_group_case');
    const resolvedMatching = (word: string) =>
      db.prepare('SELECT rowid FROM resolved_fts WHERE resolved_fts MATCH ? ORDER BY rowid').pluck().all(word);
    expect(resolvedMatching('battery')).toEqual([answered, answeredToo]);
    expect(db.prepare("SELECT doc FROM resolved_vocab WHERE term = 'battery'").pluck().get()).toBe(2);
    // Notes only (the reply is not one), and who they mention.
    expect(db.prepare("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'finance OR battery'").pluck().all()).toEqual([1]);
    expect(db.prepare('SELECT name, event_seq FROM note_mentions ORDER BY name').all()).toEqual([
      { name: 'bo', event_seq: 1 },
      { name: 'cy', event_seq: 1 },
    ]);

    // Resolving, reopening, moving a message and changing its text keep the index right.
    db.prepare("UPDATE cases SET status = 'resolved' WHERE root_item = ?").run(open);
    expect(resolvedMatching('battery')).toEqual([answered, answeredToo, open]);
    db.prepare("UPDATE cases SET status = 'open' WHERE root_item = ?").run(answered);
    expect(resolvedMatching('battery')).toEqual([open]);
    db.prepare('UPDATE items SET case_root = ? WHERE id = ?').run(open, answeredToo);
    expect(resolvedMatching('battery')).toEqual([answeredToo, open]);
    db.prepare("UPDATE items SET text = 'charger question' WHERE id = ?").run(answeredToo);
    expect(resolvedMatching('battery')).toEqual([open]);
    expect(resolvedMatching('charger')).toEqual([answeredToo]);
    db.prepare("INSERT INTO resolved_fts (resolved_fts) VALUES ('integrity-check')").run();
    insertEvent(db, open, 'note', 'a newer note');
    expect(db.prepare("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'newer'").pluck().all()).toEqual([3]);
  });
});

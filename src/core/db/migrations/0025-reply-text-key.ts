import { replyTextKey } from '../../triage/answer/personal';
import type { Migration } from './types';

// The personalisation check asks how many other customers got this very reply today. It read
// every reply of the day and folded each text again, per check: quadratic in a busy day's
// replies. Each reply event now has a row in reply_texts with a digest of its folded text,
// indexed with the time, so the check reads only the replies with the same words. (A side
// table: events are append-only, and a reply's key is known when it is logged.)
export const migration0025: Migration = {
  version: 25,
  name: 'reply text key',
  up(db) {
    db.exec(`
      CREATE TABLE reply_texts (
        seq INTEGER PRIMARY KEY REFERENCES events (seq),
        text_key TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX reply_texts_key_at ON reply_texts (text_key, created_at);
      DROP INDEX events_replies_at;
    `);
    const add = db.prepare('INSERT INTO reply_texts (seq, text_key, created_at) VALUES (?, ?, ?)');
    const read = db.prepare(
      "SELECT seq, note, created_at FROM events WHERE action = 'reply' AND note IS NOT NULL AND seq > ? ORDER BY seq LIMIT 10000",
    );
    // In pages: better-sqlite3 cannot write while a read is still open on the connection.
    for (let after = 0; ;) {
      const rows = read.all(after) as { seq: number; note: string; created_at: number }[];
      if (!rows.length) break;
      for (const r of rows) add.run(r.seq, replyTextKey(r.note), r.created_at);
      after = rows[rows.length - 1]!.seq;
    }
  },
};

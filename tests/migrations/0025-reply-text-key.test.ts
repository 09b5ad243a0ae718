import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { recipientsOfText } from '../../src/core/triage/answer/check';
import { replyTextKey } from '../../src/core/triage/answer/personal';
import { objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';

const UP_TO_25 = MIGRATIONS.findIndex((m) => m.version === 25) + 1;

describe('migration 0025: reply text key', () => {
  it('keys the replies already logged by their folded text and finds them through the new index', () => {
    const { db: v24, file } = openAt(UP_TO_25 - 1);
    let seq = 0;
    const event = (itemId: number, action: string, note: string | null, at = 1000) =>
      v24
        .prepare(
          `INSERT INTO events (id, item_id, action, actor, created_at, note, client_id, client_seq, base_version, prev_hash, hash)
           VALUES (?, ?, ?, 'ana', ?, ?, 'c', ?, 0, '', '')`,
        )
        .run(`e${++seq}`, itemId, action, at, note, seq);
    const [a, b, c] = [rawItem(v24), rawItem(v24), rawItem(v24)];
    event(a, 'reply', 'Thanks, we are on it!');
    event(b, 'reply', 'thanks we are ON it');
    event(c, 'note', 'Thanks, we are on it!');
    event(c, 'reply', 'Something else entirely');

    const db = reopenAt(v24, file, UP_TO_25);
    expect(userVersion(db)).toBe(25);
    const keys = db.prepare('SELECT seq, text_key AS key, created_at AS at FROM reply_texts ORDER BY seq').all();
    const same = replyTextKey('Thanks, we are on it!');
    expect(keys).toEqual([
      { seq: 1, key: same, at: 1000 },
      { seq: 2, key: same, at: 1000 },
      { seq: 4, key: replyTextKey('Something else entirely'), at: 1000 },
    ]);
    expect(objectNames(db, 'index')).toContain('reply_texts_key_at');
    expect(objectNames(db, 'index')).not.toContain('events_replies_at');
    // Two customers (items without authors count one each) got those words since 0; none after 1000.
    expect(recipientsOfText(db, 'THANKS — we are on it.', 0)).toBe(2);
    expect(recipientsOfText(db, 'Thanks, we are on it!', 1001)).toBe(0);
    const plan = (
      db.prepare('EXPLAIN QUERY PLAN SELECT seq FROM reply_texts WHERE text_key = ? AND created_at >= ?').all('k', 0) as {
        detail: string;
      }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toContain('reply_texts_key_at');
  });
});

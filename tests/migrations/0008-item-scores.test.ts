import { describe, expect, it } from 'vitest';
import { columns, objectNames, openAt, rawAccount, rawItem, reopenAt, userVersion } from './steps';

describe('migration 0008: item verdicts, near-duplicate bands and campaigns', () => {
  it('adds the score columns and tables, keeps the rows, and marks every item and changed account to be scored', () => {
    const { db: v7, file } = openAt(7);
    const fan = rawAccount(v7, 'fan');
    const star = rawAccount(v7, 'star', 5000);
    v7.prepare('INSERT INTO follows (follower_id, followee_id, imported_at) VALUES (?, ?, 1)').run(fan, star);
    // One account scored after its import, one imported again after its verdict.
    v7.prepare('UPDATE accounts SET fake_score = 0.1, scored_at = imported_at + 1 WHERE id = ?').run(fan);
    v7.prepare('UPDATE accounts SET fake_score = 0.2, scored_at = imported_at - 1 WHERE id = ?').run(star);
    const id = rawItem(v7, { text: 'kept as it was' });

    const db = reopenAt(v7, file, 8);
    expect(userVersion(db)).toBe(8);
    expect(columns(db, 'items')).toEqual(
      expect.arrayContaining([
        'spam_score',
        'review_score',
        'author_score',
        'campaign_id',
        'campaign_score',
        'risk',
        'detection',
        'dup_group',
        'scored_at',
      ]),
    );
    expect(columns(db, 'accounts')).toEqual(expect.arrayContaining(['fake_follower_share', 'audit_dirty']));
    expect(objectNames(db, 'table')).toEqual(expect.arrayContaining(['campaigns', 'item_bands', 'dup_groups']));
    expect(objectNames(db, 'index')).toEqual(
      expect.arrayContaining([
        'items_unscored',
        'items_dup_group',
        'items_campaign',
        'items_queue_status_risk',
        'items_status_risk',
        'accounts_unscored',
        'accounts_audit_dirty',
      ]),
    );
    expect(db.prepare('SELECT text, risk, scored_at FROM items WHERE id = ?').get(id)).toEqual({
      text: 'kept as it was',
      risk: 0,
      scored_at: null,
    });
    expect(db.prepare('SELECT external_id, scored_at IS NULL AS waiting, audit_dirty FROM accounts ORDER BY id').all()).toEqual([
      { external_id: 'fan', waiting: 0, audit_dirty: 0 },
      { external_id: 'star', waiting: 1, audit_dirty: 1 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { columns, objectNames, openAt, rawItem, reopenAt, userVersion } from './steps';
import { plan } from '../unit/query-plan';

describe('migration 0014: classification', () => {
  it('adds the classification columns, keeps models and allows the sentiment kind, and marks waiting items to be classified', () => {
    const { db: v13, file } = openAt(13);
    const waiting = rawItem(v13, { status: 'new' });
    const decided = rawItem(v13, { status: 'approved' });
    v13.prepare('UPDATE items SET scored_at = 5').run();
    v13
      .prepare(
        `INSERT INTO models (kind, created_at, created_by, positives, negatives, metrics, shape, weights, active, activated_at)
       VALUES ('spam', 1, 'ana', 20, 20, '{}', '{}', x'00', 1, 2)`,
      )
      .run();
    expect(() =>
      v13
        .prepare(
          `INSERT INTO models (kind, created_at, created_by, positives, negatives, metrics, shape, weights) VALUES ('sentiment', 1, 'a', 1, 1, '{}', '{}', x'00')`,
        )
        .run(),
    ).toThrow(/CHECK/);

    const db = reopenAt(v13, file, 14);
    expect(userVersion(db)).toBe(14);
    expect(columns(db, 'items')).toEqual(
      expect.arrayContaining([
        'triage_type',
        'type_by',
        'sentiment',
        'sentiment_score',
        'sentiment_by',
        'action_needed',
        'language',
        'triage',
      ]),
    );
    expect(objectNames(db, 'index')).toEqual(
      expect.arrayContaining([
        'items_type_status_priority',
        'items_action_status_priority',
        'items_sentiment_corrected',
        'models_active',
        'models_kind',
      ]),
    );
    // the model survived the rebuild, still active; the new kind is accepted
    expect(db.prepare('SELECT kind, active FROM models').all()).toEqual([{ kind: 'spam', active: 1 }]);
    db.prepare(
      `INSERT INTO models (kind, created_at, created_by, positives, negatives, metrics, shape, weights) VALUES ('sentiment', 1, 'a', 1, 1, '{}', '{}', x'00')`,
    ).run();
    expect(() => db.prepare('UPDATE items SET sentiment = ? WHERE id = ?').run('furious', waiting)).toThrow(/CHECK/);
    expect(db.prepare('SELECT id, scored_at FROM items ORDER BY id').all()).toEqual([
      { id: waiting, scored_at: null },
      { id: decided, scored_at: 5 },
    ]);
  });

  it('serves a type filter over waiting items in priority order from its index', () => {
    const { db: v13, file } = openAt(13);
    rawItem(v13);
    const db = reopenAt(v13, file, 14);
    const sql = "SELECT id FROM items WHERE triage_type = 'complaint' AND status = 'new' ORDER BY priority DESC, id LIMIT 50";
    const steps = plan(db, sql);
    expect(steps).toContain('items_type_status_priority');
    expect(steps).not.toContain('TEMP B-TREE');
    const action = "SELECT id FROM items WHERE action_needed = 'escalate' AND status = 'new' ORDER BY priority DESC, id LIMIT 50";
    expect(plan(db, action)).toContain('items_action_status_priority');
  });
});

import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { decisionHash } from '../../src/core/qa/decision-rows';
import { columns, objectNames, openAt, reopenAt, userVersion } from './steps';

const UP_TO_33 = MIGRATIONS.findIndex((m) => m.version === 33) + 1;

describe('migration 0033: quality review projections, and the decisions in force for sampling', () => {
  it('adds the review and pick tables, keeps the log, and walks a period’s decisions by the new index', () => {
    const { db: v32, file } = openAt(UP_TO_33 - 1);
    const item = Number(
      v32
        .prepare(
          "INSERT INTO items (platform, external_id, kind, text, queue, imported_at) VALUES ('x', 'm1', 'mention', 'hello', 'mentions', 1)",
        )
        .run().lastInsertRowid,
    );
    const add = v32.prepare(
      `INSERT INTO events (id, item_id, action, actor, created_at, client_id, client_seq, base_version, prev_hash, hash)
       VALUES (?, ?, ?, 'ana', ?, 'ws', ?, 0, 'p', 'h')`,
    );
    add.run('e1', item, 'approve', 1000, 1);
    add.run('e2', item, 'note', 2000, 2);
    add.run('e3', item, 'remove', 3000, 3);

    const db = reopenAt(v32, file, UP_TO_33);
    expect(userVersion(db)).toBe(33);
    expect(objectNames(db, 'table')).toEqual(expect.arrayContaining(['qa_reviews', 'qa_picks', 'qa_decisions', 'qa_names']));
    expect(columns(db, 'qa_reviews')).toEqual([
      'event_id',
      'item_id',
      'decision_event',
      'reviewer',
      'answer',
      'blind',
      'draw',
      'scores',
      'at',
      'decider',
      'decided',
      'decided_at',
      'queue',
      'in_force',
    ]);
    expect(columns(db, 'qa_picks')).toEqual(['event_id', 'item_id', 'decision_event', 'draw', 'blind', 'at']);
    expect(objectNames(db, 'index')).toEqual(
      expect.arrayContaining([
        'qa_reviews_item',
        'qa_reviews_decision',
        'qa_reviews_reviewer_at',
        'qa_picks_item',
        'qa_picks_at',
        'qa_picks_draw',
        'qa_picks_decision',
        'qa_decisions_item',
        'qa_decisions_at',
        'qa_decisions_moderator',
      ]),
    );
    // The decisions already logged are in the sampling table, with their hash and strata.
    const rows = db
      .prepare('SELECT event_id, at, h, n.name AS moderator, action FROM qa_decisions d JOIN qa_names n ON n.id = d.moderator ORDER BY at')
      .all();
    expect(rows).toEqual([
      { event_id: 'e1', at: 1000, h: decisionHash('e1'), moderator: 'ana', action: 0 },
      { event_id: 'e3', at: 3000, h: decisionHash('e3'), moderator: 'ana', action: 1 },
    ]);
    // The log is as it was; a period's decisions are walked along the sampling table's time index.
    expect(db.prepare('SELECT id FROM events ORDER BY seq').pluck().all()).toEqual(['e1', 'e2', 'e3']);
    const period = 'SELECT event_id FROM qa_decisions WHERE at >= ? AND at < ?';
    expect(db.prepare(period).pluck().all(0, 5000)).toEqual(['e1', 'e3']);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${period}`).all(0, 5000) as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(plan).toMatch(/USING COVERING INDEX qa_decisions_at \(at>\? AND at<\?\)/);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });
});

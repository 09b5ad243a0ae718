// The quality-review reads walk their indexes: a draw's strata counted along an index and its
// candidates read by key along the decisions' period index, the review queue along the picks by time with no sort (each decision found by its id),
// agreement grouped along the reviews' covering index, reading no table.
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/db/open';
import { applyDecision } from '../../../src/core/decisions/decide';
import { agreementSql } from '../../../src/core/qa/agreement';
import { candidatesSql, strataSql } from '../../../src/core/qa/draw';
import { REVIEW_TASKS_SQL } from '../../../src/core/qa/queue';
import { loadWorkload } from '../../../src/core/seed/load';
import { actor } from '../helpers';
import { plan } from '../query-plan';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 6, 9);
let db: Database;
beforeAll(() => {
  db = openDatabase(':memory:');
  loadWorkload(db, { items: 3000, seed: 5, now: Date.UTC(2025, 0, 6) });
  const ids = db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
  // Decisions over ten days, a tenth each day: a period of a day is a tenth of the log.
  const who = actor();
  for (let day = 0; day < 10; day++) {
    applyDecision(db, who, { itemIds: ids.filter((_, i) => i % 20 === day * 2), action: 'approve' });
    who.tick(DAY);
  }
  // Picks and reviews of a tenth of the decisions, as the projection writes them.
  const decisions = db.prepare("SELECT id, item_id FROM events WHERE action = 'approve'").all() as { id: string; item_id: number }[];
  const pick = db.prepare("INSERT INTO qa_picks (event_id, item_id, decision_event, draw, blind, at) VALUES (?, ?, ?, 'draw-1', 1, ?)");
  const review = db.prepare(
    `INSERT INTO qa_reviews (event_id, item_id, decision_event, reviewer, answer, blind, at, decider, decided, decided_at, queue, in_force)
     VALUES (?, ?, ?, 'bo', 'approve', 1, ?, 'ana', 'approve', ?, 'mentions', 1)`,
  );
  decisions.forEach((d, i) => {
    if (i % 10) return;
    pick.run(`p${i}`, d.item_id, d.id, i);
    if (i % 20 === 0) review.run(`r${i}`, d.item_id, d.id, i, i);
  });
  db.exec('ANALYZE');
});
afterAll(() => db.close());

describe('quality-review query plans', () => {
  it('a draw counts strata along an index of the decisions, and reads candidates by key along the period index', () => {
    const scope = { where: 'd.at >= ? AND d.at < ?', params: [START + 3 * DAY, START + 4 * DAY] };
    for (const by of [[], ['moderator'], ['queue'], ['action'], ['moderator', 'queue', 'action']] as const) {
      // Along an index of the decisions (the strata's order, or the period's range), never the table, never a sort.
      const counts = plan(db, strataSql(by, scope), scope.params);
      expect(counts).toMatch(
        by.length ? /(SCAN|SEARCH) d USING COVERING INDEX qa_decisions_moderator/ : /SEARCH d USING COVERING INDEX qa_decisions_at/,
      );
      expect(counts).not.toMatch(/TEMP B-TREE/);
      const candidates = plan(db, candidatesSql(by, scope), [...scope.params, 3, 5, 1000]);
      expect(candidates).toMatch(/SEARCH d USING INDEX qa_decisions_at \(at>\? AND at<\?\)/);
    }
  });

  it('the review queue walks the picks by time, with no sort, finding each decision by id', () => {
    const text = plan(db, REVIEW_TASKS_SQL, ['ana', 'ana', -1, -1, '', 50]);
    expect(text).toMatch(/p USING INDEX qa_picks_at/);
    expect(text).toMatch(/e USING INDEX sqlite_autoindex_events_1 \(id=\?\)/);
    expect(text).toMatch(/qa_reviews_decision \(decision_event=\? AND reviewer=\?\)/);
    expect(text).not.toMatch(/TEMP B-TREE/);
  });

  it('agreement groups the reviews along their covering index, reading no table', () => {
    for (const a of [{}, { from: 0, to: Date.UTC(2030, 0, 1), queue: 'mentions' }]) {
      const q = agreementSql(a);
      const text = plan(db, q.sql, q.params);
      expect(text).toMatch(/SEARCH r USING COVERING INDEX qa_reviews_units \(in_force=\?\)/);
      // Grouped by decision in index order; the only sort is the outer one, of the few patterns.
      expect(text.match(/USE TEMP B-TREE FOR GROUP BY/g) ?? []).toHaveLength(1);
      expect(text).not.toMatch(/events|qa_reviews_decision|SCAN qa_reviews\b/);
    }
  });
});

// The draw SQLite makes (strata counted, only the lowest keys read) is the draw drawSample makes
// over every decision of the period, for every kind of recipe: the same picks, the same strata.
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/db/open';
import { previewDraw } from '../../../src/core/qa/draw';
import { loadDecisionWorkload } from '../../../src/core/seed/decisions';
import { loadWorkload } from '../../../src/core/seed/load';
import type { DrawRecipe, QaStratum } from '../../../src/shared/model';
import { drawSample, type Allocation } from '../../../src/shared/qa/sample';

const NOW = Date.UTC(2026, 11, 7);
const DAY = 86_400_000;
let db: Database;
beforeAll(() => {
  db = openDatabase(':memory:');
  loadWorkload(db, { items: 2000, seed: 3, now: NOW });
  loadDecisionWorkload(db, { decisions: 12_000, reviews: 600, moderators: 12, days: 30, seed: 3, now: NOW });
});
afterAll(() => db.close());

/** drawSample over every decision of the recipe's period, read whole, those picked before skipped. */
function reference(r: DrawRecipe) {
  const cols = (['moderator', 'queue', 'action'] as const).filter((c) => r.by.includes(c));
  const rows = db
    .prepare(
      `SELECT d.event_id AS id, d.h, EXISTS (SELECT 1 FROM qa_picks p WHERE p.decision_event = d.event_id) AS skip
         ${cols.map((c) => `, d.${c}`).join('')} FROM qa_decisions d
       WHERE d.at >= ? AND d.at < ? ${r.queue ? 'AND d.queue = (SELECT id FROM qa_names WHERE name = ?)' : ''}`,
    )
    .all(...[r.from, r.to, ...(r.queue ? [r.queue] : [])]) as ({ id: string; h: number; skip: number } & Record<string, number>)[];
  return drawSample(
    rows.map((x) => ({ id: x.id, h: x.h, stratum: cols.map((c) => x[c]).join(','), skip: x.skip === 1 })),
    { size: r.size, seed: r.seed, allocation: r.allocation },
  );
}

const RECIPES: [QaStratum[], Allocation, number, string | null][] = [
  [[], 'proportional', 50, null],
  [['moderator'], 'proportional', 200, null],
  [['moderator'], 'equal', 120, null],
  [['action'], 'equal', 60, null],
  [['queue'], 'proportional', 300, null],
  [['moderator', 'action'], 'proportional', 1000, null],
  [['moderator'], 'equal', 40, 'reviews'],
];

describe('the draw read from SQLite is the draw over everything', () => {
  for (const [by, allocation, size, queue] of RECIPES)
    for (const seed of [1, 77, 0xfffffffe])
      it(`by ${by.join('+') || 'nothing'}, ${allocation}, ${size}${queue ? ` in ${queue}` : ''}, seed ${seed}`, () => {
        const recipe: DrawRecipe = { seed, from: NOW - 20 * DAY, to: NOW - 2 * DAY, queue, by, allocation, size };
        const fast = previewDraw(db, recipe).drawn;
        const slow = reference(recipe);
        expect(fast.ids.length).toBeGreaterThan(0);
        expect(fast).toEqual(slow);
      });

  it('never picks a decision picked before (it counts in its stratum), and a queue nobody decided in draws nothing', () => {
    const recipe: DrawRecipe = { seed: 5, from: 0, to: NOW + 1, queue: null, by: [], allocation: 'proportional', size: 100 };
    const picked = new Set(db.prepare('SELECT decision_event FROM qa_picks').pluck().all() as string[]);
    expect(picked.size).toBe(600);
    const d = previewDraw(db, recipe).drawn;
    expect(d.population).toBe(12_000);
    expect(d.ids).toHaveLength(100);
    for (const id of d.ids) expect(picked.has(id)).toBe(false);
    expect(previewDraw(db, { ...recipe, queue: 'no-such-queue' }).drawn).toEqual({ ids: [], population: 0, strata: [] });
  });
});

// Drawing a review sample from the decisions of a period and recording a pick of each, as
// events in the log (so a draw syncs to the team like any decision, and the reviewers'
// workstations see the picks). Every pick carries the draw's recipe: seed, period, queue,
// strata, allocation and size, enough for anyone to draw it again and check.
import { randomInt } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { ArgsOut } from '../../shared/contract';
import { VigilFailure } from '../../shared/errors';
import type { DrawRecipe, DrawReport, QaStratum } from '../../shared/model';
import { drawSample, type Candidate, type Drawn } from '../../shared/qa/sample';
import { stmt } from '../db/statements';
import type { Actor } from '../decisions/log';
import { recordEvents } from '../decisions/project';
import { authorSql, decisionsInForce } from './decisions';

const STRATUM_SQL: Record<QaStratum, string> = { moderator: authorSql, queue: 'i.queue', action: 'e.action' };

interface PopulationRow {
  id: string;
  item_id: number;
  stratum: string;
}

/** The decisions of the recipe's period that may be picked: in force, in the queue if it names one, not picked before. */
export function populationSql(r: Pick<DrawRecipe, 'from' | 'to' | 'queue' | 'by'>): { sql: string; params: (string | number)[] } {
  // One stratum value from the dimensions, joined by a separator no name contains.
  const stratum = r.by.length ? r.by.map((d) => STRATUM_SQL[d]).join(` || char(31) || `) : `''`;
  return {
    sql: `SELECT e.id, e.item_id, ${stratum} AS stratum FROM ${decisionsInForce}
       AND e.created_at >= ? AND e.created_at < ? ${r.queue ? 'AND i.queue = ?' : ''}
       AND NOT EXISTS (SELECT 1 FROM qa_picks p WHERE p.decision_event = e.id)`,
    params: [r.from, r.to, ...(r.queue ? [r.queue] : [])],
  };
}

function population(db: Database, r: DrawRecipe): PopulationRow[] {
  const q = populationSql(r);
  return stmt<(number | string)[], PopulationRow>(db, q.sql).all(...q.params);
}

/** The sample a recipe draws now, without recording it: the decisions picked and the strata. */
export function previewDraw(db: Database, recipe: DrawRecipe): { drawn: Drawn; itemOf: Map<string, number> } {
  const itemOf = new Map<string, number>();
  const candidates: Candidate[] = population(db, recipe).map((r) => {
    itemOf.set(r.id, r.item_id);
    return { id: r.id, stratum: r.stratum };
  });
  return { drawn: drawSample(candidates, { size: recipe.size, seed: recipe.seed, allocation: recipe.allocation }), itemOf };
}

export function drawForReview(db: Database, who: Actor, a: ArgsOut<'qa.draw'>): DrawReport {
  const recipe: DrawRecipe = {
    seed: a.seed ?? randomInt(0, 0xffffffff),
    from: a.from,
    to: a.to,
    queue: a.queue ?? null,
    by: a.by,
    allocation: a.allocation,
    size: a.size,
  };
  const { drawn, itemOf } = previewDraw(db, recipe);
  if (!drawn.ids.length)
    throw new VigilFailure('not_found', 'There are no decisions in that period to review (or all were picked before).');
  const draw = `draw-${uuidv7()}`;
  recordEvents(
    db,
    who,
    drawn.ids.map((of) => ({
      itemId: itemOf.get(of)!,
      action: 'qa-pick' as const,
      payload: { of, draw, blind: a.blind, recipe },
    })),
  );
  return {
    draw,
    recipe,
    population: drawn.population,
    strata: drawn.strata.map((s) => ({ ...s, stratum: s.stratum.split('\u001f').join(' · ') })),
    picked: drawn.ids.length,
  };
}

// Drawing a review sample from the decisions of a period and recording a pick of each, as
// events in the log (so a draw syncs to the team like any decision, and the reviewers'
// workstations see the picks). Every pick carries the draw's recipe: seed, period, queue,
// strata, allocation and size, enough for anyone to draw it again and check.
import { randomInt } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { ArgsOut } from '../../shared/contract';
import { VigilFailure } from '../../shared/errors';
import { DECISION_ACTIONS, type DrawRecipe, type DrawReport, type QaStratum } from '../../shared/model';
import { allocate, keyOf, KEY_MODULUS, reviewOrder, sampleKey, type Drawn } from '../../shared/qa/sample';
import { stmt } from '../db/statements';
import type { Actor } from '../decisions/log';
import { recordEvents } from '../decisions/project';

/** Strata columns of qa_decisions, in the order of its indexes (grouping in this order walks one). */
const COLUMNS: readonly QaStratum[] = ['moderator', 'queue', 'action'];

/** Candidates are read with keys below a threshold that should give this many times the sample. */
const OVERSAMPLE = 4;

interface Scope {
  where: string;
  params: number[];
}

/** The period (and queue) as a condition on qa_decisions d; null when the queue has no decisions at all. */
function scopeOf(db: Database, r: Pick<DrawRecipe, 'from' | 'to' | 'queue'>): Scope | null {
  if (r.queue === null) return { where: 'd.at >= ? AND d.at < ?', params: [r.from, r.to] };
  const code = stmt<[string], { id: number }>(db, 'SELECT id FROM qa_names WHERE name = ?').get(r.queue)?.id;
  return code === undefined ? null : { where: 'd.at >= ? AND d.at < ? AND d.queue = ?', params: [r.from, r.to, code] };
}

/**
 * SQL for the decisions of a period counted per stratum: along the moderator index, grouped by
 * all three strata in its order (no sort; a few hundred rows), which the caller sums into the
 * strata it wants; with no strata, a count along the period index.
 */
export function strataSql(by: readonly QaStratum[], scope: Scope): string {
  return by.length
    ? `SELECT moderator, queue, action, count(*) AS n FROM qa_decisions d INDEXED BY qa_decisions_moderator
       WHERE ${scope.where} GROUP BY moderator, queue, action`
    : `SELECT count(*) AS n FROM qa_decisions d INDEXED BY qa_decisions_at WHERE ${scope.where}`;
}

/** SQL for the decisions of a period whose key under the seed is below a threshold: key params a, b, threshold after the scope's. */
export function candidatesSql(by: readonly QaStratum[], scope: Scope): string {
  const cols = COLUMNS.filter((c) => by.includes(c)).map((c) => `, d.${c}`);
  return `SELECT d.event_id AS id, d.item_id AS itemId, d.h${cols.join('')} FROM qa_decisions d INDEXED BY qa_decisions_at
    WHERE ${scope.where} AND ((d.h % ${KEY_MODULUS}) * ? + ?) % ${KEY_MODULUS} < ?`;
}

type StrataRow = Partial<Record<QaStratum, number>> & { n: number };
const stratumOf = (by: readonly QaStratum[], r: Partial<Record<QaStratum, number>>) =>
  COLUMNS.filter((c) => by.includes(c))
    .map((c) => r[c])
    .join(',');

/**
 * The sample a recipe draws now, without recording it: the answer drawSample gives over every
 * decision of the period (those picked before skipped), but SQLite counts the strata and hands
 * over only the decisions whose keys fall below a threshold set for about four times the
 * sample; where a stratum has too few below it (a small stratum given an equal share), the
 * threshold is raised.
 */
export function previewDraw(db: Database, recipe: DrawRecipe): { drawn: Drawn; itemOf: Map<string, number> } {
  const itemOf = new Map<string, number>();
  const scope = scopeOf(db, recipe);
  if (!scope) return { drawn: { ids: [], population: 0, strata: [] }, itemOf };
  const population = new Map<string, number>();
  for (const r of stmt<number[], StrataRow>(db, strataSql(recipe.by, scope)).all(...scope.params)) {
    const k = stratumOf(recipe.by, r);
    population.set(k, (population.get(k) ?? 0) + r.n);
  }
  const names = [...population.keys()].filter((k) => population.get(k)! > 0).sort();
  const total = names.reduce((n, k) => n + population.get(k)!, 0);
  const counts = allocate(
    names.map((k) => population.get(k)!),
    recipe.size,
    recipe.allocation,
  );
  const want = new Map(names.map((k, i) => [k, counts[i]!]));
  const key = keyOf(recipe.seed);
  const read = stmt<number[], Partial<Record<QaStratum, number>> & { id: string; itemId: number; h: number }>(
    db,
    candidatesSql(recipe.by, scope),
  );
  const picked = stmt<[string], { one: number }>(db, 'SELECT 1 AS one FROM qa_picks WHERE decision_event = ? LIMIT 1');
  let threshold = Math.ceil(KEY_MODULUS * Math.min(1, (OVERSAMPLE * recipe.size) / Math.max(1, total)));
  for (;;) {
    const found = new Map<string, { hash: number; id: string }[]>();
    for (const r of read.all(...scope.params, key.a, key.b, threshold)) {
      // A decision picked before counts in its stratum's population but is not picked again.
      if (picked.get(r.id)) continue;
      const k = stratumOf(recipe.by, r);
      if (!want.has(k)) continue;
      itemOf.set(r.id, r.itemId);
      const list = found.get(k) ?? [];
      list.push({ hash: sampleKey(key, r.h), id: r.id });
      found.set(k, list);
    }
    const short = names.some((k) => (found.get(k)?.length ?? 0) < want.get(k)!);
    // At the top threshold every decision is read: a stratum still short has no more to give.
    if (short && threshold < KEY_MODULUS) {
      threshold = Math.min(KEY_MODULUS, threshold * 4);
      continue;
    }
    const chosen = names.flatMap((k) =>
      (found.get(k) ?? []).sort((x, y) => x.hash - y.hash || (x.id < y.id ? -1 : 1)).slice(0, want.get(k)!),
    );
    return {
      drawn: {
        ids: reviewOrder(chosen, recipe.seed),
        population: total,
        strata: names.map((k) => ({
          stratum: k,
          population: population.get(k)!,
          picked: Math.min(want.get(k)!, found.get(k)?.length ?? 0),
        })),
      },
      itemOf,
    };
  }
}

/** A stratum's codes in words: the people's and queues' names, the action. */
function stratumWords(db: Database, by: readonly QaStratum[], stratum: string): string {
  if (!by.length) return '';
  const codes = stratum.split(',').map(Number);
  const name = stmt<[number], { name: string }>(db, 'SELECT name FROM qa_names WHERE id = ?');
  return COLUMNS.filter((c) => by.includes(c))
    .map((c, i) => (c === 'action' ? DECISION_ACTIONS[codes[i]!]! : (name.get(codes[i]!)?.name ?? '?')))
    .join(' · ');
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
    strata: drawn.strata.map((s) => ({ ...s, stratum: stratumWords(db, recipe.by, s.stratum) })),
    picked: drawn.ids.length,
  };
}

// Agreement over the reviewed decisions of a period: each reviewed decision is a unit, its
// answers are the decider's action and each reviewer's answer in force. κ for every pair of
// people who answered the same decisions, α for the team and for each queue.
import type { Database } from 'better-sqlite3';
import type { ArgsOut } from '../../shared/contract';
import { DECISION_ACTIONS, type AgreementReport } from '../../shared/model';
import { AlphaTally, KappaTally } from '../../shared/qa/agreement';
import { stmt } from '../db/statements';
import { authorSql, decisionsInForce } from './decisions';

interface ReviewedRow {
  of: string;
  decider: string;
  decided: string;
  queue: string;
  reviewer: string;
  answer: string;
}

const CATEGORY = new Map<string, number>(DECISION_ACTIONS.map((a, i) => [a, i]));

/** The reviews in force of the decisions in force of a period (and queue), grouped by decision. */
export function agreementSql(a: Pick<ArgsOut<'qa.agreement'>, 'from' | 'to' | 'queue'>): { sql: string; params: (string | number)[] } {
  const where = [
    ...(a.from !== undefined ? ['e.created_at >= ?'] : []),
    ...(a.to !== undefined ? ['e.created_at < ?'] : []),
    ...(a.queue ? ['i.queue = ?'] : []),
  ];
  return {
    sql: `SELECT r.decision_event AS of, ${authorSql} AS decider, e.action AS decided, i.queue, r.reviewer, r.answer
     FROM qa_reviews r JOIN ${decisionsInForce} AND e.id = r.decision_event
     ${where.map((w) => `AND ${w}`).join(' ')}
     ORDER BY r.decision_event`,
    params: [...(a.from !== undefined ? [a.from] : []), ...(a.to !== undefined ? [a.to] : []), ...(a.queue ? [a.queue] : [])],
  };
}

export function agreementReport(db: Database, a: ArgsOut<'qa.agreement'>): AgreementReport {
  const q = agreementSql(a);
  const rows = stmt<(string | number)[], ReviewedRow>(db, q.sql).all(...q.params);

  const team = new AlphaTally();
  const queues = new Map<string, AlphaTally>();
  const pairs = new Map<string, KappaTally>();
  let units = 0;
  const unit = (coders: { who: string; value: number }[], queue: string) => {
    if (coders.length < 2) return;
    units++;
    const values = coders.map((c) => c.value);
    team.add(values);
    let q = queues.get(queue);
    if (!q) queues.set(queue, (q = new AlphaTally()));
    q.add(values);
    // Every pair of people on the unit, in name order, so (a, b) and (b, a) are one pair.
    const sorted = [...coders].sort((x, y) => (x.who < y.who ? -1 : x.who > y.who ? 1 : 0));
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++) {
        const key = `${sorted[i]!.who}\u0000${sorted[j]!.who}`;
        let t = pairs.get(key);
        if (!t) pairs.set(key, (t = new KappaTally()));
        t.add(sorted[i]!.value, sorted[j]!.value);
      }
  };
  let current: string | null = null;
  let coders: { who: string; value: number }[] = [];
  let queue = '';
  for (const r of rows) {
    if (r.of !== current) {
      unit(coders, queue);
      current = r.of;
      queue = r.queue;
      coders = [{ who: r.decider, value: CATEGORY.get(r.decided)! }];
    }
    const value = CATEGORY.get(r.answer);
    // A reviewer reviewing their own decision is refused by the rules; a row like it (an old log) is left out.
    if (value !== undefined && r.reviewer !== r.decider) coders.push({ who: r.reviewer, value });
  }
  unit(coders, queue);

  const o = { seed: a.seed ?? 1 };
  return {
    units,
    team: team.estimate(o),
    queues: [...queues].sort(([x], [y]) => (x < y ? -1 : 1)).map(([q, t]) => ({ queue: q, alpha: t.estimate(o) })),
    pairs: [...pairs]
      .map(([k, t]) => {
        const [pa, pb] = k.split('\u0000') as [string, string];
        return { a: pa, b: pb, kappa: t.estimate(o) };
      })
      .sort((x, y) => y.kappa.units - x.kappa.units || (x.a + x.b < y.a + y.b ? -1 : 1)),
  };
}

// Agreement over the reviewed decisions of a period: each reviewed decision is a unit, its
// answers are the decider's action and each reviewer's answer in force. κ for every pair of
// people who answered the same decisions, α for the team and for each queue.
import type { Database } from 'better-sqlite3';
import type { ArgsOut } from '../../shared/contract';
import { DECISION_ACTIONS, type AgreementReport } from '../../shared/model';
import { AlphaTally, KappaTally } from '../../shared/qa/agreement';
import { stmt } from '../db/statements';

/**
 * A team has hundreds of pairs: each pair's interval rests on 500 replicates (the team's and
 * each queue's on 1,000), which moves a 95 % percentile bound by well under its own sampling
 * error and halves the time of the report.
 */
export const PAIR_REPLICATES = 500;

const CATEGORY = new Map<string, number>(DECISION_ACTIONS.map((a, i) => [a, i]));

/** Which reviews count: in force, not by the decider (the rules refuse those; an old log may hold one), in the period and queue. */
function scope(a: Pick<ArgsOut<'qa.agreement'>, 'from' | 'to' | 'queue'>, t: string): { where: string; params: (string | number)[] } {
  const where = [
    `${t}.in_force = 1`,
    `${t}.reviewer <> ${t}.decider`,
    ...(a.from !== undefined ? [`${t}.decided_at >= ?`] : []),
    ...(a.to !== undefined ? [`${t}.decided_at < ?`] : []),
    ...(a.queue ? [`${t}.queue = ?`] : []),
  ];
  return {
    where: where.join(' AND '),
    params: [...(a.from !== undefined ? [a.from] : []), ...(a.to !== undefined ? [a.to] : []), ...(a.queue ? [a.queue] : [])],
  };
}

/**
 * Agreement's one read, grouped by SQLite so only tallies reach memory: each reviewed
 * decision's answers (the decider's, then every reviewer's, in reviewer order), and how many
 * decisions of each queue had exactly those, along the covering index.
 */
export function agreementSql(a: Pick<ArgsOut<'qa.agreement'>, 'from' | 'to' | 'queue'>): { sql: string; params: (string | number)[] } {
  const r = scope(a, 'r');
  return {
    sql: `SELECT queue, decider, decided, answers, count(*) AS n FROM (
        SELECT r.queue, r.decider, r.decided, group_concat(r.reviewer || char(31) || r.answer, char(30)) AS answers
        FROM qa_reviews r INDEXED BY qa_reviews_units WHERE ${r.where} GROUP BY r.decision_event
      ) GROUP BY queue, decider, decided, answers`,
    params: r.params,
  };
}

interface UnitsRow {
  queue: string;
  decider: string;
  decided: string;
  answers: string;
  n: number;
}

export function agreementReport(db: Database, a: ArgsOut<'qa.agreement'>): AgreementReport {
  const q = agreementSql(a);
  const team = new AlphaTally();
  const queues = new Map<string, AlphaTally>();
  const pairs = new Map<string, { a: string; b: string; t: KappaTally }>();
  let units = 0;
  for (const u of stmt<(string | number)[], UnitsRow>(db, q.sql).all(...q.params)) {
    const coders = [
      { who: u.decider, value: CATEGORY.get(u.decided) },
      ...u.answers.split('\u001e').map((x) => {
        const [who, answer] = x.split('\u001f') as [string, string];
        return { who, value: CATEGORY.get(answer) };
      }),
    ].filter((c): c is { who: string; value: number } => c.value !== undefined);
    if (coders.length < 2) continue;
    units += u.n;
    const values = coders.map((c) => c.value);
    team.add(values, u.n);
    let t = queues.get(u.queue);
    if (!t) queues.set(u.queue, (t = new AlphaTally()));
    t.add(values, u.n);
    // Every pair of people on these decisions, in name order, so (a, b) and (b, a) are one pair.
    coders.sort((x, y) => (x.who < y.who ? -1 : x.who > y.who ? 1 : 0));
    for (let i = 0; i < coders.length; i++)
      for (let j = i + 1; j < coders.length; j++) {
        const [x, y] = [coders[i]!, coders[j]!];
        if (x.who === y.who) continue;
        const key = `${x.who}\u0000${y.who}`;
        let e = pairs.get(key);
        if (!e) pairs.set(key, (e = { a: x.who, b: y.who, t: new KappaTally() }));
        e.t.add(x.value, y.value, u.n);
      }
  }
  const o = { seed: a.seed ?? 1 };
  return {
    units,
    team: team.estimate(o),
    queues: [...queues].sort(([x], [y]) => (x < y ? -1 : 1)).map(([qu, t]) => ({ queue: qu, alpha: t.estimate(o) })),
    pairs: [...pairs.values()]
      .map((e) => ({ a: e.a, b: e.b, kappa: e.t.estimate({ ...o, replicates: PAIR_REPLICATES }) }))
      .sort((x, y) => y.kappa.units - x.kappa.units || (x.a + x.b < y.a + y.b ? -1 : 1)),
  };
}

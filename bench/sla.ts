// "On time": after a business-hours change every open item's dues and priority are
// worked out again in one batched pass. Measured through the contract (sla.team.save), on
// `items` open items from the seeded generator; three changes, the median reported.
import type { Team, WeeklyHours } from '../src/shared/hours';
import { log, percentile, type Metric } from './lib/metrics';
import { call, open } from './lib/workload';

const day = (from: string, to: string) => [{ from, to }];
const weekdays = (from: string, to: string): WeeklyHours => ({
  mon: day(from, to),
  tue: day(from, to),
  wed: day(from, to),
  thu: day(from, to),
  fri: day(from, to),
  sat: [],
  sun: [],
});
/** Each change moves every due: earlier, later, and with a late shift crossing midnight. */
const CHANGES: WeeklyHours[] = [
  weekdays('08:00', '16:00'),
  weekdays('10:00', '18:00'),
  {
    ...weekdays('09:00', '17:00'),
    fri: [
      { from: '09:00', to: '12:00' },
      { from: '22:00', to: '02:00' },
    ],
  },
];

export async function slaRecompute(dir: string, items: number): Promise<Metric[]> {
  const core = open(dir);
  try {
    const open = core.db
      .prepare("SELECT count(*) FROM items WHERE status IN ('new', 'escalated') AND sla_policy_id IS NOT NULL")
      .pluck()
      .get() as number;
    const { teams } = await call<{ teams: Team[] }>(core, 'sla.teams', {});
    const team = teams[0]!;
    const samples: number[] = [];
    for (const weekly of CHANGES) {
      const t = performance.now();
      const r = await call<{ recomputed: { items: number; changed: number } }>(core, 'sla.team.save', {
        ...team,
        weekly,
        timeZone: 'Europe/Berlin',
      });
      const ms = performance.now() - t;
      samples.push(ms);
      log(
        `  hours change: ${r.recomputed.items.toLocaleString('en')} open items, ${r.recomputed.changed.toLocaleString('en')} moved, ${ms.toFixed(0)} ms`,
      );
    }
    // The floor under it: moving the same open items in the priority indexes, with no business
    // time computed (a uniform shift of every priority, in one statement).
    const t = performance.now();
    core.db.transaction(() =>
      core.db.prepare("UPDATE item_order SET priority = priority + 1e-6 WHERE status IN ('new', 'escalated')").run(),
    )();
    const floor = performance.now() - t;
    log(`  floor: rewriting ${open.toLocaleString('en')} priorities alone took ${floor.toFixed(0)} ms`);
    const value = percentile(samples, 50);
    return [
      {
        name: 'sla.recompute_100k_ms',
        value,
        baseline: floor,
        ratio: value / floor,
        unit: 'ms',
        note: `median of ${samples.length} business-hours changes through sla.team.save, each recomputing dues and priority of ${open.toLocaleString('en')} open items (of ${items.toLocaleString('en')}); target <= 1,000; baseline: the same items' priorities rewritten by one UPDATE with nothing computed`,
      },
    ];
  } finally {
    core.close();
  }
}

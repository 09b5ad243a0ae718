// Quality review over a large history: agreement (κ for every pair, α for the team and each
// queue, each with its bootstrap interval) over all reviewed decisions, and a stratified
// sample of 1,000 drawn from every decision of the period.
import { previewDraw } from '../src/core/index';
import type { AgreementReport, DrawReport } from '../src/shared/model';
import { log, type Metric } from './lib/metrics';
import { call, open } from './lib/workload';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function qaFigures(dir: string, decisions: number): Promise<Metric[]> {
  const core = open(dir);
  try {
    const period = core.db.prepare('SELECT min(at) AS f, max(at) AS t FROM qa_decisions').get() as { f: number; t: number };
    // Signed in as a supervisor: agreement names every pair, and a draw is a supervisor's.
    core.db
      .prepare("INSERT OR REPLACE INTO sync_state (key, value) VALUES ('connection', ?)")
      .run(JSON.stringify({ url: 'http://127.0.0.1:9', user: 'bench', role: 'supervisor', expiresAt: Date.now() + 3_600_000 }));
    // Agreement: the first call reads the reviews cold; the figure is the median of three after it.
    const times: number[] = [];
    let report: AgreementReport | null = null;
    for (let i = 0; i < 4; i++) {
      const t = performance.now();
      report = await call<AgreementReport>(core, 'qa.agreement', { seed: 1 });
      times.push(performance.now() - t);
    }
    const r = report!;
    log(
      `qa.agreement: ${r.units.toLocaleString('en')} reviewed decisions, ${r.pairs.length} pairs, ${r.queues.length} queues; team α ${r.team.value?.toFixed(3)} [${r.team.low?.toFixed(3)}, ${r.team.high?.toFixed(3)}]; ${times.map((x) => x.toFixed(0)).join(', ')} ms`,
    );

    // The sample: the period's decisions read and 1,000 picked, stratified by moderator.
    const recipe = {
      from: period.f,
      to: period.t + 1,
      queue: null,
      by: ['moderator' as const],
      allocation: 'proportional' as const,
      size: 1000,
    };
    const sampleTimes: number[] = [];
    let population = 0;
    for (let i = 0; i < 4; i++) {
      const t = performance.now();
      const { drawn } = previewDraw(core.db, { ...recipe, seed: i + 1 });
      sampleTimes.push(performance.now() - t);
      population = drawn.population;
      if (drawn.ids.length !== 1000) throw new Error(`the sample has ${drawn.ids.length} decisions`);
    }
    // And once as a supervisor does it, recording a pick of each.
    const t = performance.now();
    const d = await call<DrawReport>(core, 'qa.draw', { ...recipe, seed: 99, queue: undefined });
    const recordMs = performance.now() - t;
    log(
      `qa sample: ${population.toLocaleString('en')} decisions in the period; drawing 1,000: ${sampleTimes.map((x) => x.toFixed(0)).join(', ')} ms; drawn and recorded (qa.draw, ${d.picked} picks): ${recordMs.toFixed(0)} ms`,
    );
    return [
      {
        name: 'qa.agreement_1m_ms',
        value: median(times.slice(1)),
        unit: 'ms',
        note: `qa.agreement over ${decisions.toLocaleString('en')} decisions with ${r.units.toLocaleString('en')} reviewed (${r.pairs.length} pairs on 500 bootstrap replicates each, ${r.queues.length} queues and the team on 1,000), median of 3 after a first (${times[0]!.toFixed(0)} ms); target <= 500`,
      },
      {
        name: 'qa.sample_1m_ms',
        value: median(sampleTimes.slice(1)),
        unit: 'ms',
        note: `a sample of 1,000 stratified by moderator from ${population.toLocaleString('en')} decisions, median of 3 after a first (${sampleTimes[0]!.toFixed(0)} ms); recording its picks as well (qa.draw): ${recordMs.toFixed(0)} ms; target <= 200`,
      },
    ];
  } finally {
    core.close();
  }
}

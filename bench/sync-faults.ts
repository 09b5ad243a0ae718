// Sync under faults: the fault runs of tests/sync-server/faults.test.ts at scale,
// over at least 10,000 events in all. Three runs, each with the real server and workstations in
// child processes on loopback: a proxy that drops, delays, cuts and stalls requests and loses
// push answers; the server killed with SIGKILL while pushes are in flight; workstations killed
// at chosen points and at random. Lost and doubled events are counted across the runs.
import { seedFromEnv } from '../tests/sync-server/faults/rng';
import { runFaultScenario, type ScenarioOptions, type ScenarioReport } from '../tests/sync-server/faults/scenario';
import { log, type Metric } from './lib/metrics';
import { tempDir } from './lib/workload';

type Run = Omit<ScenarioOptions, 'root' | 'seed' | 'log'> & { name: string };

const noKills = { selfKills: 0, randomKills: 0, randomKillMs: [0, 0] as [number, number] };
const mildProxy = { drop: 0.01, delay: 0.02, 'cut-request': 0.01, 'cut-response': 0.02, stall: 0.01, 'lose-push-answer': 0.02 };

const RUNS: Run[] = [
  {
    name: 'proxy faults',
    workstations: 4,
    eventsEach: 1000,
    items: 100,
    rates: { drop: 0.04, delay: 0.06, 'cut-request': 0.04, 'cut-response': 0.06, stall: 0.03, 'lose-push-answer': 0.08 },
    stallMs: [100, 800],
    serverKills: 0,
    pushesBetweenKills: [1, 1],
    clientKills: noKills,
  },
  {
    name: 'server kill -9',
    workstations: 3,
    eventsEach: 1000,
    items: 100,
    rates: mildProxy,
    serverKills: 10,
    pushesBetweenKills: [20, 60],
    clientKills: noKills,
  },
  {
    name: 'workstation kill -9',
    workstations: 3,
    eventsEach: 1000,
    items: 100,
    rates: mildProxy,
    serverKills: 0,
    pushesBetweenKills: [1, 1],
    clientKills: { selfKills: 4, randomKills: 3, randomKillMs: [500, 4000] },
  },
];

export async function syncFaultFigures(): Promise<Metric[]> {
  const seed = seedFromEnv();
  log(`sync-faults: seed ${seed} (replay with VIGIL_FAULT_SEED=${seed})`);
  const reports: (ScenarioReport & { name: string })[] = [];
  for (const [k, r] of RUNS.entries()) {
    const { name, ...o } = r;
    const report = await runFaultScenario({
      ...o,
      root: tempDir(`faults-${k}`),
      seed: (seed + k) >>> 0,
      log: (m) => log(`  ${name}: ${m}`),
    });
    for (const p of report.audit.problems) log(`  ${name}: PROBLEM ${p}`);
    reports.push({ ...report, name });
  }
  const sum = (f: (r: ScenarioReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const made = sum((r) => r.audit.made);
  const proxy = sum((r) => r.faults.proxyInjected);
  const serverKills = sum((r) => r.faults.serverKills);
  const clientKills = sum((r) => r.faults.clientKills);
  const byKind = (k: keyof ScenarioReport['faults']['proxy']) => sum((r) => r.faults.proxy[k]);
  const runs = reports
    .map(
      (r) =>
        `${r.name}: ${r.audit.made} events, ${r.faults.proxyInjected} proxy faults, ${r.faults.serverKills} server kills, ${r.faults.clientKills} workstation kills, ${r.seconds.toFixed(0)} s`,
    )
    .join('; ');
  const scope = `across ${reports.length} fault runs (seed ${seed}), ${made.toLocaleString('en')} events made on workstations`;
  return [
    {
      name: 'sync.lost_events',
      value: sum((r) => r.audit.lost + r.audit.altered),
      unit: 'events',
      note: `made on a workstation (or reported made) but not on the server as made, ${scope}; target 0`,
    },
    {
      name: 'sync.duplicated_events',
      value: sum((r) => r.audit.duplicated + r.audit.phantom),
      unit: 'events',
      note: `extra server rows for one event id or one workstation sequence, extra local rows, or server rows nobody made, ${scope}; target 0`,
    },
    { name: 'sync.fault_events', value: made, unit: 'events', note: `events made and synced under faults: ${runs}; target >= 10,000` },
    {
      name: 'sync.faults_injected',
      value: proxy + serverKills + clientKills,
      unit: 'faults',
      note: `proxy: ${byKind('drop')} drops, ${byKind('delay')} delays, ${byKind('cut-request')} requests cut, ${byKind('cut-response')} answers cut, ${byKind('stall')} stalls, ${byKind('lose-push-answer')} push answers lost; server kill -9: ${serverKills}; workstation kill -9: ${clientKills}`,
    },
    {
      name: 'sync.unconverged_replicas',
      value: sum((r) => r.audit.unconverged),
      unit: 'replicas',
      note: `workstations whose events, verdicts or item states differ from the server's or each other's after recovery, ${scope}; target 0`,
    },
    {
      name: 'sync.outbox_left',
      value: sum((r) => r.audit.outbox),
      unit: 'events',
      note: `events still waiting in outboxes after recovery, ${scope}; target 0`,
    },
  ];
}

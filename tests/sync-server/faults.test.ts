// Fault injection against the real server over loopback: the server and the
// workstations run in child processes; a proxy between them drops, delays, cuts and stalls
// requests and throws away the answers of pushes the server has committed; the server is
// killed with SIGKILL while pushes are in flight and restarted on its folder and port; the
// workstations are killed at chosen points (an answer received but not recorded, a pull page
// received but not applied, a decision just made) and at random, and restarted on theirs.
// After recovery: every outbox is empty, the server holds every event made exactly once, and
// the replicas agree. The seed is printed; VIGIL_FAULT_SEED=N replays a run's choices.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../unit/helpers';
import { seedFromEnv } from './faults/rng';
import { runFaultScenario, type ScenarioOptions, type ScenarioReport } from './faults/scenario';

const WORKSTATIONS = 3;
const EACH = 200;

async function run(
  name: string,
  o: Omit<ScenarioOptions, 'root' | 'seed' | 'workstations' | 'eventsEach' | 'items'>,
): Promise<ScenarioReport> {
  const seed = seedFromEnv();
  console.log(`fault run "${name}": seed ${seed} (replay with VIGIL_FAULT_SEED=${seed})`);
  const report = await runFaultScenario({
    root: tempDir('vigil-faults-'),
    seed,
    workstations: WORKSTATIONS,
    eventsEach: EACH,
    items: 30,
    ...o,
  });
  console.log(`fault run "${name}": ${JSON.stringify({ ...report.audit, problems: undefined })} ${JSON.stringify(report.faults)}`);
  return report;
}

/** Nothing lost, nothing doubled, everything drained, every replica alike. */
function expectRecovered(r: ScenarioReport): void {
  const a = r.audit;
  const why = `seed ${r.seed}: ${a.problems.join('; ') || 'no problem noted'}`;
  expect(a.made, why).toBe(WORKSTATIONS * EACH);
  expect(a.lost, why).toBe(0);
  expect(a.duplicated, why).toBe(0);
  expect(a.phantom, why).toBe(0);
  expect(a.altered, why).toBe(0);
  expect(a.serverRows, why).toBe(a.made);
  expect(a.outbox, why).toBe(0);
  expect(a.unconverged, why).toBe(0);
}

describe('sync under faults (real server and workstations in child processes, loopback)', () => {
  it('loses and doubles nothing through a proxy that drops, delays, cuts and stalls, with kill -9 of server and workstations', async () => {
    const r = await run('everything', {
      rates: { drop: 0.03, delay: 0.05, 'cut-request': 0.03, 'cut-response': 0.05, stall: 0.03, 'lose-push-answer': 0.06 },
      stallMs: [100, 800],
      serverKills: 2,
      pushesBetweenKills: [10, 30],
      clientKills: { selfKills: 2, randomKills: 1, randomKillMs: [300, 2500] },
    });
    expectRecovered(r);
    // The faults did happen.
    expect(r.faults.proxyInjected).toBeGreaterThan(0);
    expect(r.faults.serverKills).toBeGreaterThan(0);
    expect(r.faults.clientKills).toBeGreaterThan(0);
  }, 150_000);

  it('stores once the pushes whose answers were lost, to the proxy or to a workstation killed before recording them', async () => {
    const r = await run('lost answers', {
      rates: { 'lose-push-answer': 0.3, 'cut-response': 0.1 },
      serverKills: 0,
      pushesBetweenKills: [1, 1],
      clientKills: { selfKills: 3, randomKills: 0, randomKillMs: [0, 0], points: ['push-answer'] },
    });
    expectRecovered(r);
    expect(r.faults.proxy['lose-push-answer']).toBeGreaterThan(0);
    expect(r.faults.clientKillsBy['push-answer']).toBeGreaterThan(0);
  }, 150_000);
});

// One fault run, end to end, all on loopback: the real server in a child process, a fault
// proxy in front of it, workstations in child processes making events and syncing through the
// proxy. While they work, the server is killed with SIGKILL shortly after a push passes the
// proxy and started again on the same folder and port; workstations are killed at chosen
// points and at random moments and started again on their folders. Once every workstation has
// made its share and drained its outbox, each pulls to the server's head, and the databases
// are audited (ledger.ts). Every random choice comes from the seed, printed with the report.
import { join } from 'node:path';
import { openCore } from '../../../src/core/index';
import type { ResultOf } from '../../../src/shared/contract';
import { audit, type Audit } from './ledger';
import { rng } from './rng';
import { freePort, ServerProcess } from './server-process';
import { FaultProxy, type FaultKind, type FaultRates } from './tcp-proxy';
import { prepareWorkstation, WorkstationProcess, type KillBudget } from './workstation-process';

export interface ScenarioOptions {
  /** An empty folder for the server's and the workstations' data. */
  root: string;
  seed: number;
  workstations: number;
  /** Events each workstation makes. */
  eventsEach: number;
  /** Items every workstation has (fewer items, more concurrent decisions on each). */
  items: number;
  rates: FaultRates;
  stallMs?: [number, number];
  serverKills: number;
  /** Pushes passing the proxy between one server kill and the next. */
  pushesBetweenKills: [number, number];
  clientKills: KillBudget;
  log?: (msg: string) => void;
}

export interface ScenarioReport {
  seed: number;
  audit: Audit;
  faults: {
    proxy: Record<FaultKind | 'pass' | 'refused', number>;
    /** Connections the proxy misbehaved on. */
    proxyInjected: number;
    serverKills: number;
    clientKills: number;
    clientKillsBy: Record<string, number>;
  };
  seconds: number;
}

const SETTLE_ATTEMPTS = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A workstation's last step: pull until it holds everything up to the server's head. */
async function settle(dataDir: string, actor: string): Promise<void> {
  const core = openCore({ dataDir, host: 'test', actor });
  try {
    for (let attempt = 1; ; attempt++) {
      const r = await core.dispatch('sync.run', {});
      const s = r.ok ? (r.value as ResultOf<'sync.run'>) : null;
      if (s && s.outbox === 0 && s.cursor >= s.serverHead) return;
      if (attempt >= SETTLE_ATTEMPTS) throw new Error(`${actor} did not settle: ${r.ok ? JSON.stringify(s) : r.error.message}`);
      await sleep(20);
    }
  } finally {
    core.close();
  }
}

export async function runFaultScenario(o: ScenarioOptions): Promise<ScenarioReport> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const r = rng(o.seed);
  const killRng = r.fork();
  const server = new ServerProcess(join(o.root, 'server'), await freePort());
  const names = Array.from({ length: o.workstations }, (_, k) => `ws${k}`);
  const passwords: string[] = [];
  for (const n of names) passwords.push(await server.addUser(n, 'moderator'));
  await server.start();

  let pushes = 0;
  let nextKill = killRng.int(...o.pushesBetweenKills);
  let killing: Promise<void> | null = null;
  let killFailure: Error | null = null;
  const killAndRestart = async () => {
    // A few milliseconds after the push left the proxy: reading its body, in its transaction, or answering.
    await sleep(killRng.int(0, 15));
    await server.kill();
    log(`server killed (${server.kills}) after push ${pushes}`);
    await sleep(killRng.int(20, 400));
    await server.start();
  };
  const proxy = new FaultProxy({
    target: { host: '127.0.0.1', port: server.port },
    rng: r.fork(),
    rates: {},
    ...(o.stallMs ? { stallMs: o.stallMs } : {}),
    onRequest: (method, path) => {
      if (method !== 'POST' || path !== '/sync/push') return;
      pushes++;
      if (killing || server.kills >= o.serverKills || pushes < nextKill) return;
      killing = killAndRestart()
        .catch((e: Error) => void (killFailure ??= e))
        .finally(() => {
          killing = null;
          nextKill = pushes + killRng.int(...o.pushesBetweenKills);
        });
    },
  });
  const url = `http://127.0.0.1:${await proxy.listen()}`;

  const stations = names.map((n) => new WorkstationProcess(n, join(o.root, n), o.eventsEach, r.fork(), log));
  try {
    for (const [k, s] of stations.entries()) await prepareWorkstation(s.dataDir, s.name, o.items, url, passwords[k]!);
    proxy.setRates(o.rates);
    log(`seed ${o.seed}: ${o.workstations} workstations x ${o.eventsEach} events through ${url} to ${server.url}`);

    await Promise.all(stations.map((s) => s.run(o.clientKills)));
    await killing;
    if (killFailure) throw killFailure;
    if (!server.running) await server.start();
    for (const s of stations) await settle(s.dataDir, s.name);
    await server.stop();

    const clientKillsBy: Record<string, number> = {};
    for (const s of stations) for (const [k, n] of Object.entries(s.kills)) clientKillsBy[k] = (clientKillsBy[k] ?? 0) + n;
    const report: ScenarioReport = {
      seed: o.seed,
      audit: audit(
        server.dataDir,
        stations.map((s) => ({ dataDir: s.dataDir, reported: s.reported })),
      ),
      faults: {
        proxy: { ...proxy.counts },
        proxyInjected: proxy.injected,
        serverKills: server.kills,
        clientKills: stations.reduce((n, s) => n + s.killCount, 0),
        clientKillsBy,
      },
      seconds: (performance.now() - started) / 1000,
    };
    log(
      `seed ${o.seed}: ${JSON.stringify({ ...report.audit, problems: report.audit.problems.length })} faults ${JSON.stringify(report.faults)}`,
    );
    return report;
  } finally {
    for (const s of stations) s.abort();
    await proxy.close();
    await server.kill();
  }
}

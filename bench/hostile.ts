// A hostile moderator among honest workstations, at a larger scale than the property test
// (tests/sync-server/hostile.test.ts): how many hostile events the team's sync survived, and how
// many honest replicas ended stuck, robbed or split (the figure must be 0).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../src/core/index';
import { buildServer } from '../src/sync-server/app';
import { hashPassword } from '../src/sync-server/auth/passwords';
import { openSqliteStore } from '../src/sync-server/store/sqlite-store';
import { honestStep, hostileStep, makeWorld, RECORDS, rng, settle, TEAM_USERS } from '../tests/sync-server/hostile-world';
import { log, type Metric } from './lib/metrics';

const PASSWORD = 'bench password 123';
const STEPS = 1500;

async function call(core: Core, method: string, args: unknown): Promise<void> {
  const r = await core.dispatch(method as never, args as never);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
}

export async function hostileFigures(seed = Number(process.env.VIGIL_HOSTILE_SEED ?? Date.now() % 2 ** 31)): Promise<Metric[]> {
  const dirs: string[] = [];
  const temp = () => {
    const d = mkdtempSync(join(tmpdir(), 'vigil-hostile-'));
    dirs.push(d);
    return d;
  };
  const store = openSqliteStore(temp());
  for (const [name, role] of TEAM_USERS) await store.addUser(name, role, await hashPassword(PASSWORD), Date.now());
  const app = buildServer({ store });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const cores: Core[] = [];
  try {
    const w = await makeWorld(
      url,
      async (name) => {
        const core = openCore({ dataDir: temp(), host: 'test', actor: name, syncSnapshotAbove: Infinity });
        cores.push(core);
        const begin = await core.dispatch('import.begin', { fileName: 'items.ndjson' });
        if (!begin.ok) throw new Error(begin.error.message);
        const { importId } = begin.value as { importId: string };
        await call(core, 'import.chunk', { importId, text: RECORDS.map((x) => JSON.stringify(x)).join('\n') });
        await call(core, 'import.finish', { importId });
        await call(core, 'sync.connect', { url, name, password: PASSWORD });
        return core;
      },
      PASSWORD,
    );
    log(`hostile: seed ${seed} (replay with VIGIL_HOSTILE_SEED=${seed}), ${STEPS} steps`);
    const r = rng(seed);
    for (let i = 0; i < STEPS; i++) {
      if (r.chance(0.4)) await hostileStep(w, r, 20);
      else await honestStep(w, r);
    }
    const verdict = await settle(w);
    const bad = [...verdict.stuck, ...verdict.lost, ...verdict.diverged];
    for (const b of bad) log(`hostile: ${b}`);
    const replicas = new Set(bad.map((b) => b.split(':')[0]));
    return [
      {
        name: 'sync.hostile_pushes',
        value: w.hostile.pushed,
        unit: 'events',
        note: `events a hostile moderator pushed (any action, other users' ids and client ids, replays, undos of anything), ${w.hostile.accepted} accepted under its own name, among ${STEPS} steps with 3 honest workstations, SQLite store, seed ${seed}`,
      },
      {
        name: 'sync.honest_replicas_stuck',
        value: replicas.size,
        unit: 'replicas',
        note: 'honest workstations that could not sync, could not apply an accepted event, lost an event of their own or disagree (target 0)',
      },
    ];
  } finally {
    for (const c of cores) c.close();
    await app.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

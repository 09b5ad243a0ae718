// The parent's handle on one workstation child (workstation.ts): prepares its data folder,
// runs it life after life (each life may be killed, by itself at a chosen point or by us with
// SIGKILL at a random moment) until it exits on its own with its outbox drained, and keeps
// every event id the child reported as made.
import type { ChildProcess } from 'node:child_process';
import { openCore } from '../../../src/core/index';
import { call } from '../../unit/call';
import type { Rng } from './rng';
import { spawnTs, tail } from './server-process';
import type { KillPoint, WorkstationPlan } from './workstation';

const MAX_LIVES = 60;
const KILL_POINTS: readonly KillPoint[] = ['push-answer', 'pull-answer', 'decided'];

/** The same items on every workstation, so that every event is one each replica can apply. */
export function itemLines(count: number): string {
  return (
    Array.from({ length: count }, (_, k) =>
      JSON.stringify({ type: 'item', platform: 'x', id: `f${k}`, kind: 'comment', text: `comment ${k}` }),
    ).join('\n') + '\n'
  );
}

/** Imports the items and signs in (retrying: the way to the server may be faulty). */
export async function prepareWorkstation(dataDir: string, actor: string, items: number, url: string, password: string): Promise<void> {
  const core = openCore({ dataDir, host: 'test', actor });
  try {
    const { importId } = await call(core, 'import.begin', { fileName: 'items.ndjson' });
    await call(core, 'import.chunk', { importId, text: itemLines(items) });
    await call(core, 'import.finish', { importId });
    for (let attempt = 1; ; attempt++) {
      try {
        await call(core, 'sync.connect', { url, name: actor, password });
        return;
      } catch (e) {
        if (attempt >= 50) throw e;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } finally {
    core.close();
  }
}

export interface KillBudget {
  /** Lives that end by the child killing itself at a chosen point. */
  selfKills: number;
  /** Lives that end by our SIGKILL at a random moment within `randomKillMs`. */
  randomKills: number;
  randomKillMs: [number, number];
  /** Where self-kills may happen (all points unless given). */
  points?: readonly KillPoint[];
}

export class WorkstationProcess {
  readonly reported = new Set<string>();
  lives = 0;
  private current: ChildProcess | null = null;
  private aborted = false;
  kills: Record<KillPoint | 'random', number> = { 'push-answer': 0, 'pull-answer': 0, decided: 0, random: 0 };

  constructor(
    readonly name: string,
    readonly dataDir: string,
    private readonly target: number,
    private readonly r: Rng,
    private readonly log: (msg: string) => void = () => {},
  ) {}

  get killCount(): number {
    return Object.values(this.kills).reduce((a, b) => a + b, 0);
  }

  /** Ends the life in progress and any to come (when the run fails elsewhere). */
  abort(): void {
    this.aborted = true;
    this.current?.kill('SIGKILL');
  }

  /** Lives until one ends on its own, killed as the budget says; throws if a life fails. */
  async run(budget: KillBudget): Promise<void> {
    let selfKills = budget.selfKills;
    let randomKills = budget.randomKills;
    for (;;) {
      if (++this.lives > MAX_LIVES) throw new Error(`${this.name}: still not done after ${MAX_LIVES} lives`);
      // Kills are spread over the lives: each kind is tried while its budget lasts.
      const selfKill =
        selfKills > 0 && (randomKills === 0 || this.r.chance(0.5))
          ? { point: this.r.pick(budget.points ?? KILL_POINTS), nth: this.r.int(1, 4) }
          : null;
      const randomAt = !selfKill && randomKills > 0 ? this.r.int(...budget.randomKillMs) : null;
      const plan: WorkstationPlan = { dataDir: this.dataDir, name: this.name, target: this.target, seed: this.r.int(0, 2 ** 31), selfKill };
      const child = spawnTs('tests/sync-server/faults/workstation.ts', [], { VIGIL_FAULT_WS: JSON.stringify(plan) }, 'pipe');
      this.current = child;
      const stderr = tail(child.stderr);
      let buffered = '';
      child.stdout!.on('data', (d: Buffer) => {
        buffered += d.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) for (const id of (JSON.parse(line) as { made?: string[] }).made ?? []) this.reported.add(id);
      });
      const timer = randomAt === null ? null : setTimeout(() => child.kill('SIGKILL'), randomAt);
      // 'close', not 'exit': every line it printed has been read by then.
      const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
        child.once('close', (c, sig) => res({ code: c, signal: sig })),
      );
      if (timer) clearTimeout(timer);
      this.current = null;
      this.log(
        `${this.name} life ${this.lives}: ${signal ?? `exit ${code}`}${selfKill ? ` (plan: kill at ${selfKill.point} #${selfKill.nth})` : randomAt !== null ? ` (plan: kill at ${randomAt} ms)` : ''}`,
      );
      if (this.aborted) throw new Error(`${this.name}: stopped`);
      if (code === 0) return;
      if (signal !== 'SIGKILL') throw new Error(`${this.name}: life ${this.lives} ended with ${signal ?? `exit ${code}`}: ${stderr()}`);
      // A plan that was not reached (the child finished first) is not a kill of that kind.
      if (selfKill) {
        this.kills[selfKill.point]++;
        selfKills--;
      } else {
        this.kills.random++;
        randomKills--;
      }
    }
  }
}

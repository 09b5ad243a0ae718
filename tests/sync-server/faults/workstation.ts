// A workstation in a child process, for the fault runs: it opens its core on a data folder the
// parent prepared (items imported, connected to the server through the fault proxy), makes
// decisions, labels, notes, claims and undos in bursts, and syncs after each burst, until it
// has made its share of events and its outbox is empty. The parent may `kill -9` it at any
// time; a plan can also make it kill itself at an exact point (just after a push was answered,
// before the answer is recorded; after a pull page arrived, before it is applied; right after
// a decision). Every event id it made is printed once the call that made it has returned.
//
//   VIGIL_FAULT_WS='{"dataDir":…,"name":…,"target":…,"seed":…,"selfKill":null}' node --import tsx workstation.ts
import { openCore, type Core } from '../../../src/core/index';
import type { ArgsIn, Method, ResultOf } from '../../../src/shared/contract';
import { rng } from './rng';

export type KillPoint = 'push-answer' | 'pull-answer' | 'decided';

export interface WorkstationPlan {
  dataDir: string;
  name: string;
  /** Events this workstation makes over all its lives. */
  target: number;
  seed: number;
  /** This life SIGKILLs itself at the nth time it reaches the point. */
  selfKill: { point: KillPoint; nth: number } | null;
}

const DECISIONS = ['approve', 'remove', 'escalate', 'spam', 'fake'] as const;
const LABELS = ['urgent', 'vip', 'legal', 'refund', 'bot'];
const FINISH_MS = 120_000;

const plan = JSON.parse(process.env.VIGIL_FAULT_WS ?? 'null') as WorkstationPlan | null;
if (!plan) throw new Error('VIGIL_FAULT_WS is not set');

const seen: Record<KillPoint, number> = { 'push-answer': 0, 'pull-answer': 0, decided: 0 };
function reached(point: KillPoint): void {
  seen[point]++;
  if (plan!.selfKill?.point === point && seen[point] === plan!.selfKill.nth) process.kill(process.pid, 'SIGKILL');
}

// The sync client uses the global fetch: a killer just after the answer arrives and before the
// client has read or recorded it. Requests in flight are kept to say what a hang waited for.
const realFetch = globalThis.fetch;
const inFlight = new Set<string>();
globalThis.fetch = async (input, init) => {
  const what = `${init?.method ?? 'GET'} ${String(input)}`;
  inFlight.add(what);
  const res = await realFetch(input, init).finally(() => inFlight.delete(what));
  const path = new URL(String(input)).pathname;
  if (res.ok && path === '/sync/push') reached('push-answer');
  if (res.ok && path === '/sync/pull') reached('pull-answer');
  return res;
};

async function call<M extends Method>(core: Core, m: M, args: ArgsIn<M>): Promise<ResultOf<M>> {
  const r = await core.dispatch(m, args);
  if (!r.ok) throw Object.assign(new Error(`${m}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
  return r.value as ResultOf<M>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(p: WorkstationPlan): Promise<void> {
  const core = openCore({ dataDir: p.dataDir, host: 'test', actor: p.name });
  const clientId = core.db.prepare("SELECT value FROM meta WHERE key = 'client_id'").pluck().get() as string;
  const own = core.db.prepare('SELECT count(*) FROM events WHERE client_id = ?').pluck();
  const items = core.db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
  const undoable = core.db
    .prepare(
      `SELECT e.id FROM events e WHERE e.client_id = ? AND e.action IN ('approve', 'remove', 'escalate', 'spam', 'fake')
     AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undo_of = e.id) ORDER BY e.seq DESC LIMIT 5`,
    )
    .pluck();
  // A life that restarts draws differently from the one before it.
  const r = rng(p.seed ^ (own.get(clientId) as number));
  const some = (most: number) => {
    const n = r.int(1, most);
    return Array.from({ length: n }, () => r.pick(items));
  };

  /** One user action; at most `room` events. */
  async function act(room: number): Promise<void> {
    const kind = r.pick(['decide', 'decide', 'label', 'label', 'note', 'claim', 'undo'] as const);
    let out: { outcomes: { eventId: string }[] };
    try {
      out = await attempt(kind, room);
    } catch (e) {
      // The team's rules say no (another holds the item, the decision is in conflict): a person is told, nothing is made.
      if ((e as { code?: string }).code === 'action_refused' || (e as { code?: string }).code === 'undo_refused') return;
      throw e;
    }
    say({ made: out.outcomes.map((o) => o.eventId) });
    reached('decided');
  }

  async function attempt(kind: 'decide' | 'label' | 'note' | 'claim' | 'undo', room: number): Promise<{ outcomes: { eventId: string }[] }> {
    let out: { outcomes: { eventId: string }[] };
    if (kind === 'decide') out = await call(core, 'decision.apply', { itemIds: some(Math.min(4, room)), action: r.pick(DECISIONS) });
    else if (kind === 'label')
      out = await call(core, 'item.label', {
        itemIds: some(Math.min(4, room)),
        add: [r.pick(LABELS)],
        remove: r.chance(0.5) ? [r.pick(LABELS)] : [],
      });
    else if (kind === 'note') out = await call(core, 'item.note', { itemId: r.pick(items), text: `note ${r.int(0, 1e9)}` });
    else if (kind === 'claim') out = await call(core, 'item.claim', { itemIds: some(Math.min(3, room)), claim: r.chance(0.6) });
    else {
      const target = undoable.all(clientId) as string[];
      if (!target.length) return { outcomes: [] };
      out = await call(core, 'decision.undo', { eventIds: [r.pick(target)] });
    }
    return out;
  }

  async function syncOnce(): Promise<boolean> {
    try {
      await call(core, 'sync.run', {});
      return true;
    } catch {
      // Offline is normal here: the proxy or a dead server. The outbox keeps everything.
      await sleep(r.int(10, 120));
      return false;
    }
  }

  for (let made = own.get(clientId) as number; made < p.target; made = own.get(clientId) as number) {
    const calls = r.int(1, 4);
    for (let c = 0; c < calls && (own.get(clientId) as number) < p.target; c++) await act(p.target - (own.get(clientId) as number));
    await syncOnce();
  }
  const end = Date.now() + FINISH_MS;
  for (;;) {
    if ((await syncOnce()) && (await call(core, 'sync.status', {})).outbox === 0) break;
    if (Date.now() > end) throw new Error(`the outbox did not drain within ${FINISH_MS} ms`);
  }
  say({ done: true, total: own.get(clientId) });
  core.close();
}

// Node leaves quietly, with code 0, when nothing is left to wait for: that is not "done".
process.on('beforeExit', () => {
  process.stderr.write(`the event loop emptied before the workstation finished; waiting for: ${[...inFlight].join(', ') || 'nothing'}\n`);
  process.exit(4);
});

main(plan).then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);

// A team on one server: three honest workstations (two moderators and a supervisor) working a
// handful of items, and a hostile moderator account that pushes whatever it likes straight to
// the server: any action on any item, other users' ids and client ids, replays, undos of
// anything, resolutions, hand-overs to anyone, forged authors, configuration documents. Used
// by the property test (tests/sync-server/hostile.test.ts) and the benchmark (bench/hostile.ts);
// free of vitest so both can run it.
import { randomUUID } from 'node:crypto';
import type { Core } from '../../src/core/index';
import { CONFIG_PLATFORM } from '../../src/shared/config-sync';
import { DECISION_ACTIONS } from '../../src/shared/model';
import { SYNC_ACTIONS, SYNC_SCHEMA_VERSION, type PullResponse, type PushResponse } from '../../src/shared/sync';
import { call } from '../unit/call';

export const ITEMS = ['m0', 'm1', 'm2', 'm3', 'm4'];
export const HONEST = ['ana', 'bo', 'sam'] as const;
export const HOSTILE = 'mal';
export const TEAM_USERS = [
  ['ana', 'moderator'],
  ['bo', 'moderator'],
  ['sam', 'supervisor'],
  ['mal', 'moderator'],
] as const;

/** A small deterministic generator, so a failing run can be replayed from its seed. */
export function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

export interface World {
  url: string;
  honest: Map<string, Core>;
  /** The hostile account's session token. */
  malToken: string;
  /** Every event id the hostile account has seen (from pulls): what it replays and undoes. */
  seen: string[];
  /** Client ids of the honest workstations, as pulls reveal them. */
  clientIds: string[];
  /** Events the hostile account pushed, and how many of them the server accepted. */
  hostile: { pushed: number; accepted: number };
}

async function loginToken(url: string, name: string, password: string): Promise<string> {
  const r = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  return ((await r.json()) as { token: string }).token;
}

/** The items every workstation imports before signing in. */
export const RECORDS = ITEMS.map((id) => ({ type: 'item', platform: 'x', id, kind: 'mention', text: `message ${id}` }));

/**
 * The team on the server at `url`: `open` makes a workstation signed in as that person with
 * RECORDS imported (the tests' loopback helper, or the benchmark's own); every user's password is `password`.
 */
export async function makeWorld(url: string, open: (name: string) => Promise<Core>, password: string): Promise<World> {
  const honest = new Map<string, Core>();
  for (const name of HONEST) honest.set(name, await open(name));
  return { url, honest, malToken: await loginToken(url, HOSTILE, password), seen: [], clientIds: [], hostile: { pushed: 0, accepted: 0 } };
}

const itemId = (core: Core, externalId: string) =>
  core.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(externalId) as number;

/** One honest person's step; refusals by the team's rules are a person's normal answer. */
export async function honestStep(w: World, r: Rng): Promise<void> {
  const name = r.pick(HONEST);
  const core = w.honest.get(name)!;
  const item = itemId(core, r.pick(ITEMS));
  const kind = r.pick(['decide', 'decide', 'label', 'claim', 'release', 'handover', 'undo', 'note', 'sync', 'sync', 'resolve'] as const);
  let res: Awaited<ReturnType<Core['dispatch']>>;
  if (kind === 'decide')
    res = await core.dispatch('decision.apply', { itemIds: [item], action: r.pick(DECISION_ACTIONS.filter((a) => a !== 'reply')) });
  else if (kind === 'label')
    res = await core.dispatch('item.label', { itemIds: [item], add: [r.pick(['vip', 'spam-wave', 'legal'])], remove: [] });
  else if (kind === 'claim' || kind === 'release') res = await core.dispatch('item.claim', { itemIds: [item], claim: kind === 'claim' });
  else if (kind === 'handover')
    res = await core.dispatch('item.handover', { itemIds: [item], to: r.pick(HONEST.filter((n) => n !== name)), reason: 'shift ends' });
  else if (kind === 'note') res = await core.dispatch('item.note', { itemId: item, text: `note ${r.int(0, 1e6)}` });
  else if (kind === 'undo') {
    const own = core.db
      .prepare("SELECT id FROM events WHERE action NOT IN ('undo', 'claim', 'release', 'handover') ORDER BY seq DESC LIMIT 3")
      .pluck()
      .all() as string[];
    if (!own.length) return;
    res = await core.dispatch('decision.undo', { eventIds: [r.pick(own)] });
  } else if (kind === 'resolve') {
    if (name !== 'sam') return;
    await core.dispatch('sync.run', {});
    const open = (await call(core, 'conflicts.list', {})).conflicts;
    if (!open.length) return;
    res = await core.dispatch('conflict.resolve', {
      itemId: r.pick(open).itemId,
      action: r.pick(['approve', 'remove', 'spam'] as const),
      reason: 'settled in the drill',
    });
  } else res = await core.dispatch('sync.run', {});
  if (!res.ok && !['action_refused', 'undo_refused', 'not_found'].includes(res.error.code)) {
    throw new Error(`${name} ${kind}: ${res.error.code} ${res.error.message}`);
  }
}

/** Reads everything the server holds, as the hostile account would, to aim at it. */
async function spy(w: World): Promise<PullResponse['events']> {
  const events: PullResponse['events'] = [];
  for (let cursor = 0; ;) {
    const res = await fetch(`${w.url}/sync/pull?cursor=${cursor}&schemaVersion=${SYNC_SCHEMA_VERSION}`, {
      headers: { authorization: `Bearer ${w.malToken}` },
    });
    const page = (await res.json()) as PullResponse;
    events.push(...page.events);
    cursor = page.cursor;
    if (!page.more) return events;
  }
}

/** A random event of any shape the protocol allows. */
function hostileEvent(w: World, r: Rng, known: PullResponse['events'], seq: () => number): Record<string, unknown> {
  const replay = known.length && r.chance(0.15) ? r.pick(known) : null;
  if (replay) {
    // The same event again, or with something changed under the same id.
    const { seq: _s, status: _st, reason: _r, receivedAt: _at, by: _by, role: _role, ...body } = replay;
    return r.chance(0.5) ? body : { ...body, action: r.pick(DECISION_ACTIONS), actor: r.pick(HONEST) };
  }
  const anyId = () => (known.length && r.chance(0.7) ? r.pick(known).id : randomUUID());
  // Undos aimed where a careless rule would let them through: its own work (a moderator may
  // undo that), what is already undone, undos themselves, conflicts; mostly on the right item.
  const undone = new Set(known.filter((e) => e.action === 'undo' && e.status === 'accepted').map((e) => e.undoOf));
  const aims = [
    known.filter((e) => e.by === HOSTILE && e.status === 'accepted'),
    known.filter((e) => e.by === HOSTILE && undone.has(e.id)),
    known.filter((e) => undone.has(e.id) || e.action === 'undo'),
    known.filter((e) => e.status !== 'accepted'),
    known,
  ].filter((xs) => xs.length);
  const target = aims.length && r.chance(0.8) ? r.pick(r.pick(aims)) : null;
  const action = r.chance(0.25) ? 'undo' : r.pick(SYNC_ACTIONS);
  const config = action === 'config' || r.chance(0.03);
  const payloads: (Record<string, unknown> | null)[] = [
    null,
    { resolves: [anyId(), anyId()] },
    { to: r.pick([...HONEST, HOSTILE, 'nobody', 'feed']) },
    { to: HOSTILE, until: Date.now() + r.int(-3_600_000, 3_600_000) },
    { until: r.chance(0.5) ? Date.now() + 1e9 : 'never' },
    { outcome: r.pick(['answered', 'ignored']) },
    { type: 'question', sentiment: 'negative' },
    { platform: 'x', externalId: r.pick(ITEMS) },
    { remove: ['vip', 'legal'] },
    { base: r.chance(0.5) ? null : anyId(), doc: { thresholds: { 'spam-waves': 0, 'fake-reviews': 0, 'fake-accounts': 0, spam: 0 } } },
  ];
  return {
    id: randomUUID(),
    clientId: w.clientIds.length && r.chance(0.3) ? r.pick(w.clientIds) : r.chance(0.5) ? 'mal-ws' : `mal-${r.int(0, 3)}`,
    clientSeq: r.chance(0.3) ? r.int(1, 30) : seq(),
    platform: config ? CONFIG_PLATFORM : action === 'undo' && target && r.chance(0.8) ? target.platform : r.chance(0.9) ? 'x' : 'elsewhere',
    externalId: config
      ? r.pick(['rules', 'thresholds', 'template:t1'])
      : action === 'undo' && target && r.chance(0.8)
        ? target.externalId
        : r.chance(0.9)
          ? r.pick(ITEMS)
          : `ghost-${r.int(0, 3)}`,
    action,
    baseVersion: r.int(0, 12),
    actor: r.pick([...HONEST, HOSTILE, 'admin']),
    createdAt: Date.now() - r.int(0, 86_400_000),
    ...(r.chance(0.5) ? { reason: r.pick(['because', 'conflict resolved', null]) } : {}),
    ...(r.chance(0.3) ? { labels: [r.pick(['vip', 'legal', 'x'.repeat(60)])] } : {}),
    ...(r.chance(0.2) ? { note: `@ana look ${r.int(0, 100)}` } : {}),
    ...(action === 'undo' || r.chance(0.1) ? { undoOf: target && r.chance(0.9) ? target.id : anyId() } : {}),
    payload: r.pick(payloads),
  };
}

/** One hostile push of 1 to `most` events; returns how many were sent. */
export async function hostileStep(w: World, r: Rng, most = 12): Promise<number> {
  const known = await spy(w);
  w.seen = known.map((e) => e.id);
  w.clientIds = [...new Set(known.filter((e) => e.by !== HOSTILE).map((e) => e.clientId))];
  let n = 1_000_000 + w.hostile.pushed;
  const events = Array.from({ length: r.int(1, most) }, () => hostileEvent(w, r, known, () => ++n));
  const res = await fetch(`${w.url}/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${w.malToken}` },
    body: JSON.stringify({ schemaVersion: SYNC_SCHEMA_VERSION, events }),
  });
  if (res.status !== 200) throw new Error(`hostile push answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as PushResponse;
  w.hostile.pushed += events.length;
  w.hostile.accepted += body.results.filter((x) => x.status === 'accepted').length;
  return events.length;
}

export interface Verdict {
  /** Honest workstations whose sync failed, or that could not apply an event the server accepted. */
  stuck: string[];
  /** Honest workstations whose own events did not all reach the server under their own name. */
  lost: string[];
  /** Honest workstations that do not agree with each other on an item, or that miss a server event. */
  diverged: string[];
}

/** Everyone syncs until quiet; then what the property asks. */
export async function settle(w: World): Promise<Verdict> {
  const out: Verdict = { stuck: [], lost: [], diverged: [] };
  for (let round = 0; round < 2; round++) {
    for (const [name, core] of w.honest) {
      const r = await core.dispatch('sync.run', {});
      if (!r.ok && !out.stuck.includes(name)) out.stuck.push(`${name}: ${r.error.message}`);
    }
  }
  const server = await spy(w);
  const onServer = new Map(server.map((e) => [e.id, e]));
  const counted = server.filter((e) => e.status !== 'rejected' && e.platform === 'x' && ITEMS.includes(e.externalId));
  const states: string[] = [];
  for (const [name, core] of w.honest) {
    const status = await call(core, 'sync.status', {});
    if (status.setAside.unappliable > 0) out.stuck.push(`${name}: set aside ${status.setAside.recent.map((x) => x.reason).join('; ')}`);
    if (status.outbox > 0) out.lost.push(`${name}: ${status.outbox} still in the outbox`);
    // Every event made here is on the server, by this user, with the verdict recorded here.
    const mine = core.db
      .prepare(
        `SELECT e.id, s.status FROM events e LEFT JOIN event_sync s ON s.event_id = e.id
         WHERE e.client_id IN (SELECT value FROM json_each((SELECT coalesce((SELECT value FROM meta WHERE key = 'client_ids'), json_array((SELECT value FROM meta WHERE key = 'client_id'))))))`,
      )
      .all() as { id: string; status: string | null }[];
    for (const m of mine) {
      const s = onServer.get(m.id);
      if (!s || s.by !== name || s.status !== m.status)
        out.lost.push(`${name}: ${m.id} ${m.status} here, ${s ? `${s.status} by ${s.by}` : 'missing'} on the server`);
    }
    const log = new Set(core.db.prepare('SELECT id FROM events').pluck().all() as string[]);
    const missing = counted.filter((e) => !log.has(e.id));
    if (missing.length) out.diverged.push(`${name}: misses ${missing.length} server events`);
    states.push(
      JSON.stringify(core.db.prepare('SELECT external_id, status, labels, assignee, version FROM items ORDER BY external_id').all()),
    );
  }
  if (new Set(states).size > 1) out.diverged.push(`item states differ: ${states.join(' / ')}`);
  return out;
}

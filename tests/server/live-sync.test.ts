// Workstations that keep themselves in step: a decision on one arrives on the other through a
// poke, with no one asking; when the server goes away and comes back, the outbox drains by
// itself (retries back off, every reconnect pulls).
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/core/index';
import type { ArgsIn, Method, ResultOf } from '../../src/shared/contract';
import { buildServer } from '../../src/server/app';
import { hashPassword } from '../../src/server/auth/passwords';
import { openSqliteStore } from '../../src/server/store/sqlite-store';
import { tempDir } from '../unit/helpers';
import { PASSWORD, pgCluster, stopCluster } from './helpers';
import type { Cluster } from './pg-cluster';
import { openPgStore } from '../../src/server/store/pg-store';
import type { ServerStore } from '../../src/server/store/types';

const cores: Core[] = [];
const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  for (const a of apps.splice(0)) await a.close();
});

/** A server on this store (its two users made on first use), listening on loopback. */
async function listen(store: ServerStore, port = 0): Promise<string> {
  if ((await store.countUsers()) === 0) {
    const hash = await hashPassword(PASSWORD);
    await store.addUser('ana', 'moderator', hash, Date.now());
    await store.addUser('bo', 'moderator', hash, Date.now());
  }
  const app = buildServer({ store });
  apps.push(app);
  return app.listen({ host: '127.0.0.1', port });
}

const serve = (dir: string, port = 0) => listen(openSqliteStore(dir), port);

async function call<M extends Method>(core: Core, m: M, args: ArgsIn<M>): Promise<ResultOf<M>> {
  const r = await core.dispatch(m, args);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value as ResultOf<M>;
}

async function workstation(url: string, name: string): Promise<Core> {
  const core = openCore({ dataDir: tempDir(), host: 'test', actor: name, autoSync: true });
  cores.push(core);
  const { importId } = await call(core, 'import.begin', { fileName: 'items.ndjson' });
  await call(core, 'import.chunk', { importId, text: `${JSON.stringify({ type: 'item', platform: 'x', id: 'i1', kind: 'mention', text: 'hello' })}\n` });
  await call(core, 'import.finish', { importId });
  await call(core, 'sync.connect', { url, name, password: PASSWORD });
  return core;
}

/** Waits (bounded) until `check` holds. */
async function until(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const status = (core: Core) => core.db.prepare("SELECT status FROM items WHERE external_id = 'i1'").pluck().get();

const pg = await pgCluster();
afterAll(() => stopCluster());

describe('live sync', () => {
  it('brings a decision to the other workstation by itself', async () => {
    const url = await serve(tempDir('vigil-server-'));
    const a = await workstation(url, 'ana');
    const b = await workstation(url, 'bo');
    await until(async () => (await call(b, 'sync.status', {})).state === 'online');
    const id = a.db.prepare("SELECT id FROM items WHERE external_id = 'i1'").pluck().get() as number;
    await call(a, 'decision.apply', { itemIds: [id], action: 'spam' });
    await until(() => status(b) === 'spam');
    expect((await call(a, 'sync.status', {})).outbox).toBe(0);
  });

  it.skipIf(typeof pg === 'string')(`scales out: two server instances on one PostgreSQL database serve one team${typeof pg === 'string' ? ` (skipped: ${pg})` : ''}`, async () => {
    const url = await (pg as Cluster).createDatabase();
    const servers = [await listen(await openPgStore(url)), await listen(await openPgStore(url))];
    const a = await workstation(servers[0]!, 'ana');
    const b = await workstation(servers[1]!, 'bo');
    await until(async () => (await call(b, 'sync.status', {})).state === 'online');
    const id = a.db.prepare("SELECT id FROM items WHERE external_id = 'i1'").pluck().get() as number;
    await call(a, 'decision.apply', { itemIds: [id], action: 'fake' });
    // The poke crosses processes through LISTEN/NOTIFY.
    await until(() => status(b) === 'fake');
  });

  it('drains the outbox once the server is back, with no one asking', async () => {
    const dir = tempDir('vigil-server-');
    const url = await serve(dir);
    const port = Number(new URL(url).port);
    const a = await workstation(url, 'ana');
    await until(async () => (await call(a, 'sync.status', {})).state === 'online');
    await apps.pop()!.close();
    const id = a.db.prepare("SELECT id FROM items WHERE external_id = 'i1'").pluck().get() as number;
    await call(a, 'decision.apply', { itemIds: [id], action: 'remove' });
    await until(async () => (await call(a, 'sync.status', {})).state === 'offline');
    expect((await call(a, 'sync.status', {})).outbox).toBe(1);
    await serve(dir, port);
    await until(async () => (await call(a, 'sync.status', {})).outbox === 0, 20_000);
    expect((await call(a, 'sync.status', {})).state).toBe('online');
  });
});

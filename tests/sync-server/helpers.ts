// A server over a temp SQLite store, driven in process (fastify.inject: no sockets), with a
// clock the test moves.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { buildServer } from '../../src/sync-server/app';
import { hashPassword, type ScryptCost } from '../../src/sync-server/auth/passwords';
import { openPgStore } from '../../src/sync-server/store/pg-store';
import { openSqliteStore } from '../../src/sync-server/store/sqlite-store';
import { startCluster, type Cluster } from './pg-cluster';
import type { ServerStore } from '../../src/sync-server/store/types';
import { SYNC_SCHEMA_VERSION, type PushOutcome, type PushResponse, type Role, type SyncEvent } from '../../src/shared/sync';
import { onCleanup, tempDir } from '../unit/helpers';

export const PASSWORD = 'correct horse battery';

/**
 * The scrypt cost test servers hash and check at: the real one (SCRYPT_COST, 128 MiB each)
 * is tested in passwords.test.ts and sign-in.test.ts; hundreds of other sign-ins use this.
 */
export const TEST_COST: ScryptCost = { N: 2 ** 12, r: 8, p: 1 };

export interface TestServer {
  app: FastifyInstance;
  store: ServerStore;
  clock: { now: number };
  login(name: string): Promise<string>;
  call<T = unknown>(method: 'GET' | 'POST', url: string, token?: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export type StoreKind = 'sqlite' | 'postgres';

let cluster: Promise<Cluster | string> | null = null;
/** One throwaway cluster per test file (started on first use), each test on a database of its own. */
export function pgCluster(): Promise<Cluster | string> {
  cluster ??= startCluster();
  return cluster;
}

export async function stopCluster(): Promise<void> {
  const c = await cluster;
  if (c && typeof c !== 'string') c.stop();
  cluster = null;
}

/** The stores every server test runs against; PostgreSQL only where a cluster could start. */
export async function storeKinds(): Promise<{ kind: StoreKind; skip: string | null }[]> {
  const pg = await pgCluster();
  return [
    { kind: 'sqlite', skip: null },
    { kind: 'postgres', skip: typeof pg === 'string' ? pg : null },
  ];
}

/** Declares the suite once per store; a store that cannot run here is skipped with the reason in the suite's name. */
export function onEachStore(kinds: { kind: StoreKind; skip: string | null }[], suite: (kind: StoreKind) => void): void {
  for (const { kind, skip } of kinds)
    describe.skipIf(skip !== null)(skip ? `on ${kind} (skipped: ${skip})` : `on ${kind}`, () => suite(kind));
}

export async function makeStore(kind: StoreKind): Promise<ServerStore> {
  if (kind === 'sqlite') return openSqliteStore(tempDir('vigil-server-'));
  const c = await pgCluster();
  if (typeof c === 'string') throw new Error(c);
  return openPgStore(await c.createDatabase());
}

export async function testServer(
  users: [string, Role][] = [
    ['ana', 'moderator'],
    ['sam', 'supervisor'],
    ['root', 'admin'],
  ],
  kind: StoreKind = 'sqlite',
): Promise<TestServer> {
  const store = await makeStore(kind);
  const clock = { now: Date.UTC(2026, 10, 30, 9) };
  const hash = await hashPassword(PASSWORD, TEST_COST);
  for (const [name, role] of users) await store.addUser(name, role, hash, clock.now);
  const app = buildServer({ store, now: () => clock.now, signIn: { cost: TEST_COST } });
  onCleanup(() => app.close());
  const call = async <T>(method: 'GET' | 'POST', url: string, token?: string, body?: unknown) => {
    const r = await app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
    // Most answers are JSON; a snapshot is NDJSON, left as text.
    let answer: unknown;
    try {
      answer = r.json();
    } catch {
      answer = r.body;
    }
    return { status: r.statusCode, body: answer as T };
  };
  return {
    app,
    store,
    clock,
    call,
    async login(name) {
      const r = await call<{ token: string }>('POST', '/auth/login', undefined, { name, password: PASSWORD });
      if (r.status !== 200) throw new Error(`login ${name}: ${JSON.stringify(r.body)}`);
      return r.body.token;
    },
  };
}

let seq = 0;
export function event(more: Partial<SyncEvent> = {}): SyncEvent {
  return {
    // A workstation's client id is its user's (the server refuses it to anyone else): one per actor by default.
    id: randomUUID(),
    clientId: `ws-${more.actor ?? 'ana'}`,
    clientSeq: ++seq,
    platform: 'x',
    externalId: 'item-1',
    action: 'approve',
    baseVersion: 0,
    actor: 'ana',
    createdAt: Date.UTC(2026, 10, 30, 8),
    ...more,
  };
}

export const push = (events: SyncEvent[]) => ({ schemaVersion: SYNC_SCHEMA_VERSION, events });

/** Pushes as the user of `token` (events as a client wrote them, hostile ones too); the HTTP answer must be 200, each event's outcome is returned. */
export async function pushAs(s: TestServer, token: string, events: readonly unknown[]): Promise<PushOutcome[]> {
  const r = await s.call<PushResponse>('POST', '/sync/push', token, push(events as SyncEvent[]));
  expect(r.status).toBe(200);
  return r.body.results;
}

// A real server listening on loopback and workstations (whole cores) signed in to it, as a
// deployment runs them. Both are closed after the test, the workstations first so that none
// is left talking to a server that is going away.
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { openCore, type Core } from '../../src/core/index';
import { buildServer } from '../../src/sync-server/app';
import type { LogKeySource } from '../../src/sync-server/log/signer';
import { hashPassword } from '../../src/sync-server/auth/passwords';
import type { ServerStore } from '../../src/sync-server/store/types';
import type { Role } from '../../src/shared/sync';
import { call } from '../unit/call';
import { importRecords } from '../unit/core-helpers';
import { tempDir } from '../unit/helpers';
import { makeStore, PASSWORD, TEST_COST, type StoreKind } from './helpers';

/** Two moderators, a supervisor and a connector. */
export const TEAM: readonly (readonly [string, Role])[] = [
  ['ana', 'moderator'],
  ['bo', 'moderator'],
  ['cy', 'supervisor'],
  ['feed', 'connector'],
];

export interface ServeOptions {
  /** Who may sign in (password PASSWORD); made only on a store with no users yet, so a server started again on the same store keeps them. */
  users?: readonly (readonly [string, Role])[];
  /** 0 (the default) for any free port. */
  port?: number;
  sessionMs?: number;
  /** The log's signing key (default: a throwaway one per server); a server started again with the same file signs as before. */
  logKey?: LogKeySource;
  /** Receives the path (without the query) of every request the server gets; a promise returned holds the request until it settles. */
  onRequest?: (path: string) => unknown;
}

const cores: Core[] = [];
const apps = new Map<string, FastifyInstance>();

/** Closes every workstation, then every server; after each test, or sooner where a property test ends a run. */
export async function closeAll(): Promise<void> {
  for (const c of cores.splice(0)) c.close();
  for (const app of apps.values()) await app.close();
  apps.clear();
}
afterEach(closeAll);

/** A server on a new store of this kind, or on the store given; its URL. */
export async function serve(store: StoreKind | ServerStore, options: ServeOptions = {}): Promise<string> {
  const s = typeof store === 'string' ? await makeStore(store) : store;
  if ((await s.countUsers()) === 0) {
    const hash = await hashPassword(PASSWORD, TEST_COST);
    for (const [name, role] of options.users ?? TEAM) await s.addUser(name, role, hash, Date.now());
  }
  const app = buildServer({
    store: s,
    signIn: { cost: TEST_COST },
    ...(options.sessionMs ? { sessionMs: options.sessionMs } : {}),
    ...(options.logKey ? { logKey: options.logKey } : {}),
  });
  const { onRequest } = options;
  if (onRequest)
    app.addHook('onRequest', async (req) => {
      await onRequest(req.url.split('?')[0]!);
    });
  const url = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  apps.set(url, app);
  return url;
}

/** Takes the server at this URL down in the middle of a test. */
export async function stopServer(url: string): Promise<void> {
  const app = apps.get(url);
  apps.delete(url);
  await app?.close();
}

export interface WorkstationOptions {
  /** A first sync takes the server's snapshot when it holds more events than this; by default never, it pages. */
  snapshotAbove?: number;
  /** Keeps itself in step (pokes, retries) as the desktop and web hosts do. */
  autoSync?: boolean;
  /** Imported before signing in. */
  records?: Record<string, unknown>[];
}

/** A core acting as `name`, signed in to the server at `url` (none: it stays on its own). */
export async function workstation(url: string | null, name: string, options: WorkstationOptions = {}): Promise<Core> {
  const core = openCore({
    dataDir: tempDir(),
    host: 'test',
    actor: name,
    syncSnapshotAbove: options.snapshotAbove ?? Infinity,
    ...(options.autoSync ? { autoSync: true } : {}),
  });
  cores.push(core);
  if (options.records) await importRecords(core, options.records);
  if (url) await call(core, 'sync.connect', { url, name, password: PASSWORD });
  return core;
}

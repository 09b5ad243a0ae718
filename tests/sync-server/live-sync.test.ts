// Workstations that keep themselves in step: a decision on one arrives on the other through a
// poke, with no one asking; when the server goes away and comes back, the outbox drains by
// itself (retries back off, every reconnect pulls).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/index';
import { openPgStore } from '../../src/sync-server/store/pg-store';
import { openSqliteStore } from '../../src/sync-server/store/sqlite-store';
import { call } from '../unit/call';
import { tempDir } from '../unit/helpers';
import { pgCluster, stopCluster } from './helpers';
import { serve, stopServer, workstation } from './loopback';
import type { Cluster } from './pg-cluster';

const MODERATORS = [
  ['ana', 'moderator'],
  ['bo', 'moderator'],
] as const;
/** A server on the SQLite store in this folder (its moderators made on first use), listening on loopback; its log key is kept there too, so a restart signs as before. */
const serveDir = (dir: string, port = 0) =>
  serve(openSqliteStore(dir), { users: MODERATORS, port, logKey: { file: join(dir, 'log-key.pem') } });

/** Workstations keep themselves in step, each with one item of its own. */
const LIVE = { autoSync: true, records: [{ type: 'item', platform: 'x', id: 'i1', kind: 'mention', text: 'hello' }] };

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
    const url = await serveDir(tempDir('vigil-server-'));
    const a = await workstation(url, 'ana', LIVE);
    const b = await workstation(url, 'bo', LIVE);
    await until(async () => (await call(b, 'sync.status', {})).state === 'online');
    const id = a.db.prepare("SELECT id FROM items WHERE external_id = 'i1'").pluck().get() as number;
    await call(a, 'decision.apply', { itemIds: [id], action: 'spam' });
    await until(() => status(b) === 'spam');
    expect((await call(a, 'sync.status', {})).outbox).toBe(0);
  });

  it.skipIf(typeof pg === 'string')(
    `scales out: two server instances on one PostgreSQL database serve one team${typeof pg === 'string' ? ` (skipped: ${pg})` : ''}`,
    async () => {
      const url = await (pg as Cluster).createDatabase();
      // Every process serving one database signs its log with the same key.
      const logKey = { file: join(tempDir('vigil-key-'), 'log-key.pem') };
      const servers = [
        await serve(await openPgStore(url), { users: MODERATORS, logKey }),
        await serve(await openPgStore(url), { users: MODERATORS, logKey }),
      ];
      const a = await workstation(servers[0]!, 'ana', LIVE);
      const b = await workstation(servers[1]!, 'bo', LIVE);
      await until(async () => (await call(b, 'sync.status', {})).state === 'online');
      const id = a.db.prepare("SELECT id FROM items WHERE external_id = 'i1'").pluck().get() as number;
      await call(a, 'decision.apply', { itemIds: [id], action: 'fake' });
      // The poke crosses processes through LISTEN/NOTIFY.
      await until(() => status(b) === 'fake');
    },
  );

  it('drains the outbox once the server is back, with no one asking', async () => {
    const dir = tempDir('vigil-server-');
    const url = await serveDir(dir);
    const port = Number(new URL(url).port);
    const a = await workstation(url, 'ana', LIVE);
    await until(async () => (await call(a, 'sync.status', {})).state === 'online');
    await stopServer(url);
    const id = a.db.prepare("SELECT id FROM items WHERE external_id = 'i1'").pluck().get() as number;
    await call(a, 'decision.apply', { itemIds: [id], action: 'remove' });
    await until(async () => (await call(a, 'sync.status', {})).state === 'offline');
    expect((await call(a, 'sync.status', {})).outbox).toBe(1);
    await serveDir(dir, port);
    // Drained, and back online once the pull that follows the push is done (it may still be syncing).
    await until(async () => {
      const s = await call(a, 'sync.status', {});
      return s.outbox === 0 && s.state === 'online';
    }, 20_000);
  });
});

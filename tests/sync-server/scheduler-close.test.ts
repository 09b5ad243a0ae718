// A sync round still waiting for the server when the workstation closes must end quietly:
// once the answer (here a refusal) comes, the round may not read the closed database to decide
// how to retry. It did (an unhandled rejection, seen now and then in scheduler.test.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { openCore } from '../../src/core/index';
import { SyncClient } from '../../src/core/sync/client';
import { SyncScheduler } from '../../src/core/sync/scheduler';
import { keyFileProtector } from '../../src/core/sync/secrets';
import { signedIn } from '../../src/core/sync/state';
import { tempDir } from '../unit/helpers';

let server: Server | null = null;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

it('a round in flight when the workstation closes ends without touching its database', async () => {
  let release!: () => void;
  const answer = new Promise<void>((r) => (release = r));
  let asked!: () => void;
  const request = new Promise<void>((r) => (asked = r));
  // Holds the first sync request until released, then refuses it.
  server = createServer((_req, res) => {
    asked();
    void answer.then(() => res.writeHead(503).end());
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const dataDir = tempDir();
  const core = openCore({ dataDir, host: 'test', actor: 'ana', autoSync: false });
  const secrets = keyFileProtector(dataDir);
  signedIn(core.db, secrets, { url, user: 'ana', role: 'moderator', expiresAt: Date.now() + 60_000 }, 't');
  const client = new SyncClient(core.db, Date.now, { secrets });
  const scheduler = new SyncScheduler(core.db, client, { maxBackoffMs: 40, periodMs: 60_000 });
  scheduler.start();
  await request;
  scheduler.stop();
  core.close();

  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => void unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  try {
    release();
    // The round in flight is shared: this settles when the scheduler's round does.
    await client.run().catch(() => {});
    // Unhandled rejections are reported once the microtasks of this turn have run.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  expect(unhandled).toEqual([]);
});

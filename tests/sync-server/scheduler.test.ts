// The scheduler's poke socket reconnects with backoff when the server drops it. A reconnect
// that is still waiting when sync stops must never run: not after a restart of sync (it
// would open a second socket) and not after the workstation closed (its database is gone).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { openCore, type Core } from '../../src/core/index';
import { SyncClient } from '../../src/core/sync/client';
import { SyncScheduler } from '../../src/core/sync/scheduler';
import { keyFileProtector } from '../../src/core/sync/secrets';
import { signedIn } from '../../src/core/sync/state';
import { tempDir } from '../unit/helpers';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0).reverse()) c();
});

/** A poke endpoint that counts the sockets it was given and can drop them all. */
async function pokeServer(
  opts: { autoPong?: boolean } = {},
): Promise<{ url: string; opened: () => number; live: () => number; drop: () => void }> {
  const http: Server = createServer((_req, res) => res.writeHead(503).end());
  const wss = new WebSocketServer({ server: http, autoPong: opts.autoPong ?? true });
  const sockets = new Set<WebSocket>();
  let opened = 0;
  wss.on('connection', (s) => {
    opened++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  closers.push(() => {
    for (const s of sockets) s.terminate();
    wss.close();
    http.close();
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    opened: () => opened,
    live: () => sockets.size,
    drop: () => {
      for (const s of sockets) s.terminate();
    },
  };
}

function workstation(url: string, heartbeatMs?: number): { core: Core; scheduler: SyncScheduler } {
  const dataDir = tempDir();
  const core = openCore({ dataDir, host: 'test', actor: 'ana', autoSync: false });
  const secrets = keyFileProtector(dataDir);
  signedIn(core.db, secrets, { url, user: 'ana', role: 'moderator', expiresAt: Date.now() + 60_000 }, 't');
  const scheduler = new SyncScheduler(core.db, new SyncClient(core.db, Date.now, { secrets }), {
    maxBackoffMs: 40,
    periodMs: 60_000,
    ...(heartbeatMs ? { heartbeatMs } : {}),
  });
  return { core, scheduler };
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('reconnects the poke socket after the server drops it', async () => {
  const server = await pokeServer();
  const { core, scheduler } = workstation(server.url);
  closers.push(
    () => core.close(),
    () => scheduler.stop(),
  );
  scheduler.start();
  await until(() => server.live() === 1);
  server.drop();
  await until(() => server.opened() === 2 && server.live() === 1);
});

/** Connected, then dropped by the server: the client's reconnect is now waiting. */
async function dropped() {
  const server = await pokeServer();
  const { core, scheduler } = workstation(server.url);
  scheduler.start();
  await until(() => server.live() === 1);
  const opened = server.opened();
  server.drop();
  await until(() => server.live() === 0);
  await pause(5);
  return { server, core, scheduler, opened };
}

it('a reconnect pending when sync restarts does not open a second socket', async () => {
  const { server, core, scheduler } = await dropped();
  closers.push(
    () => core.close(),
    () => scheduler.stop(),
  );
  scheduler.stop();
  scheduler.start();
  await until(() => server.live() === 1);
  // Well past the longest backoff (40 ms × 1.5): the old reconnect would have fired by now.
  await pause(200);
  expect(server.live()).toBe(1);
});

it('a reconnect pending when the workstation closes never touches its database', async () => {
  const { server, core, scheduler, opened } = await dropped();
  scheduler.stop();
  core.close();
  await pause(200);
  // A reconnect reading the closed database would throw an uncaught error here (and the run
  // reports it); one that got further would show as a new socket.
  expect(server.opened()).toBe(opened);
});

it('a round still running when the workstation closes ends quietly', async () => {
  // A server that answers the push only after the workstation has gone.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const http = createServer((_req, res) => void held.then(() => res.writeHead(503).end()));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  closers.push(() => http.close());
  const { port } = http.address() as AddressInfo;
  const { core, scheduler } = workstation(`http://127.0.0.1:${port}`);
  let asked = 0;
  http.on('request', () => asked++);
  scheduler.start();
  await until(() => asked > 0);
  scheduler.stop();
  core.close();
  release();
  // The answer (a failure) arrives after the close: reading the closed database to record it
  // would be an uncaught error here, which the run reports.
  await pause(100);
  expect(scheduler.state).toBe('disconnected');
});

it('ends a socket whose server stopped answering pings, and opens a new one', async () => {
  // The connection stays up but nothing answers: as after a silent network drop.
  const server = await pokeServer({ autoPong: false });
  const { core, scheduler } = workstation(server.url, 20);
  closers.push(
    () => core.close(),
    () => scheduler.stop(),
  );
  scheduler.start();
  await until(() => server.opened() >= 1);
  // Without the heartbeat the first socket would stay open for ever and no other would be opened.
  await until(() => server.opened() >= 3);
});

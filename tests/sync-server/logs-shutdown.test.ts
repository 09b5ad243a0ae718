// The server's logs are JSON lines a log pipeline can read (who pushed how many events, with
// what outcome) and never carry a session token or a password; a stop lets the push in
// flight finish: its answer arrives and its events are stored.
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildServer, loggableUrl } from '../../src/sync-server/app';
import { hashPassword } from '../../src/sync-server/auth/passwords';
import { openSqliteStore } from '../../src/sync-server/store/sqlite-store';
import { SYNC_SCHEMA_VERSION, type PushResponse, type SyncEvent } from '../../src/shared/sync';
import { tempDir } from '../unit/helpers';
import { PASSWORD } from './helpers';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function serverIn(dir: string, logs?: string[], onPush?: () => void) {
  const store = openSqliteStore(dir);
  if ((await store.countUsers()) === 0) await store.addUser('ana', 'moderator', await hashPassword(PASSWORD), Date.now());
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => logs?.push(...String(chunk).split('\n').filter(Boolean)));
  const app = buildServer({ store, logger: { stream } });
  if (onPush) app.addHook('preHandler', async (req) => void (req.url === '/sync/push' && onPush()));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, store };
}

async function login(url: string, password = PASSWORD): Promise<string> {
  const r = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ana', password }),
  });
  return ((await r.json()) as { token?: string }).token ?? '';
}

const events = (n: number): SyncEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    clientId: 'ws-a',
    clientSeq: i + 1,
    platform: 'x',
    externalId: `i${i}`,
    action: 'approve',
    baseVersion: 0,
    actor: 'ana',
    createdAt: Date.now(),
  }));

const pushTo = (url: string, token: string, batch: SyncEvent[]) =>
  fetch(`${url}/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ schemaVersion: SYNC_SCHEMA_VERSION, events: batch }),
  });

it('logs each push as one JSON line with who and what became of the events', async () => {
  const logs: string[] = [];
  const { app, url } = await serverIn(tempDir('vigil-server-'), logs);
  closers.push(() => app.close());
  const token = await login(url);
  const batch = events(3);
  await pushTo(url, token, batch);
  await pushTo(url, token, batch);
  const pushes = logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'push');
  expect(pushes).toEqual([
    expect.objectContaining({ user: 'ana', events: 3, accepted: 3, duplicate: 0, conflict: 0, rejected: 0, head: 3, level: 30 }),
    expect.objectContaining({ user: 'ana', events: 3, accepted: 0, duplicate: 3, head: 3 }),
  ]);
});

it('never writes a session token or a password to the log', async () => {
  const logs: string[] = [];
  const { app, url } = await serverIn(tempDir('vigil-server-'), logs);
  closers.push(() => app.close());
  await login(url, 'not the password at all');
  const token = await login(url);
  // The browser's poke socket carries its token in the query.
  const socket = new WebSocket(`${url.replace('http', 'ws')}/sync/ws?token=${token}`);
  await new Promise((r, j) => {
    socket.once('message', r);
    socket.once('error', j);
  });
  socket.close();
  const text = logs.join('\n');
  expect(text).toContain('/sync/ws?token=[redacted]');
  expect(text).toContain('sign-in refused');
  expect(text).not.toContain(token);
  expect(text).not.toContain('not the password at all');
  expect(text).not.toContain(PASSWORD);
  expect(loggableUrl('/sync/ws?a=1&token=abc&b=2')).toBe('/sync/ws?a=1&token=[redacted]&b=2');
});

it('a stop during a push finishes it: the answer arrives and every event is stored', async () => {
  const dir = tempDir('vigil-server-');
  let arrived!: () => void;
  const pushArrived = new Promise<void>((r) => (arrived = r));
  const first = await serverIn(dir, undefined, () => arrived());
  const token = await login(first.url);
  const batch = events(500);
  const inFlight = pushTo(first.url, token, batch);
  // Stop once the server has the push in hand.
  await pushArrived;
  const closing = first.app.close();
  const answer = await inFlight;
  await closing;
  expect(answer.status).toBe(200);
  const body = (await answer.json()) as PushResponse;
  expect(body.results.filter((r) => r.status === 'accepted')).toHaveLength(500);

  const again = openSqliteStore(dir);
  closers.push(() => again.close());
  expect(await again.head()).toBe(500);
  expect(new Set((await again.pull(0, 1000)).map((e) => e.id))).toEqual(new Set(batch.map((e) => e.id)));
});

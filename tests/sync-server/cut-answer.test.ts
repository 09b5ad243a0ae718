// An answer that the network cuts off half way (headers arrived, the body did not) is a
// transport failure like any other: the workstation goes offline and tries again later; it
// is not reported as an internal error of the app. Found by the fault runs.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/core/index';
import { tempDir } from '../unit/helpers';

let server: Server | null = null;
let core: Core | null = null;
afterEach(async () => {
  core?.close();
  core = null;
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

/** Signs in properly, then answers every pull with its headers and half its body. */
async function cuttingServer(): Promise<string> {
  server = createServer((req, res) => {
    if (req.url === '/auth/login') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: 't', expiresAt: Date.now() + 3_600_000, user: { name: 'ana', role: 'moderator' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    // The cut comes once the workstation has the headers and has started on the body.
    res.write('{"events":[', () => setTimeout(() => res.socket?.destroy(), 50));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('an answer cut off half way', () => {
  it('fails the round as a transport failure, and the workstation is offline', async () => {
    const url = await cuttingServer();
    core = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana' });
    const logged: unknown[] = [];
    const connect = await core.dispatch('sync.connect', { url, name: 'ana', password: 'whatever it is' });
    expect(connect.ok).toBe(true);
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const r = await core.dispatch('sync.run', {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('transport');
    } finally {
      console.error = original;
    }
    // Nothing was logged as a failure of the app itself.
    expect(logged).toEqual([]);
    const status = await core.dispatch('sync.status', {});
    expect(status.ok && (status.value as { state: string }).state).toBe('offline');
  });
});

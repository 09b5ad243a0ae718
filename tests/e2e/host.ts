// Starts the real browser host (the built `out/web-host/main.mjs` of `src/web-host`)
// as a child process on a loopback port with its own data folder, as `npm run web` does.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadWorkload, openCore } from '../../src/core/index';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Host {
  /** The address the host printed, with this launch's key: a page opens Vigil with it. */
  url: string;
  /** The same address without the key. */
  baseUrl: string;
  dataDir: string;
  /** Stops the host; `kill` simulates a crash (SIGKILL), otherwise a clean SIGTERM. */
  stop(how?: 'term' | 'kill'): Promise<void>;
  /**
   * Starts it again on the same data folder and port. The new launch has a new key: `url`
   * changes, and a page of the old launch must open the new `url` to go on.
   */
  restart(how?: 'term' | 'kill'): Promise<void>;
  /** Calls a contract method over HTTP with this launch's session cookie, as the renderer does. */
  api<T = unknown>(method: string, args?: unknown): Promise<T>;
}

/** Opens the printed address as a browser would and keeps the session cookie it is given. */
async function signIn(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual' });
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (res.status !== 303 || !cookie) throw new Error(`the host did not give a session for its own address (${res.status})`);
  return cookie;
}

async function launch(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string; cookie: string }> {
  const { child, url } = await spawnHost(dataDir, port);
  try {
    return { child, url, cookie: await signIn(url) };
  } catch (e) {
    child.removeAllListeners('exit');
    child.kill('SIGKILL');
    throw e;
  }
}

function spawnHost(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolvePromise, reject) => {
    const entry = join(ROOT, 'out/web-host/main.mjs');
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', entry, '--port', String(port), '--data-dir', dataDir, '--actor', 'e2e'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`host did not start in time: ${err}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Vigil is running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}: ${err}`));
    });
  });
}

export interface HostOptions {
  /** Items generated into a new temporary data folder before the host starts. */
  seedItems?: number;
  seed?: number;
  /** How the seeded items arrived: spread over days (the default), or as the demo's live day. */
  arrivals?: 'spread' | 'live';
  /** An existing data folder to serve instead (left in place when the host stops). */
  dataDir?: string;
}

export async function startHost(opts: HostOptions = {}): Promise<Host> {
  const owned = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  if (owned && opts.seedItems) {
    const core = openCore({ dataDir, host: 'test' });
    loadWorkload(core.db, { items: opts.seedItems, seed: opts.seed ?? 42, ...(opts.arrivals ? { arrivals: opts.arrivals } : {}) });
    // Scored as `cli seed` leaves it: the window opens on a queue that stays put.
    const scored = await core.dispatch('detection.rescore', {});
    if (!scored.ok) throw new Error(`scoring the seeded items failed: ${scored.error.message}`);
    core.close();
  }
  let { child, url, cookie } = await launch(dataDir, 0);
  const port = Number(new URL(url).port);
  const baseUrl = `http://127.0.0.1:${port}/`;

  async function stop(how: 'term' | 'kill' = 'term'): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // The start-up listener rejects on exit; drop it before asking the host to stop.
    child.removeAllListeners('exit');
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(how === 'kill' ? 'SIGKILL' : 'SIGTERM');
    // A host that does not stop within seconds is a bug, but must not hang the run.
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(force);
  }

  return {
    get url() {
      return url;
    },
    baseUrl,
    dataDir,
    stop: async (how) => {
      await stop(how);
      if (owned) rmSync(dataDir, { recursive: true, force: true });
    },
    restart: async (how) => {
      await stop(how);
      ({ child, url, cookie } = await launch(dataDir, port));
    },
    api: async <T>(method: string, args: unknown = {}) => {
      const res = await fetch(`${baseUrl}api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify(args),
      });
      const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
      return body.value as T;
    },
  };
}

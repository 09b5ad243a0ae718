// The real server (`src/sync-server/main.ts`, as `npm run server` starts it) in a child process on a
// loopback port and a data folder of its own, so that a test can `kill -9` it at any moment and
// start it again on the same folder and port. Node runs main.ts itself (tsx as a loader, not
// the tsx CLI): the pid we signal is the server, not a wrapper around it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Role } from '../../../src/shared/sync';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const START_TIMEOUT_MS = 30_000;

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** Runs a TypeScript entry point of this repository in a child Node process. */
export function spawnTs(entry: string, args: string[], env: Record<string, string>, stdout: 'pipe' | 'ignore'): ChildProcess {
  const base = { ...process.env };
  // The fault runs are about the SQLite store: a DATABASE_URL from the caller must not switch it.
  delete base.DATABASE_URL;
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: REPO_ROOT,
    env: { ...base, ...env },
    stdio: ['ignore', stdout, 'pipe'],
  });
}

/** Collects the last few kilobytes of a stream, for an error message that says what the child said. */
export function tail(stream: NodeJS.ReadableStream | null, keep = 4000): () => string {
  let text = '';
  stream?.on('data', (d: Buffer) => {
    text = (text + d.toString()).slice(-keep);
  });
  return () => text;
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export class ServerProcess {
  private child: ChildProcess | null = null;
  private stderr: () => string = () => '';
  kills = 0;
  starts = 0;

  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  private env(): Record<string, string> {
    return { VIGIL_SERVER_DATA_DIR: this.dataDir, VIGIL_SERVER_HOST: '127.0.0.1', VIGIL_SERVER_PORT: String(this.port) };
  }

  /** `npm run server -- user add NAME --role ROLE`; the generated password it prints. */
  async addUser(name: string, role: Role): Promise<string> {
    const child = spawnTs('src/sync-server/main.ts', ['user', 'add', name, '--role', role], this.env(), 'pipe');
    const out = tail(child.stdout);
    const err = tail(child.stderr);
    const { code } = await exited(child);
    const password = /Password: (\S+)/.exec(out())?.[1];
    if (code !== 0 || !password) throw new Error(`user add ${name} failed (exit ${code}): ${err()}`);
    return password;
  }

  /** Starts the server and waits (bounded) until /health answers. */
  async start(): Promise<void> {
    if (this.child) throw new Error('the server is already running');
    const child = spawnTs('src/sync-server/main.ts', [], this.env(), 'ignore');
    this.child = child;
    this.stderr = tail(child.stderr);
    this.starts++;
    let gone = false;
    void exited(child).then(() => {
      gone = true;
    });
    const end = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (gone) {
        this.child = null;
        throw new Error(`the server exited while starting: ${this.stderr()}`);
      }
      try {
        const r = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1000) });
        if (r.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > end) throw new Error(`the server did not answer /health within ${START_TIMEOUT_MS} ms: ${this.stderr()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** kill -9: no shutdown hook runs, requests in flight die where they are. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    child.kill('SIGKILL');
    await exited(child);
    this.kills++;
  }

  /** A graceful stop (SIGTERM): requests in flight finish, the store closes. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    child.kill('SIGTERM');
    const r = await Promise.race([exited(child), new Promise<null>((res) => setTimeout(() => res(null), 10_000))]);
    if (r === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
  }
}

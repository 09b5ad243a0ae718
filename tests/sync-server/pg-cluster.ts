// A throwaway PostgreSQL cluster on a loopback port, from Debian's postgresql package, for
// the server's PostgreSQL tests. Where it cannot start, the reason is returned and the tests
// that need it skip saying so.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  url(database?: string): string;
  createDatabase(): Promise<string>;
  stop(): void;
}

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let databases = 0;

export async function startCluster(): Promise<Cluster | string> {
  const bin = binDir();
  if (!bin) return 'PostgreSQL is not installed here (apt-get install -y postgresql)';
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  // initdb refuses to run as root: as root, the cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { encoding: 'utf8' })
      : spawnSync(join(bin, cmd), args, { encoding: 'utf8' });
  const init = run('initdb', ['-D', data, '-U', 'vigil', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  if (init.status !== 0) return `initdb failed: ${(init.stderr || init.error?.message || '').trim().split('\n').pop()}`;
  const port = await freePort();
  const start = run('pg_ctl', [
    '-D',
    data,
    '-w',
    '-t',
    '30',
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  if (start.status !== 0) return `the PostgreSQL server did not start: ${(start.stderr || start.stdout).trim().split('\n').pop()}`;
  const url = (database = 'postgres') => `postgres://vigil@127.0.0.1:${port}/${database}`;
  return {
    url,
    async createDatabase() {
      const name = `t${process.pid}_${++databases}`;
      execFileSync(
        join(bin, 'psql'),
        ['-h', '127.0.0.1', '-p', String(port), '-U', 'vigil', '-d', 'postgres', '-c', `CREATE DATABASE ${name}`],
        { stdio: 'ignore' },
      );
      return url(name);
    },
    stop() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

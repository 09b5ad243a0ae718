// The browser host: `npm run web -- [--port P] [--data-dir D] [--host H]`.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/index';
import { startWebHost } from './serve';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.VIGIL_PORT ?? '5199' },
    'data-dir': { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    actor: { type: 'string' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (got ${values.port}).`);
  process.exit(2);
}
const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
const rendererDir = findRenderer(import.meta.dirname);

try {
  const host = await startWebHost({ dataDir, rendererDir, port, hostname: values.host, actor: values.actor });
  if (values.host !== '127.0.0.1' && values.host !== 'localhost' && values.host !== '::1') {
    console.error(`Warning: listening on ${values.host}, not only on this machine.`);
  }
  console.error(`Data: ${dataDir}`);
  // The one line on stdout: scripts and tests wait for it. It is the only place the launch's
  // key is ever written: no other line, log or error message carries host.url.
  console.log(`Vigil is running at ${host.url}`);
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  const err = e as { code?: string; message?: string };
  if (err.code === 'EADDRINUSE') console.error(`Port ${port} is already in use: pass another with --port.`);
  else console.error(err.message ?? String(e));
  process.exit(1);
}

/** out/renderer of the project this file belongs to, run from source (src/web-host) or built (out/web-host). */
function findRenderer(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return resolve(from, '../../out/renderer');
  }
}

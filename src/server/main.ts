// `npm run server`: the central server (SQLite file by default, PostgreSQL when DATABASE_URL
// is set). `npm run server -- user …` manages users (see user-commands.ts). The data folder
// is VIGIL_SERVER_DATA_DIR (default ./vigil-server-data); it listens on
// VIGIL_SERVER_HOST:VIGIL_SERVER_PORT (127.0.0.1:8787).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { buildServer } from './app';
import { openPgStore } from './store/pg-store';
import { openSqliteStore } from './store/sqlite-store';
import type { ServerStore } from './store/types';
import { addUser, userCommand, USER_USAGE } from './user-commands';

const USAGE = `Usage:
  npm run server                               start the server
${USER_USAGE}
Environment: VIGIL_SERVER_DATA_DIR (default ./vigil-server-data), VIGIL_SERVER_HOST (127.0.0.1), VIGIL_SERVER_PORT (8787),
DATABASE_URL (PostgreSQL instead of the SQLite file)`;

async function openStore(): Promise<ServerStore> {
  if (process.env.DATABASE_URL) return openPgStore(process.env.DATABASE_URL);
  return openSqliteStore(resolve(process.env.VIGIL_SERVER_DATA_DIR ?? 'vigil-server-data'));
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { role: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const store = await openStore();
  if (positionals[0] === 'user') {
    const [, verb, name] = positionals;
    const r = await userCommand(store, verb, name, values.role);
    if (r.out) console.log(r.out);
    if (r.err) console.error(r.err);
    await store.close();
    return r.code;
  }
  if (positionals.length) {
    console.error(`vigil-server: unknown command ${positionals.join(' ')}.\n${USAGE}`);
    await store.close();
    return 2;
  }
  if ((await store.countUsers()) === 0) {
    const password = await addUser(store, 'admin', 'admin');
    console.log(`First start: created the admin account. Sign in as "admin" with password ${password} and add users with "npm run server -- user add NAME --role ROLE".`);
  }
  const app = buildServer({ store, logger: true });
  const host = process.env.VIGIL_SERVER_HOST ?? '127.0.0.1';
  const port = Number(process.env.VIGIL_SERVER_PORT ?? 8787);
  await app.listen({ host, port });
  // A stop finishes the requests in flight (a push is one transaction) before closing the store.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      app.log.info({ signal: sig }, 'stopping: finishing requests in flight');
      // A request that never ends must not keep the server from stopping.
      setTimeout(() => {
        app.log.error('requests still running after 15 s: stopping anyway');
        process.exit(1);
      }, 15_000).unref();
      void app.close().then(() => {
        app.log.info('stopped');
        process.exit(0);
      });
    });
  }
  return -1;
}

void main().then((code) => {
  if (code >= 0) process.exitCode = code;
});

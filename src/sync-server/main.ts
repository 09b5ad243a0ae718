// `npm run server`: the central server (SQLite file by default, PostgreSQL when DATABASE_URL
// is set). `npm run server -- user …` manages users (see user-commands.ts); `npm run server --
// audit verify` checks the log. The data folder is VIGIL_SERVER_DATA_DIR (default
// ./vigil-server-data); the log's signing key is VIGIL_SERVER_LOG_KEY (default log-key.pem in
// the data folder: keep it out of database backups, and give every server process sharing one
// PostgreSQL database the same file); it listens on VIGIL_SERVER_HOST:VIGIL_SERVER_PORT
// (127.0.0.1:8787).
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { parsePublicKey } from '../core/index';
import { buildServer } from './app';
import { LogSigner } from './log/signer';
import { verifyServerLog } from './log/verify';
import { openPgStore } from './store/pg-store';
import { openSqliteStore } from './store/sqlite-store';
import type { ServerStore } from './store/types';
import { addUser, userCommand, USER_USAGE } from './user-commands';

const USAGE = `Usage:
  npm run server                               start the server
${USER_USAGE}
  npm run server -- audit verify [--json]      check the log: every entry against its logged hash, every signed checkpoint
Environment: VIGIL_SERVER_DATA_DIR (default ./vigil-server-data), VIGIL_SERVER_HOST (127.0.0.1), VIGIL_SERVER_PORT (8787),
DATABASE_URL (PostgreSQL instead of the SQLite file), VIGIL_SERVER_LOG_KEY (the log's signing key, default DATA_DIR/log-key.pem)`;

const dataDir = () => resolve(process.env.VIGIL_SERVER_DATA_DIR ?? 'vigil-server-data');
const keyFile = () => resolve(process.env.VIGIL_SERVER_LOG_KEY ?? join(dataDir(), 'log-key.pem'));

async function openStore(): Promise<ServerStore> {
  if (process.env.DATABASE_URL) return openPgStore(process.env.DATABASE_URL);
  return openSqliteStore(dataDir());
}

/** `audit verify`: 0 when the log holds, 1 when it does not (each problem said), as JSON with --json. */
async function auditVerify(store: ServerStore, json: boolean): Promise<number> {
  const key = await new LogSigner(store.log, { file: keyFile() }, Date.now).key();
  const r = await verifyServerLog(store.log, parsePublicKey(key.publicKey), (done) =>
    process.stderr.write(`\rchecked ${done.toLocaleString('en')} entries`),
  );
  process.stderr.write('\n');
  if (json) console.log(JSON.stringify({ ...r, origin: key.name, key: key.fingerprint }));
  else {
    console.log(`${key.name}: ${r.entries.toLocaleString('en')} entries, ${r.checkpoints} signed checkpoints, key ${key.fingerprint}`);
    console.log(r.ok ? 'The log holds.' : 'The log does not hold:');
    for (const p of r.problems) console.log(`  ${p.position === null ? '' : `at entry ${p.position}: `}${p.what}`);
  }
  return r.ok ? 0 : 1;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
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
  if (positionals[0] === 'audit' && positionals[1] === 'verify' && positionals.length === 2) {
    try {
      return await auditVerify(store, !!values.json);
    } finally {
      await store.close();
    }
  }
  if (positionals.length) {
    console.error(`vigil-server: unknown command ${positionals.join(' ')}.\n${USAGE}`);
    await store.close();
    return 2;
  }
  if ((await store.countUsers()) === 0) {
    const password = await addUser(store, 'admin', 'admin');
    console.log(
      `First start: created the admin account. Sign in as "admin" with password ${password} and add users with "npm run server -- user add NAME --role ROLE".`,
    );
  }
  const logKey = { file: keyFile() };
  const key = await new LogSigner(store.log, logKey, Date.now).key();
  console.log(
    `Log ${key.name} signed with the key in ${key.file}${key.created ? ' (made now: keep it safe, apart from the database)' : ''}.`,
  );
  console.log(`Its public key: ${key.publicKey}  fingerprint ${key.fingerprint}`);
  const app = buildServer({ store, logger: true, logKey });
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

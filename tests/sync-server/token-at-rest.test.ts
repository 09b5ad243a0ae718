// The workstation keeps its session and device tokens sealed under a key outside the
// database: the database's bytes never hold them, a copy of the database without its key
// is signed out with a status that says why (never a crash), an older database's plain-text
// token is sealed on opening, and a host may bring its own protector.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { DB_FILE, KEY_FILE, keyFileProtector, openCore, type Core, type SecretProtector } from '../../src/core/index';
import { deviceToken, sessionToken, setConnection } from '../../src/core/sync/state';
import { plainHttpWarning } from '../../src/shared/sync';
import { call } from '../unit/call';
import { onCleanup, tempDir } from '../unit/helpers';
import { PASSWORD } from './helpers';
import { serve, workstation } from './loopback';

const dataDirOf = (core: Core) => dirname(core.db.name);

/** Every byte the workstation's database keeps on disk (the file, and its write-ahead log if one is left). */
function databaseBytes(dir: string): Buffer {
  const parts = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-journal`].map((f) => join(dir, f)).filter((f) => existsSync(f));
  return Buffer.concat(parts.map((f) => readFileSync(f)));
}

function holds(bytes: Buffer, secret: string): boolean {
  return bytes.includes(Buffer.from(secret)) || bytes.includes(Buffer.from(secret, 'base64url'));
}

/** A workstation signed in to a server of its own, closed again; its folder, URL and tokens. */
async function signedInAndClosed(): Promise<{ dir: string; url: string; token: string; device: string }> {
  const url = await serve('sqlite');
  const core = await workstation(url, 'ana');
  await call(core, 'sync.run', {});
  const dir = dataDirOf(core);
  const secrets = keyFileProtector(dir);
  const token = sessionToken(core.db, secrets)!;
  const device = deviceToken(core.db, secrets, url, 'ana')!;
  core.close();
  return { dir, url, token, device };
}

function reopen(dir: string): Core {
  const core = openCore({ dataDir: dir, host: 'test', actor: 'ana', syncSnapshotAbove: Infinity });
  onCleanup(() => core.close());
  return core;
}

it('keeps the session and device tokens out of the database file, under a key file only its owner reads', async () => {
  const { dir, token, device } = await signedInAndClosed();
  expect(token).toMatch(/^[\w-]{43}$/);
  expect(device).toMatch(/^[\w-]{43}$/);
  const bytes = databaseBytes(dir);
  expect(holds(bytes, token)).toBe(false);
  expect(holds(bytes, device)).toBe(false);
  expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
  expect(statSync(join(dir, KEY_FILE)).size).toBe(32);
});

it('signs a database copied without its key file out, says why, and signs in again', async () => {
  const { dir, url } = await signedInAndClosed();
  const copy = tempDir();
  copyFileSync(join(dir, DB_FILE), join(copy, DB_FILE));

  const core = reopen(copy);
  const status = await call(core, 'sync.status', {});
  expect(status).toMatchObject({ connected: true, state: 'signed-out', url, user: 'ana' });
  expect(status.lastError).toMatch(
    /^This workstation's saved sign-in cannot be read here: it was sealed with a key this data folder no longer has \(the key file .*vigil\.key is missing/,
  );
  expect(status.lastError).toContain(`Sign in to ${url} again; nothing waiting here is lost.`);
  const run = await core.dispatch('sync.run', {});
  expect(run).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: status.lastError } });

  expect(await call(core, 'sync.connect', { url, name: 'ana', password: PASSWORD })).toMatchObject({ state: 'online', lastError: null });
  expect(await call(core, 'sync.run', {})).toMatchObject({ state: 'online', lastError: null });
  // The original, with its key, never noticed.
  expect(await call(reopen(dir), 'sync.run', {})).toMatchObject({ state: 'online', lastError: null });
});

it('signs out, with the reason, where the key file was removed or replaced', async () => {
  const { dir } = await signedInAndClosed();
  rmSync(join(dir, KEY_FILE));
  const first = reopen(dir);
  expect(await call(first, 'sync.status', {})).toMatchObject({
    state: 'signed-out',
    lastError: expect.stringMatching(/cannot be read here/),
  });
  first.close();

  const other = await signedInAndClosed();
  writeFileSync(join(other.dir, KEY_FILE), randomBytes(32), { mode: 0o600 });
  expect(await call(reopen(other.dir), 'sync.status', {})).toMatchObject({
    state: 'signed-out',
    lastError: expect.stringMatching(/cannot be read here/),
  });
});

it('seals the plain-text token an older database kept, once, and leaves no copy of it on disk', async () => {
  const { dir, url, token } = await signedInAndClosed();
  // As an older workstation kept it: the token inside the connection row, nothing sealed.
  const old = new Database(join(dir, DB_FILE));
  const conn = JSON.parse(old.prepare("SELECT value FROM sync_state WHERE key = 'connection'").pluck().get() as string) as Record<
    string,
    unknown
  >;
  old.prepare("UPDATE sync_state SET value = ? WHERE key = 'connection'").run(JSON.stringify({ ...conn, token }));
  old.prepare("DELETE FROM sync_state WHERE key IN ('session', 'devices')").run();
  old.close();
  expect(holds(databaseBytes(dir), token)).toBe(true);

  const core = reopen(dir);
  expect(await call(core, 'sync.run', {})).toMatchObject({ state: 'online', url, lastError: null });
  expect(JSON.parse(core.db.prepare("SELECT value FROM sync_state WHERE key = 'connection'").pluck().get() as string)).not.toHaveProperty(
    'token',
  );
  core.close();
  expect(holds(databaseBytes(dir), token)).toBe(false);
});

it('uses the protector a host brings instead of a key file', async () => {
  const url = await serve('sqlite');
  const dir = tempDir();
  const sealed: string[] = [];
  // Stands for the operating system's keychain: its own key, its own format.
  const inner = keyFileProtector(tempDir());
  const host: SecretProtector = {
    describe: 'the test keychain',
    seal: (plain, purpose) => {
      const s = `host.${inner.seal(plain, purpose)}`;
      sealed.push(s);
      return s;
    },
    open: (s, purpose) => (s.startsWith('host.') ? inner.open(s.slice(5), purpose) : null),
  };
  const core = openCore({ dataDir: dir, host: 'test', actor: 'ana', syncSnapshotAbove: Infinity, secrets: host });
  onCleanup(() => core.close());
  await call(core, 'sync.connect', { url, name: 'ana', password: PASSWORD });
  expect(await call(core, 'sync.run', {})).toMatchObject({ state: 'online' });
  expect(existsSync(join(dir, KEY_FILE))).toBe(false);
  expect(core.db.prepare("SELECT value FROM sync_state WHERE key = 'session'").pluck().get()).toBe(sealed[0]);
});

it('opens a sealed secret for its own purpose only, and nothing altered', () => {
  const p = keyFileProtector(tempDir());
  const s = p.seal('secret', 'session');
  expect(p.open(s, 'session')).toBe('secret');
  expect(p.open(s, 'devices')).toBeNull();
  const body = Buffer.from(s.slice(3), 'base64url');
  body[body.length - 1]! ^= 1;
  expect(p.open(`k1.${body.toString('base64url')}`, 'session')).toBeNull();
  for (const hostile of ['', 'k1.', 'k1.AAAA', 'plain-text-token', 'k1.!!!!']) expect(p.open(hostile, 'session')).toBeNull();
});

it('warns, in the status, while the server is reached over plain http:// on another machine', async () => {
  const core = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana' });
  onCleanup(() => core.close());
  setConnection(core.db, { url: 'http://moderation.example:8787', user: 'ana', role: 'moderator', expiresAt: 1 });
  expect((await call(core, 'sync.status', {})).insecure).toBe(
    'Not encrypted: moderation.example:8787 is reached over plain http://, so the password, the session and everything synced can be read by anyone on the network in between. Ask for an https:// address.',
  );
  setConnection(core.db, { url: 'https://moderation.example', user: 'ana', role: 'moderator', expiresAt: 1 });
  expect((await call(core, 'sync.status', {})).insecure).toBeNull();
  // A server on this machine (tests, a server beside the workstation) is quiet.
  const url = await serve('sqlite');
  const local = await workstation(url, 'ana');
  expect((await call(local, 'sync.status', {})).insecure).toBeNull();

  for (const quiet of [
    'http://127.0.0.1:8787',
    'http://127.8.9.10',
    'http://localhost:8787',
    'http://LOCALHOST.',
    'http://vigil.localhost',
    'http://[::1]:8787',
    'http://[::ffff:127.0.0.1]',
    'https://10.0.0.5',
  ]) {
    expect([quiet, plainHttpWarning(quiet)]).toEqual([quiet, null]);
  }
  for (const loud of [
    'http://10.0.0.5:8787',
    'http://127.0.0.1.evil.example',
    'http://localhost.evil.example',
    'http://[::2]',
    'http://0.0.0.0:8787',
    'http://192.168.1.20',
  ]) {
    expect(plainHttpWarning(loud)).toMatch(/^Not encrypted: /);
  }
});

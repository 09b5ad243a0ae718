// Sign-in against guessing, on each store: every attempt is counted before its password is
// hashed, so parallel guesses cannot all be tried; failures slow the next attempt down and
// never lock the right password out; the counts are shared by every server on one database;
// and a workstation holding its user's device token signs in whatever others guess.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer, type SignInOptions } from '../../src/sync-server/app';
import { HashSlots } from '../../src/sync-server/auth/hash-slots';
import { addressOf, FIRST_WAIT_MS, FREE_FAILURES, LoginLimiter } from '../../src/sync-server/auth/login-limiter';
import { HttpFailure } from '../../src/sync-server/http-failure';
import { costOf, hashPassword, SCRYPT_COST, type ScryptCost } from '../../src/sync-server/auth/passwords';
import { tokenHash } from '../../src/sync-server/auth/tokens';
import { openPgStore } from '../../src/sync-server/store/pg-store';
import { openSqliteStore } from '../../src/sync-server/store/sqlite-store';
import type { ServerStore } from '../../src/sync-server/store/types';
import { DEVICE_HEADER, type LoginResponse } from '../../src/shared/sync';
import { onCleanup, tempDir } from '../unit/helpers';
import { onEachStore, PASSWORD, pgCluster, stopCluster, storeKinds, TEST_COST, type StoreKind } from './helpers';

const kinds = await storeKinds();
afterAll(() => stopCluster());

const DAY = 24 * 3_600_000;

interface Server {
  app: FastifyInstance;
  store: ServerStore;
  /** scrypt computations started, with their cost. */
  hashed: ScryptCost[];
  /** One sign-in; `from` is the caller's address, `device` the device token it brings. */
  signIn(
    name: string,
    password: string,
    from?: string,
    device?: string,
  ): Promise<{ status: number; retryAfter?: string; body: LoginResponse & { error?: { code: string; message: string } } }>;
}

const clock = { now: 0 };

/** A store on a new database of this kind, and a way to open it a second time (another server process's view of it). */
async function database(kind: StoreKind): Promise<() => Promise<ServerStore>> {
  if (kind === 'sqlite') {
    const dir = tempDir('vigil-server-');
    return async () => openSqliteStore(dir);
  }
  const c = await pgCluster();
  if (typeof c === 'string') throw new Error(c);
  const url = await c.createDatabase();
  return () => openPgStore(url);
}

async function server(store: ServerStore, signIn: SignInOptions = {}): Promise<Server> {
  const hashed: ScryptCost[] = [];
  const app = buildServer({ store, now: () => clock.now, signIn: { cost: TEST_COST, ...signIn, onHash: (c) => hashed.push(c) } });
  onCleanup(() => app.close());
  return {
    app,
    store,
    hashed,
    async signIn(name, password, from = '127.0.0.1', device) {
      const r = await app.inject({
        method: 'POST',
        url: '/auth/login',
        remoteAddress: from,
        payload: { name, password },
        headers: device ? { [DEVICE_HEADER]: device } : {},
      });
      const retryAfter = r.headers['retry-after'];
      return { status: r.statusCode, body: r.json(), ...(typeof retryAfter === 'string' ? { retryAfter } : {}) };
    },
  };
}

/** A server on a new database with ana (moderator) and root (admin), both with PASSWORD. */
async function withTeam(
  kind: StoreKind,
  signIn: SignInOptions = {},
  cost = TEST_COST,
): Promise<Server & { open: () => Promise<ServerStore> }> {
  clock.now = Date.UTC(2026, 10, 30, 9);
  const open = await database(kind);
  const store = await open();
  const hash = await hashPassword(PASSWORD, cost);
  await store.addUser('ana', 'moderator', hash, clock.now);
  await store.addUser('root', 'admin', hash, clock.now);
  return { ...(await server(store, signIn)), open };
}

const statuses = (rs: { status: number }[]) =>
  rs
    .map((r) => r.status)
    .sort()
    .join(' ');

onEachStore(kinds, (kind) => {
  it('hashes no more wrong passwords than allowed when 40 arrive at once; the rest wait, and the right one works after the wait', async () => {
    const s = await withTeam(kind);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => s.signIn('root', `guess ${i}`)));
    expect(s.hashed).toHaveLength(FREE_FAILURES.name);
    expect(statuses(answers)).toBe([...Array<string>(5).fill('401'), ...Array<string>(35).fill('429')].join(' '));
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.retryAfter).toBe(String(FIRST_WAIT_MS / 1000));
    expect(refused.body.error).toEqual({ code: 'too_many_attempts', message: 'Too many failed sign-ins; wait 30 seconds and try again.' });

    // The right password is slowed as well, and nothing is hashed for it yet.
    expect(await s.signIn('root', PASSWORD)).toMatchObject({ status: 429 });
    clock.now += FIRST_WAIT_MS - 1000;
    expect(await s.signIn('root', PASSWORD)).toMatchObject({ status: 429, retryAfter: '1' });
    expect(s.hashed).toHaveLength(FREE_FAILURES.name);
    clock.now += 1000;
    expect(await s.signIn('root', PASSWORD)).toMatchObject({ status: 200, body: { user: { name: 'root' } } });
    // A success forgets the name's failures: five more are free again.
    for (let i = 0; i < FREE_FAILURES.name; i++) expect((await s.signIn('root', 'wrong')).status).toBe(401);
  });

  it('waits longer after each further failure, up to a quarter of an hour, and forgets the failures after a quiet day', async () => {
    const s = await withTeam(kind);
    const waits: string[] = [];
    for (let i = 0; i < FREE_FAILURES.name; i++) await s.signIn('ana', 'wrong');
    for (let i = 0; i < 7; i++) {
      const r = await s.signIn('ana', 'wrong');
      expect(r.status).toBe(429);
      waits.push(r.retryAfter!);
      clock.now += Number(r.retryAfter) * 1000;
      expect((await s.signIn('ana', 'wrong')).status).toBe(401);
    }
    expect(waits).toEqual(['30', '60', '120', '240', '480', '900', '900']);
    clock.now += DAY + 1;
    // Pruned: the count starts again.
    for (let i = 0; i < FREE_FAILURES.name; i++) expect((await s.signIn('ana', 'wrong')).status).toBe(401);
    expect((await s.signIn('ana', 'wrong')).status).toBe(429);
  });

  it('shares the count between two servers on one database', async () => {
    const a = await withTeam(kind);
    const b = await server(await a.open());
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).signIn('root', `guess ${i}`)));
    expect(a.hashed.length + b.hashed.length).toBe(FREE_FAILURES.name);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(40 - FREE_FAILURES.name);
    // What one server counted holds on the other.
    expect((await b.signIn('root', PASSWORD)).status).toBe(429);
    clock.now += FIRST_WAIT_MS;
    expect((await b.signIn('root', PASSWORD)).status).toBe(200);
    expect((await a.signIn('root', 'wrong')).status).toBe(401);
  });

  it('lets a workstation holding its device token in while someone guesses the admin’s name from many addresses', async () => {
    const s = await withTeam(kind);
    const first = await s.signIn('root', PASSWORD, '10.0.0.1');
    expect(first.status).toBe(200);
    const device = first.body.device!;
    expect(device).toMatch(/^[\w-]{43}$/);

    const attack = await Promise.all(Array.from({ length: 60 }, (_, i) => s.signIn('root', `guess ${i}`, `203.0.113.${i}`)));
    expect(attack.filter((r) => r.status === 401)).toHaveLength(FREE_FAILURES.name);
    // Without the token, root waits like anyone else; with it, root is in at once, from anywhere.
    expect((await s.signIn('root', PASSWORD, '10.0.0.2')).status).toBe(429);
    const again = await s.signIn('root', PASSWORD, '198.51.100.7', device);
    expect(again.status).toBe(200);
    // The token stays the workstation's: no new one is handed out.
    expect(again.body.device).toBeUndefined();

    // An address that failed a lot does not stop the token's owner either.
    for (let i = 0; i < FREE_FAILURES.address + 3; i++) await s.signIn(`nobody${i}`, 'x', '10.0.0.1');
    expect((await s.signIn('ana', PASSWORD, '10.0.0.1')).status).toBe(429);
    expect((await s.signIn('root', PASSWORD, '10.0.0.1', device)).status).toBe(200);
  });

  it('gives a device token a small budget of its own: guesses with a stolen one are slowed too', async () => {
    const s = await withTeam(kind);
    const device = (await s.signIn('root', PASSWORD)).body.device!;
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => s.signIn('root', `guess ${i}`, `203.0.113.${i}`, device)));
    expect(guesses.filter((r) => r.status === 401)).toHaveLength(FREE_FAILURES.device);
    expect(s.hashed).toHaveLength(1 + FREE_FAILURES.device);
    expect((await s.signIn('root', PASSWORD, '127.0.0.1', device)).status).toBe(429);
    // The name's own count was not touched by them: a sign-in without the token still goes through.
    expect((await s.signIn('root', PASSWORD, '10.0.0.3')).status).toBe(200);
  });

  it('gives nothing for a device token of another user, a made-up one, or one unused for half a year', async () => {
    const s = await withTeam(kind);
    const anas = (await s.signIn('ana', PASSWORD)).body.device!;
    const roots = (await s.signIn('root', PASSWORD)).body.device!;
    await Promise.all(Array.from({ length: 10 }, (_, i) => s.signIn('root', `guess ${i}`, `203.0.113.${i}`)));
    expect((await s.signIn('root', PASSWORD, '10.0.0.2', anas)).status).toBe(429);
    expect((await s.signIn('root', PASSWORD, '10.0.0.2', 'x'.repeat(43))).status).toBe(429);
    expect((await s.signIn('root', PASSWORD, '10.0.0.2', 'y'.repeat(5000))).status).toBe(429);
    // Ana's token still works for ana.
    expect((await s.signIn('ana', PASSWORD, '10.0.0.2', anas)).status).toBe(200);

    clock.now += 181 * DAY;
    await Promise.all(Array.from({ length: 10 }, (_, i) => s.signIn('root', `guess ${i}`, `203.0.113.${i}`)));
    expect((await s.signIn('root', PASSWORD, '10.0.0.2', roots)).status).toBe(429);
  });

  it('gives back an attempt whose password was never checked (the server was busy)', async () => {
    clock.now = Date.UTC(2026, 10, 30, 9);
    const store = await (await database(kind))();
    onCleanup(() => void store.close());
    const limiter = new LoginLimiter(store, () => clock.now);
    for (let i = 0; i < 3 * FREE_FAILURES.name; i++) await (await limiter.take('10.0.0.1', 'ana', null)).withdrawn();
    for (let i = 0; i < FREE_FAILURES.name; i++) await limiter.take('10.0.0.1', 'ana', null);
    await expect(limiter.take('10.0.0.1', 'ana', null)).rejects.toMatchObject({ status: 429, retryAfter: 30 });
  });

  it('checks an unknown name at the same cost as a known one, and counts it alike', async () => {
    const s = await withTeam(kind, { cost: SCRYPT_COST }, SCRYPT_COST);
    expect((await s.signIn('nobody', PASSWORD)).status).toBe(401);
    expect((await s.signIn('ana', 'wrong')).status).toBe(401);
    expect(s.hashed).toEqual([SCRYPT_COST, SCRYPT_COST]);
    for (let i = 0; i < FREE_FAILURES.name - 1; i++) await s.signIn('nobody', 'x', `10.1.0.${i}`);
    expect((await s.signIn('nobody', 'x', '10.2.0.1')).status).toBe(429);
  });

  it('hashes a password made at the old cost again at the new one on sign-in, keeping the sessions', async () => {
    const s = await withTeam(kind, { cost: SCRYPT_COST });
    const old = await hashPassword(PASSWORD, { N: 2 ** 15, r: 8, p: 1 });
    await s.store.addUser('sam', 'supervisor', old, clock.now);
    const first = await s.signIn('sam', PASSWORD);
    expect(first.status).toBe(200);
    const now = (await s.store.userByName('sam'))!.passwordHash;
    expect(costOf(now)).toEqual(SCRYPT_COST);
    expect(now).not.toBe(old);
    expect((await s.store.session(tokenHash(first.body.token)))?.revokedAt).toBeNull();
    expect(s.hashed).toEqual([{ N: 2 ** 15, r: 8, p: 1 }, SCRYPT_COST]);
    expect((await s.signIn('sam', PASSWORD)).status).toBe(200);
    expect((await s.signIn('sam', 'wrong')).status).toBe(401);
    expect(s.hashed).toHaveLength(4);
  });
});

describe('password checks at once', () => {
  it('runs at most `slots` at a time, lets a few wait, and answers "busy" with a time beyond that', async () => {
    const slots = new HashSlots(2, 1);
    let running = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const work = () =>
      slots.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
        return 'checked';
      });
    const started = [work(), work(), work()];
    const refused = await work().then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(HttpFailure);
    expect(refused).toMatchObject({ status: 503, code: 'busy', retryAfter: 2 });
    await Promise.resolve();
    expect(gates).toHaveLength(2);
    // The slot passes to the one waiting.
    gates.shift()!();
    await started[0];
    await new Promise((r) => setImmediate(r));
    expect(gates).toHaveLength(2);
    gates.splice(0).forEach((open) => open());
    await new Promise((r) => setImmediate(r));
    gates.splice(0).forEach((open) => open());
    expect(await Promise.all(started)).toEqual(['checked', 'checked', 'checked']);
    expect(most).toBe(2);
  });
});

describe('addresses', () => {
  it('counts IPv4 as it is and IPv6 by its /64', () => {
    expect(addressOf('203.0.113.9')).toBe('203.0.113.9');
    expect(addressOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressOf('2001:db8:0:1:aaaa::7')).toBe('2001:db8:0:1::/64');
    expect(addressOf('2001:db8:0:1:bbbb:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(addressOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressOf('::1')).toBe('0:0:0:0::/64');
    expect(addressOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

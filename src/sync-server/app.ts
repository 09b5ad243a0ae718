// The central server: Fastify over one ServerStore. Every route but health and login needs a
// session token and a role; every body and query is checked against the sync protocol's
// schemas; every error is a body with a code and a sentence.
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import {
  checkSyncEvent,
  DEVICE_HEADER,
  loginRequest,
  MAX_BODY_BYTES,
  newUserRequest,
  pullQuery,
  pushEnvelope,
  ROLES,
  SYNC_SCHEMA_VERSION,
  type ErrorBody,
  type LeasesResponse,
  type LoginResponse,
  type PullResponse,
  type PushOutcome,
  type PushResponse,
  type Role,
  type SyncEvent,
} from '../shared/sync';
import { HashSlots } from './auth/hash-slots';
import { LoginLimiter } from './auth/login-limiter';
import { costOf, dummyHash, hashPassword, needsRehash, SCRYPT_COST, verifyPassword, type ScryptCost } from './auth/passwords';
import { newToken, tokenHash } from './auth/tokens';
import { HttpFailure } from './http-failure';
import { ingestRoute } from './ingest';
import { outboundRoutes } from './outbound';
import { pullPage } from './pull-page';
import { checkSchema, parse } from './requests';
import { snapshotRoute } from './snapshot';
import { logRoutes } from './log/routes';
import { LogSigner, type LogKeySource } from './log/signer';
import { PROVEN_SCHEMA } from './pull-page';
import type { ServerStore, User } from './store/types';

export interface ServerOptions {
  store: ServerStore;
  /** Session lifetime. */
  sessionMs?: number;
  now?: () => number;
  /** Structured request and sync logs (JSON lines): to stdout when true, or to the stream given. */
  logger?: boolean | { stream: NodeJS.WritableStream; level?: string };
  signIn?: SignInOptions;
  /**
   * The key that signs the log's checkpoints: a file outside the database (made on first start;
   * `npm run server` always passes one), or a throwaway key for a server that lives only as
   * long as a test (the default).
   */
  logKey?: LogKeySource;
}

export interface SignInOptions {
  /** The scrypt cost of new and upgraded hashes, and of the check an unknown name gets (default SCRYPT_COST). */
  cost?: ScryptCost;
  /** Password checks at once (default 2), and how many more may wait for one (default 16) before "busy". */
  slots?: number;
  waiting?: number;
  /** Called as each scrypt computation starts, with its cost: tests count the work with it. */
  onHash?: (cost: ScryptCost) => void;
}

/** A browser's WebSocket passes its session token in the query: it must never reach a log. */
export function loggableUrl(url: string): string {
  return url.replace(/([?&]token=)[^&]*/g, '$1[redacted]');
}

function loggerOptions(opt: ServerOptions['logger']) {
  if (!opt) return false;
  const serializers = {
    req: (req: { method: string; url: string; ip?: string; socket?: { remoteAddress?: string } }) => ({
      method: req.method,
      url: loggableUrl(req.url),
      remoteAddress: req.ip ?? req.socket?.remoteAddress,
    }),
  };
  return opt === true ? { serializers } : { serializers, stream: opt.stream, level: opt.level ?? 'info' };
}

/** People by rank; a connector (a machine) is below them all: it may only do what names it. */
const RANK: Record<Role, number> = { connector: 0, moderator: 1, supervisor: 2, admin: 3 };

function bodyOf(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function buildServer(opts: ServerOptions): FastifyInstance {
  const { store } = opts;
  const now = opts.now ?? Date.now;
  const sessionMs = opts.sessionMs ?? 12 * 3_600_000;
  const cost = opts.signIn?.cost ?? SCRYPT_COST;
  const limiter = new LoginLimiter(store, now);
  const signer = new LogSigner(store.log, opts.logKey ?? 'ephemeral', now);
  const slots = new HashSlots(opts.signIn?.slots ?? 2, opts.signIn?.waiting ?? 16);
  const onHash = opts.signIn?.onHash ?? (() => {});
  // The same answer and the same work for an unknown name as for a wrong password.
  const unknownUser = dummyHash(cost);
  const app = Fastify({ logger: loggerOptions(opts.logger), bodyLimit: MAX_BODY_BYTES });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    if (err instanceof HttpFailure) {
      if (err.retryAfter !== undefined) reply.header('retry-after', String(err.retryAfter));
      return reply.status(err.status).send(bodyOf(err.code, err.message, err.details));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.status(413).send(bodyOf('too_large', `A request body may hold at most ${MAX_BODY_BYTES} bytes: send smaller batches.`));
    if (err.statusCode && err.statusCode < 500) return reply.status(err.statusCode).send(bodyOf('bad_request', err.message));
    app.log.error(err);
    return reply.status(500).send(bodyOf('internal', 'The server failed on this request; it has been logged.'));
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send(bodyOf('not_found', `There is no ${req.method} ${req.url.split('?')[0]}.`)),
  );

  /** The signed-in user, with at least this role, or with one of these roles. */
  async function userOf(req: FastifyRequest, role: Role | readonly Role[]): Promise<User> {
    const header = req.headers.authorization ?? '';
    // A browser's WebSocket cannot send headers: the poke channel also takes ?token=.
    const token =
      /^Bearer (\S+)$/.exec(header)?.[1] ?? (req.url.startsWith('/sync/ws') ? (req.query as { token?: string }).token : undefined);
    if (!token) throw new HttpFailure(401, 'unauthenticated', 'Sign in first: this request carries no session token.');
    const s = await store.session(tokenHash(token));
    if (!s || s.revokedAt !== null)
      throw new HttpFailure(401, 'unauthenticated', 'This session is not valid (signed out or unknown): sign in again.');
    if (s.expiresAt <= now()) throw new HttpFailure(401, 'session_expired', 'This session has expired: sign in again.');
    if (s.user.disabled) throw new HttpFailure(403, 'forbidden', 'This account is disabled.');
    if (typeof role === 'string' ? RANK[s.user.role] < RANK[role] : !role.includes(s.user.role)) {
      const needs = typeof role === 'string' ? `the ${role} role` : `one of the roles ${role.join(', ')}`;
      throw new HttpFailure(403, 'forbidden', `This needs ${needs}; ${s.user.name} is a ${s.user.role}.`);
    }
    return s.user;
  }

  // Pokes: a signed-in workstation keeps a socket open and hears "new events up to N"; it
  // then pulls. The socket carries nothing else.
  const sockets = new Set<WebSocket>();
  const poke = (head: number) => {
    const msg = JSON.stringify({ type: 'poke', head });
    for (const s of sockets) if (s.readyState === s.OPEN) s.send(msg);
  };
  if (store.onPoke) app.addHook('onReady', async () => store.onPoke!(poke));
  void app.register(websocket);
  void app.register(async (scoped) => {
    scoped.get('/sync/ws', { websocket: true, preValidation: async (req) => void (await userOf(req, 'moderator')) }, (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      void store.head().then((head) => socket.send(JSON.stringify({ type: 'hello', head })));
    });
  });
  app.addHook('preClose', async () => {
    for (const s of sockets) s.close(1001, 'server stopping');
  });

  // Says only that the server is up and which protocol it speaks: nothing of its data.
  app.get('/health', async () => ({ ok: true, schemaVersion: SYNC_SCHEMA_VERSION }));

  /** Checks the password in a hash slot; a match at a lower cost than today's is hashed again, sessions kept. */
  async function checkPassword(password: string, user: User | null): Promise<boolean> {
    const stored = user?.passwordHash ?? unknownUser;
    const storedCost = costOf(stored);
    if (storedCost) onHash(storedCost);
    const ok = await verifyPassword(password, stored);
    if (ok && user && !user.disabled && needsRehash(stored, cost)) {
      try {
        onHash(cost);
        await store.upgradePasswordHash(user.id, stored, await hashPassword(password, cost));
        app.log.info({ user: user.name }, 'password hash upgraded to the current cost');
      } catch (e) {
        app.log.error({ err: e, user: user.name }, 'upgrading a password hash failed; the old one stays');
      }
    }
    return ok;
  }

  app.post('/auth/login', async (req, reply: FastifyReply): Promise<LoginResponse> => {
    const { name, password } = parse(loginRequest, req.body, 'login');
    await limiter.prune();
    const user = await store.userByName(name);
    // A device token counts only for the user it was given to: another's, or a made-up one, is no token.
    const presented = req.headers[DEVICE_HEADER];
    const deviceHash = typeof presented === 'string' && presented.length <= 100 && user ? tokenHash(presented) : null;
    const device = deviceHash !== null && (await store.deviceOwner(deviceHash)) === user!.id ? deviceHash : null;
    const attempt = await limiter.take(req.ip, name, device);
    let ok: boolean;
    try {
      ok = await slots.run(() => checkPassword(password, user));
    } catch (e) {
      await attempt.withdrawn();
      throw e;
    }
    if (!user || !ok || user.disabled) {
      req.log.warn({ name, device: device !== null }, 'sign-in refused');
      throw new HttpFailure(401, 'bad_credentials', 'That name and password do not match an active account.');
    }
    await attempt.succeeded();
    req.log.info({ user: user.name, role: user.role, device: device !== null }, 'signed in');
    const token = newToken();
    const expiresAt = now() + sessionMs;
    await store.createSession(tokenHash(token), user.id, now(), expiresAt);
    let newDevice: string | undefined;
    if (device) await store.touchDevice(device, now());
    else {
      newDevice = newToken();
      await store.addDevice(tokenHash(newDevice), user.id, now());
    }
    reply.header('cache-control', 'no-store');
    return {
      token,
      expiresAt,
      user: { name: user.name, role: user.role },
      ...(newDevice ? { device: newDevice } : {}),
      log: await signer.identity(),
    };
  });

  app.post('/auth/logout', async (req) => {
    await userOf(req, ROLES);
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')![1]!;
    await store.revokeSession(tokenHash(token), now());
    return { ok: true };
  });

  app.post('/sync/push', async (req): Promise<PushResponse> => {
    const user = await userOf(req, 'moderator');
    const body = parse(pushEnvelope, req.body, 'push');
    checkSchema(body.schemaVersion);
    const started = performance.now();
    // Each event is checked on its own: a malformed one is refused (and stored nowhere: it is
    // not an event), the rest go on. Its author's workstation records the refusal.
    const results: PushOutcome[] = new Array(body.events.length);
    const valid: { index: number; event: SyncEvent }[] = [];
    body.events.forEach((raw, index) => {
      const c = checkSyncEvent(raw);
      if (c.ok) valid.push({ index, event: c.event });
      else results[index] = { id: raw.id, status: 'rejected', seq: 0, reason: c.problem };
    });
    const stored = valid.length
      ? await store.push(
          valid.map((v) => v.event),
          user,
          now(),
          (error, event) => req.log.error({ err: error, event: event.id, user: user.name }, 'push: an event could not be stored'),
        )
      : [];
    stored.forEach((o, i) => (results[valid[i]!.index] = o));
    const head = await store.head();
    const counts: Record<string, number> = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0 };
    for (const r of results) counts[r.status]!++;
    req.log.info({ user: user.name, events: results.length, ...counts, head, ms: Math.round(performance.now() - started) }, 'push');
    // A shared store pokes every process itself (LISTEN/NOTIFY); a store of our own, here.
    if (!store.onPoke && results.some((r) => r.status !== 'duplicate')) poke(head);
    return { results, head };
  });

  app.get('/sync/pull', async (req): Promise<PullResponse> => {
    await userOf(req, 'moderator');
    const q = parse(pullQuery, req.query, 'pull');
    checkSchema(q.schemaVersion);
    const page = await pullPage(store, q.cursor, q.limit, q.schemaVersion);
    req.log.debug({ cursor: q.cursor, events: page.events.length, content: page.content?.length ?? 0, more: page.more }, 'pull');
    // Every event up to the page's cursor is an entry: the workstation's copy must be a prefix of the signed log.
    if (q.schemaVersion >= PROVEN_SCHEMA) page.log = await signer.forPage(await store.log.sizeAt(page.cursor), q.logSize);
    return page;
  });
  snapshotRoute(app, { store, userOf, signer });
  logRoutes(app, { store, signer, userOf });
  ingestRoute(app, { store, now, userOf, poke });
  outboundRoutes(app, { store, now, userOf, poke });

  /** Who holds what right now: every workstation shows it beside the items. */
  app.get('/sync/leases', async (req): Promise<LeasesResponse> => {
    await userOf(req, 'moderator');
    return { leases: await store.leases(now()), now: now() };
  });

  app.post('/admin/users', async (req, reply) => {
    await userOf(req, 'admin');
    const body = parse(newUserRequest, req.body, 'new user');
    if (await store.userByName(body.name)) throw new HttpFailure(409, 'exists', `There is already a user called ${body.name}.`);
    const user = await store.addUser(body.name, body.role, await hashPassword(body.password), now());
    reply.status(201);
    return { user: { name: user.name, role: user.role } };
  });

  app.addHook('onClose', async () => store.close());
  return app;
}

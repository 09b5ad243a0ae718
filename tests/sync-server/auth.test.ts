// Every route refuses a missing, expired, revoked or wrong-role token; sign-in is slowed after
// repeated failures; answers are bodies with a code and a sentence.
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CONFIG_EDITORS, CONFIG_KINDS, CONFIG_PLATFORM, type ConfigKind } from '../../src/shared/config-sync';
import { SYNC_SCHEMA_VERSION, type PushResponse } from '../../src/shared/sync';
import { event, PASSWORD, push, onEachStore, storeKinds, stopCluster, testServer } from './helpers';

/** `role`: the least a caller needs; `ingest` is for connectors (and admins), never for moderators (the ingest and the outbound queue). */
const ROUTES: { method: 'GET' | 'POST'; url: string; body?: unknown; role: 'moderator' | 'admin' | 'ingest' }[] = [
  { method: 'POST', url: '/sync/push', body: push([event()]), role: 'moderator' },
  { method: 'GET', url: `/sync/pull?cursor=0&schemaVersion=${SYNC_SCHEMA_VERSION}`, role: 'moderator' },
  { method: 'GET', url: '/sync/leases', role: 'moderator' },
  { method: 'GET', url: `/sync/snapshot?schemaVersion=${SYNC_SCHEMA_VERSION}`, role: 'moderator' },
  {
    method: 'POST',
    url: '/ingest',
    body: { schemaVersion: SYNC_SCHEMA_VERSION, records: [{ type: 'item', platform: 'x', id: 'n1', kind: 'mention', text: 'hi' }] },
    role: 'ingest',
  },
  { method: 'GET', url: `/outbound?cursor=0&schemaVersion=${SYNC_SCHEMA_VERSION}`, role: 'ingest' },
  {
    method: 'POST',
    url: '/outbound/ack',
    body: { schemaVersion: SYNC_SCHEMA_VERSION, acks: [{ eventId: '0190a0a0-0000-7000-8000-000000000000', status: 'sent' }] },
    role: 'ingest',
  },
  { method: 'POST', url: '/auth/logout', role: 'moderator' },
  { method: 'POST', url: '/admin/users', body: { name: 'newbie', role: 'moderator', password: 'a long enough one' }, role: 'admin' },
];

/** One valid first document of each kind. */
const FIRST_DOCS: Record<ConfigKind, { doc: string; body: unknown }> = {
  rules: {
    doc: 'rules',
    body: { rules: [{ id: 'r-1', name: 'Complaints', enabled: true, conditions: [], actions: { queue: 'complaints' } }] },
  },
  template: {
    doc: 'template:thanks',
    body: { name: 'Thanks', body: 'Thanks {name}!', kind: 'reply', reason: null, tags: [], position: 0 },
  },
  team: {
    doc: 'team:support',
    body: {
      name: 'Support',
      timeZone: 'Europe/Berlin',
      weekly: { mon: [{ from: '09:00', to: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [],
    },
  },
  'sla-policy': {
    doc: 'sla-policy:urgent',
    body: { name: 'Urgent', team: 'support', firstResponseMinutes: 15, resolutionMinutes: 120, isDefault: false },
  },
  thresholds: { doc: 'thresholds', body: { thresholds: { 'spam-waves': 0.5, 'fake-reviews': 0.6, 'fake-accounts': 0.7, spam: 0.8 } } },
};
const ROLE_OF = { ana: 'moderator', sam: 'supervisor', root: 'admin' } as const;

const kinds = await storeKinds();
afterAll(() => stopCluster());

onEachStore(kinds, (kind) => {
  describe('the server’s doors', () => {
    it('answers health without a session, and tells nothing of the data', async () => {
      const s = await testServer(undefined, kind);
      await s.call('POST', '/sync/push', await s.login('ana'), push([event()]));
      const r = await s.call<{ ok: boolean; schemaVersion: number }>('GET', '/health');
      expect(r).toEqual({ status: 200, body: { ok: true, schemaVersion: SYNC_SCHEMA_VERSION } });
    });

    it.each(ROUTES)('$method $url refuses no token, a bad one, an expired one, a revoked one, and a lower role', async (route) => {
      const s = await testServer(undefined, kind);
      expect(await s.call(route.method, route.url, undefined, route.body)).toMatchObject({
        status: 401,
        body: { error: { code: 'unauthenticated' } },
      });
      expect(await s.call(route.method, route.url, 'made-up', route.body)).toMatchObject({
        status: 401,
        body: { error: { code: 'unauthenticated' } },
      });

      const expiring = await s.login('root');
      s.clock.now += 13 * 3_600_000;
      expect(await s.call(route.method, route.url, expiring, route.body)).toMatchObject({
        status: 401,
        body: { error: { code: 'session_expired' } },
      });

      const revoked = await s.login('root');
      expect((await s.call('POST', '/auth/logout', revoked)).status).toBe(200);
      expect(await s.call(route.method, route.url, revoked, route.body)).toMatchObject({
        status: 401,
        body: { error: { code: 'unauthenticated' } },
      });

      if (route.role !== 'moderator') {
        const moderator = await s.login('ana');
        const r = await s.call<{ error: { message: string } }>(route.method, route.url, moderator, route.body);
        expect(r.status).toBe(403);
        expect(r.body.error.message).toMatch(/^This needs .+; ana is a moderator\.$/);
      }
      const ok = await s.login(route.role === 'moderator' ? 'ana' : 'root');
      expect((await s.call(route.method, route.url, ok, route.body)).status).toBeLessThan(300);
    });

    it.each(CONFIG_KINDS)('a change of %s is accepted only from the roles that may edit it', async (configKind) => {
      const s = await testServer(undefined, kind);
      const { doc, body } = FIRST_DOCS[configKind];
      for (const name of ['ana', 'sam', 'root'] as const) {
        const e = event({ platform: CONFIG_PLATFORM, externalId: doc, action: 'config', actor: name, payload: { base: null, doc: body } });
        const [r] = (await s.call<PushResponse>('POST', '/sync/push', await s.login(name), push([e]))).body.results;
        const role = ROLE_OF[name];
        if ((CONFIG_EDITORS[configKind] as readonly string[]).includes(role)) {
          expect(r).toMatchObject({ status: 'accepted' });
          return; // the document now has a revision: a later first change would be stale whoever made it
        }
        expect(r).toMatchObject({ status: 'rejected' });
        expect(r!.reason).toMatch(new RegExp(`^only an? .+ changes .+; ${name} is a ${role}$`));
      }
      throw new Error('no role was allowed');
    });

    it('the poke socket refuses no token and a bad one, and opens for a signed-in user', async () => {
      const s = await testServer(undefined, kind);
      const url = (await s.app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
      const attempt = (query: string) =>
        new Promise<number>((resolve, reject) => {
          const ws = new WebSocket(`${url}/sync/ws${query}`);
          ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          ws.once('message', () => {
            ws.close();
            resolve(101);
          });
          ws.once('error', reject);
        });
      expect(await attempt('')).toBe(401);
      expect(await attempt('?token=made-up')).toBe(401);
      expect(await attempt(`?token=${await s.login('ana')}`)).toBe(101);
    });

    it('signs in with the right password only, and slows down guessing without locking out', async () => {
      const s = await testServer(undefined, kind);
      expect(await s.call('POST', '/auth/login', undefined, { name: 'ana', password: 'nope' })).toMatchObject({
        status: 401,
        body: { error: { code: 'bad_credentials' } },
      });
      expect(await s.call('POST', '/auth/login', undefined, { name: 'nobody', password: PASSWORD })).toMatchObject({
        status: 401,
        body: { error: { code: 'bad_credentials' } },
      });
      for (let i = 0; i < 4; i++) await s.call('POST', '/auth/login', undefined, { name: 'ana', password: 'nope' });
      const limited = await s.app.inject({ method: 'POST', url: '/auth/login', payload: { name: 'ana', password: PASSWORD } });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('30');
      expect(limited.json().error.message).toBe('Too many failed sign-ins; wait 30 seconds and try again.');
      s.clock.now += 30_000;
      expect((await s.call('POST', '/auth/login', undefined, { name: 'ana', password: PASSWORD })).status).toBe(200);
    });

    it('says what is wrong with a malformed body, and refuses an old workstation with "update required"', async () => {
      const s = await testServer(undefined, kind);
      const token = await s.login('ana');
      const bad = await s.call<{ error: { code: string; message: string } }>('POST', '/sync/push', token, {
        schemaVersion: SYNC_SCHEMA_VERSION,
        events: 'all of them',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_request');
      expect(bad.body.error.message).toMatch(/^push: events /);
      // One malformed event is refused on its own, saying what is wrong with it.
      const one = await s.call<PushResponse>('POST', '/sync/push', token, {
        schemaVersion: SYNC_SCHEMA_VERSION,
        events: [{ ...event(), baseVersion: -1 }],
      });
      expect(one.status).toBe(200);
      expect(one.body.results[0]).toMatchObject({ status: 'rejected', seq: 0, reason: expect.stringMatching(/^baseVersion: /) });
      const old = await s.call<{ error: { code: string } }>('POST', '/sync/push', token, { schemaVersion: 0, events: [event()] });
      expect(old).toMatchObject({ status: 426, body: { error: { code: 'update_required' } } });
      expect(await s.call('GET', '/nowhere', token)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    });
  });
});

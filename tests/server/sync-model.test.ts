// Model-based property test of sync: three workstations make random decisions on five items,
// each syncing only now and then (offline in between), one pushing the same events twice.
// Whatever the order, once everyone has synced: every outbox is empty, the server holds each
// event exactly once, all replicas agree on every item, and every decision the server did not
// accept is listed, with its reason, on the workstation that made it.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/core/index';
import type { ArgsIn, Method, ResultOf } from '../../src/shared/contract';
import { DECISION_ACTIONS } from '../../src/shared/model';
import { buildServer } from '../../src/server/app';
import { hashPassword } from '../../src/server/auth/passwords';
import { openSqliteStore } from '../../src/server/store/sqlite-store';
import { SYNC_SCHEMA_VERSION } from '../../src/shared/sync';
import { tempDir } from '../unit/helpers';
import { PASSWORD } from './helpers';

const ITEMS = ['m0', 'm1', 'm2', 'm3', 'm4'];
const NAMES = ['ana', 'bo', 'cy'];

async function call<M extends Method>(core: Core, m: M, args: ArgsIn<M>): Promise<ResultOf<M>> {
  const r = await core.dispatch(m, args);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value as ResultOf<M>;
}

const step = fc.oneof(
  fc.record({ kind: fc.constant('decide' as const), ws: fc.integer({ min: 0, max: 2 }), item: fc.integer({ min: 0, max: 4 }), action: fc.constantFrom(...DECISION_ACTIONS.filter((a) => a !== 'reply')) }),
  fc.record({ kind: fc.constant('sync' as const), ws: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('replay' as const), ws: fc.integer({ min: 0, max: 2 }) }),
);

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function world() {
  const store = openSqliteStore(tempDir('vigil-server-'));
  const hash = await hashPassword(PASSWORD);
  for (const n of NAMES) await store.addUser(n, 'moderator', hash, Date.now());
  const app: FastifyInstance = buildServer({ store });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const cores: Core[] = [];
  for (const name of NAMES) {
    const core = openCore({ dataDir: tempDir(), host: 'test', actor: name });
    const { importId } = await call(core, 'import.begin', { fileName: 'items.ndjson' });
    await call(core, 'import.chunk', { importId, text: ITEMS.map((id) => JSON.stringify({ type: 'item', platform: 'x', id, kind: 'mention', text: id })).join('\n') + '\n' });
    await call(core, 'import.finish', { importId });
    await call(core, 'sync.connect', { url, name, password: PASSWORD });
    cores.push(core);
  }
  cleanup.push(async () => {
    for (const c of cores) c.close();
    await app.close();
  });
  return { url, cores };
}

describe('sync, model-based', () => {
  it('drains, stores once, converges and shows every refusal, whatever the order', async () => {
    let refusedSeen = 0;
    // Two workstations deciding the same item differently while apart: a conflict every time.
    const conflict = [
      { kind: 'decide' as const, ws: 0, item: 0, action: 'approve' as const },
      { kind: 'decide' as const, ws: 1, item: 0, action: 'remove' as const },
      { kind: 'sync' as const, ws: 0 },
      { kind: 'replay' as const, ws: 0 },
      { kind: 'sync' as const, ws: 1 },
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        const { url, cores } = await world();
        for (const s of steps) {
          const core = cores[s.ws]!;
          if (s.kind === 'decide') {
            const id = core.db.prepare('SELECT id, status FROM items WHERE external_id = ?').get(ITEMS[s.item]!) as { id: number; status: string };
            // A decided item is reopened first, as a moderator would; a waiting one is decided.
            if (id.status !== 'new') continue;
            await call(core, 'decision.apply', { itemIds: [id.id], action: s.action });
          } else if (s.kind === 'sync') {
            await call(core, 'sync.run', {});
          } else {
            // A retry of everything this workstation already sent: every answer must be "duplicate".
            const token = (JSON.parse(core.db.prepare("SELECT value FROM sync_state WHERE key = 'connection'").pluck().get() as string) as { token: string }).token;
            const rows = core.db.prepare(
              `SELECT e.id, e.client_id, e.client_seq, i.platform, i.external_id, e.action, e.base_version, e.actor, e.created_at
               FROM event_sync s JOIN events e ON e.id = s.event_id JOIN items i ON i.id = e.item_id WHERE e.client_id = ?`,
            ).all(core.db.prepare("SELECT value FROM meta WHERE key = 'client_id'").pluck().get()) as Record<string, unknown>[];
            if (!rows.length) continue;
            const events = rows.map((r) => ({
              id: r.id, clientId: r.client_id, clientSeq: r.client_seq, platform: r.platform, externalId: r.external_id, action: r.action,
              baseVersion: r.base_version, actor: r.actor, createdAt: r.created_at,
            }));
            const res = await fetch(`${url}/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ schemaVersion: SYNC_SCHEMA_VERSION, events }) });
            const body = (await res.json()) as { results: { status: string }[] };
            expect(body.results.every((r) => r.status === 'duplicate')).toBe(true);
          }
        }
        // Everyone comes online: push all, then pull all.
        for (const c of cores) await call(c, 'sync.run', {});
        for (const c of cores) await call(c, 'sync.run', {});

        for (const c of cores) expect((await call(c, 'sync.status', {})).outbox).toBe(0);
        const made = cores.reduce((n, c) => n + (c.db.prepare("SELECT count(*) FROM events WHERE client_id = (SELECT value FROM meta WHERE key = 'client_id')").pluck().get() as number), 0);
        const token = JSON.parse(cores[0]!.db.prepare("SELECT value FROM sync_state WHERE key = 'connection'").pluck().get() as string).token as string;
        const pulled = (await (await fetch(`${url}/sync/pull?cursor=0&schemaVersion=${SYNC_SCHEMA_VERSION}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { events: { id: string; status: string; actor: string }[] };
        expect(new Set(pulled.events.map((e) => e.id)).size).toBe(pulled.events.length);
        expect(pulled.events.length).toBe(made);
        for (const c of cores) expect(c.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(made);
        const states = cores.map((c) => c.db.prepare('SELECT external_id, status, version FROM items ORDER BY external_id').all());
        expect(states[1]).toEqual(states[0]);
        expect(states[2]).toEqual(states[0]);
        refusedSeen += pulled.events.filter((x) => x.status !== 'accepted').length;
        for (const e of pulled.events.filter((x) => x.status !== 'accepted')) {
          const author = cores[NAMES.indexOf(e.actor)]!;
          expect((await call(author, 'sync.status', {})).refused.map((r) => r.eventId)).toContain(e.id);
        }
        for (const c of cleanup.splice(0)) await c();
      }),
      { numRuns: 8, examples: [[conflict]] },
    );
    // The runs did meet disagreements, not only agreement.
    expect(refusedSeen).toBeGreaterThan(0);
  }, 120_000);
});

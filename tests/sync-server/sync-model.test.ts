// Model-based property test of sync: three workstations make random decisions on five items,
// each syncing only now and then (offline in between); pushes are replayed (duplicated, and
// arriving after newer ones), delivered with their answer lost, or delivered out of order; a
// supervisor's workstation resolves conflicts now and then. Whatever the order, once everyone
// has synced: every outbox is empty, the server holds each event exactly once, all replicas
// agree on every item, every decision the server did not accept is listed, with its reason, on
// the workstation that made it, and every conflict is known to every workstation (settled
// where a resolution says so, open and listed otherwise).
import fc from 'fast-check';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/index';
import { DECISION_ACTIONS } from '../../src/shared/model';
import { outboxBatch } from '../../src/core/sync/outbox';
import { keyFileProtector } from '../../src/core/sync/secrets';
import { sessionToken } from '../../src/core/sync/state';
import { SYNC_SCHEMA_VERSION } from '../../src/shared/sync';
import { call } from '../unit/call';
import { closeAll, serve, workstation } from './loopback';

const ITEMS = ['m0', 'm1', 'm2', 'm3', 'm4'];
const NAMES = ['ana', 'bo', 'cy'];
const SUPERVISOR = 'sam';

const step = fc.oneof(
  fc.record({
    kind: fc.constant('decide' as const),
    ws: fc.integer({ min: 0, max: 2 }),
    item: fc.integer({ min: 0, max: 4 }),
    action: fc.constantFrom(...DECISION_ACTIONS.filter((a) => a !== 'reply')),
  }),
  fc.record({ kind: fc.constant('sync' as const), ws: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('replay' as const), ws: fc.integer({ min: 0, max: 2 }) }),
  // The outbox reaches the server (in order or reversed) but the answer is lost on the way back.
  fc.record({ kind: fc.constant('lostAnswer' as const), ws: fc.integer({ min: 0, max: 2 }), reversed: fc.boolean() }),
  fc.record({
    kind: fc.constant('resolve' as const),
    item: fc.integer({ min: 0, max: 4 }),
    action: fc.constantFrom('approve' as const, 'remove' as const, 'spam' as const),
  }),
);

const tokenOf = (core: Core) => sessionToken(core.db, keyFileProtector(dirname(core.db.name)))!;

async function pushDirect(url: string, core: Core, events: unknown[]): Promise<{ results: { status: string }[] }> {
  const res = await fetch(`${url}/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenOf(core)}` },
    body: JSON.stringify({ schemaVersion: SYNC_SCHEMA_VERSION, events }),
  });
  return (await res.json()) as { results: { status: string }[] };
}

async function world() {
  const url = await serve('sqlite', { users: [...NAMES.map((n) => [n, 'moderator'] as const), [SUPERVISOR, 'supervisor']] });
  const records = ITEMS.map((id) => ({ type: 'item', platform: 'x', id, kind: 'mention', text: id }));
  const cores: Core[] = [];
  for (const name of [...NAMES, SUPERVISOR]) cores.push(await workstation(url, name, { records }));
  return { url, cores: cores.slice(0, NAMES.length), supervisor: cores[NAMES.length]!, all: cores };
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
    // The same, settled by the supervisor; then a push whose answer is lost, delivered reversed.
    const settled = [
      ...conflict,
      { kind: 'resolve' as const, item: 0, action: 'spam' as const },
      { kind: 'decide' as const, ws: 2, item: 1, action: 'approve' as const },
      { kind: 'decide' as const, ws: 2, item: 2, action: 'fake' as const },
      { kind: 'lostAnswer' as const, ws: 2, reversed: true },
      { kind: 'sync' as const, ws: 2 },
    ];
    let settledSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        const { url, cores, supervisor, all } = await world();
        for (const s of steps) {
          if (s.kind === 'resolve') {
            await call(supervisor, 'sync.run', {});
            const id = supervisor.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(ITEMS[s.item]!) as number;
            if ((await call(supervisor, 'conflicts.list', {})).conflicts.some((c) => c.itemId === id)) {
              await call(supervisor, 'conflict.resolve', { itemId: id, action: s.action, reason: 'settled by the model' });
            }
            continue;
          }
          const core = cores[s.ws]!;
          if (s.kind === 'lostAnswer') {
            const batch = outboxBatch(core.db, 500).map((b) => b.event);
            if (batch.length) await pushDirect(url, core, s.reversed ? batch.reverse() : batch);
          } else if (s.kind === 'decide') {
            const id = core.db.prepare('SELECT id, status FROM items WHERE external_id = ?').get(ITEMS[s.item]!) as {
              id: number;
              status: string;
            };
            // A decided item is reopened first, as a moderator would; a waiting one is decided.
            if (id.status !== 'new') continue;
            await call(core, 'decision.apply', { itemIds: [id.id], action: s.action });
          } else if (s.kind === 'sync') {
            await call(core, 'sync.run', {});
          } else {
            // A retry of everything this workstation already sent: every answer must be "duplicate".
            const rows = core.db
              .prepare(
                `SELECT e.id, e.client_id, e.client_seq, i.platform, i.external_id, e.action, e.base_version, e.actor, e.created_at
               FROM event_sync s JOIN events e ON e.id = s.event_id JOIN items i ON i.id = e.item_id WHERE e.client_id = ?`,
              )
              .all(core.db.prepare("SELECT value FROM meta WHERE key = 'client_id'").pluck().get()) as Record<string, unknown>[];
            if (!rows.length) continue;
            const events = rows.map((r) => ({
              id: r.id,
              clientId: r.client_id,
              clientSeq: r.client_seq,
              platform: r.platform,
              externalId: r.external_id,
              action: r.action,
              baseVersion: r.base_version,
              actor: r.actor,
              createdAt: r.created_at,
            }));
            const body = await pushDirect(url, core, events);
            expect(body.results.every((r) => r.status === 'duplicate')).toBe(true);
          }
        }
        // Everyone comes online: push all, then pull all.
        for (const c of all) await call(c, 'sync.run', {});
        for (const c of all) await call(c, 'sync.run', {});

        for (const c of all) expect((await call(c, 'sync.status', {})).outbox).toBe(0);
        const made = all.reduce(
          (n, c) =>
            n +
            (c.db
              .prepare("SELECT count(*) FROM events WHERE client_id = (SELECT value FROM meta WHERE key = 'client_id')")
              .pluck()
              .get() as number),
          0,
        );
        const pulled = (await (
          await fetch(`${url}/sync/pull?cursor=0&schemaVersion=${SYNC_SCHEMA_VERSION}`, {
            headers: { authorization: `Bearer ${tokenOf(cores[0]!)}` },
          })
        ).json()) as {
          events: { id: string; status: string; actor: string; payload?: { resolves?: string[] } | null }[];
        };
        expect(new Set(pulled.events.map((e) => e.id)).size).toBe(pulled.events.length);
        expect(pulled.events.length).toBe(made);
        for (const c of all) expect(c.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(made);
        const states = all.map((c) => c.db.prepare('SELECT external_id, status, version FROM items ORDER BY external_id').all());
        for (const st of states.slice(1)) expect(st).toEqual(states[0]);
        // Every conflict is known everywhere: settled by the resolution that names it, or open and listed.
        const settledBy = new Map<string, string>(
          pulled.events.filter((e) => e.status === 'accepted').flatMap((e) => (e.payload?.resolves ?? []).map((id) => [id, e.id] as const)),
        );
        settledSeen += settledBy.size;
        for (const c of all) {
          const known = new Map(
            (c.db.prepare('SELECT event_id, resolved_by FROM conflicts').all() as { event_id: string; resolved_by: string | null }[]).map(
              (r) => [r.event_id, r.resolved_by],
            ),
          );
          const listed = new Set((await call(c, 'conflicts.list', {})).conflicts.flatMap((v) => v.contenders.map((d) => d.eventId)));
          for (const e of pulled.events.filter((x) => x.status === 'conflict')) {
            expect(known.get(e.id)).toBe(settledBy.get(e.id) ?? null);
            expect(listed.has(e.id)).toBe(!settledBy.has(e.id));
          }
        }
        refusedSeen += pulled.events.filter((x) => x.status !== 'accepted').length;
        // Its author sees each refusal while it stands; a conflict a supervisor settled is over.
        for (const e of pulled.events.filter((x) => x.status !== 'accepted')) {
          const author = all[[...NAMES, SUPERVISOR].indexOf(e.actor)]!;
          const refused = (await call(author, 'sync.status', {})).refused.map((r) => r.eventId);
          if (settledBy.has(e.id)) expect(refused).not.toContain(e.id);
          else expect(refused).toContain(e.id);
        }
        await closeAll();
      }),
      { numRuns: 8, examples: [[conflict], [settled]] },
    );
    expect(settledSeen).toBeGreaterThan(0);
    // The runs did meet disagreements, not only agreement.
    expect(refusedSeen).toBeGreaterThan(0);
  }, 120_000);
});

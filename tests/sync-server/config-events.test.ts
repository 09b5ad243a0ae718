// Configuration documents in the server's log: a change is accepted only if it builds on the
// document's newest accepted change (otherwise refused with who changed it meanwhile), only as a
// valid whole document, and workstations read the changes in server order among decisions.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_PLATFORM } from '../../src/shared/config-sync';
import { SYNC_SCHEMA_VERSION, type PullResponse, type PushResponse, type SyncEvent } from '../../src/shared/sync';
import { event, onEachStore, push, stopCluster, storeKinds, testServer } from './helpers';

const kinds = await storeKinds();
afterAll(() => stopCluster());

let seq = 0;
const rules = (name: string) => ({ rules: [{ id: 'r-1', name, enabled: true, conditions: [], actions: { queue: 'complaints' } }] });

function change(doc: string, body: unknown, base: string | null, more: Partial<SyncEvent> = {}): SyncEvent {
  return {
    id: randomUUID(),
    clientId: 'ws-admin/config',
    clientSeq: ++seq,
    platform: CONFIG_PLATFORM,
    externalId: doc,
    action: 'config',
    baseVersion: 0,
    actor: 'root',
    createdAt: Date.UTC(2026, 10, 30, 8),
    payload: { base, doc: body },
    ...more,
  };
}

onEachStore(kinds, (kind) => {
  describe('configuration changes', () => {
    it('chains changes on the newest accepted one and refuses a stale base with who changed it and when', async () => {
      const s = await testServer(
        [
          ['root', 'admin'],
          ['ana', 'admin'],
        ],
        kind,
      );
      const root = await s.login('root');
      const ana = await s.login('ana');
      const first = change('rules', rules('first'), null);
      expect((await s.call<PushResponse>('POST', '/sync/push', root, push([first]))).body.results).toEqual([
        { id: first.id, status: 'accepted', seq: 1 },
      ]);

      // ana edits on top of the first; root, who had not seen hers, edits on top of the first too.
      s.clock.now = Date.UTC(2026, 10, 30, 14, 2);
      const hers = change('rules', rules('hers'), first.id, { clientId: 'ws-ana/config', actor: 'ana', baseVersion: 1 });
      expect((await s.call<PushResponse>('POST', '/sync/push', ana, push([hers]))).body.results[0]).toMatchObject({ status: 'accepted' });
      const stale = change('rules', rules('his'), first.id, { baseVersion: 1 });
      const refused = (await s.call<PushResponse>('POST', '/sync/push', root, push([stale]))).body.results[0]!;
      expect(refused).toMatchObject({
        status: 'rejected',
        reason: 'the routing rules changed by ana at 14:02 UTC meanwhile (now revision 2) — reload and re-apply',
      });

      // A first change to a document the server already has is stale too; another document is not.
      const blind = change('rules', rules('blind'), null);
      expect((await s.call<PushResponse>('POST', '/sync/push', root, push([blind]))).body.results[0]).toMatchObject({ status: 'rejected' });
      const other = change('thresholds', { thresholds: { 'spam-waves': 0.5, 'fake-reviews': 0.6, 'fake-accounts': 0.7, spam: 0.8 } }, null);
      expect((await s.call<PushResponse>('POST', '/sync/push', root, push([other]))).body.results[0]).toMatchObject({ status: 'accepted' });
      // Reloaded: on top of hers, accepted.
      const again = change('rules', rules('his again'), hers.id, { baseVersion: 2 });
      expect((await s.call<PushResponse>('POST', '/sync/push', root, push([again]))).body.results[0]).toMatchObject({ status: 'accepted' });
    });

    it('accepts changes chained within one batch and refuses the one built on a change the batch refused', async () => {
      const s = await testServer([['root', 'admin']], kind);
      const root = await s.login('root');
      const a = change(
        'template:thanks',
        { name: 'Thanks', body: 'Thanks {name}!', kind: 'reply', reason: null, tags: [], position: 0 },
        null,
      );
      const b = change(
        'template:thanks',
        { name: 'Thanks', body: 'Thank you, {name}!', kind: 'reply', reason: null, tags: [], position: 0 },
        a.id,
        { baseVersion: 1 },
      );
      const stale = change('template:thanks', { deleted: true }, a.id, { baseVersion: 1 });
      const onStale = change('template:thanks', { deleted: true }, stale.id, { baseVersion: 2 });
      const r = await s.call<PushResponse>('POST', '/sync/push', root, push([a, b, stale, onStale]));
      expect(r.body.results.map((x) => x.status)).toEqual(['accepted', 'accepted', 'rejected', 'rejected']);
      expect(r.body.results[2]!.reason).toMatch(/^reply template thanks changed by root at 09:00 UTC meanwhile \(now revision 2\)/);
    });

    it('refuses what is not a whole valid document, or a configuration change dressed as an item event', async () => {
      const s = await testServer([['root', 'admin']], kind);
      const root = await s.login('root');
      const bad = [
        change('rules', { rules: [{ name: 'no id', enabled: true, conditions: [], actions: { queue: 'q' } }] }, null),
        change('team:support', { name: 'Support', timeZone: 'Mars/Olympus', weekly: {}, holidays: [] }, null),
        change('nonsense', {}, null),
        change('rules', rules('x'), null, { platform: 'x' }),
        event({ platform: CONFIG_PLATFORM, externalId: 'rules', action: 'approve' }),
      ];
      const r = await s.call<PushResponse>('POST', '/sync/push', root, push(bad));
      expect(r.body.results.map((x) => x.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
      expect(r.body.results[0]!.reason).toMatch(/every rule travels with its id/);
      expect(r.body.results[2]!.reason).toBe('“nonsense” is not a configuration document');
      expect(r.body.results[3]!.reason).toMatch(/^configuration changes are config events on @config/);
    });

    it('judges a change against its document even when the batch puts a change dressed as an item event of the same name first', async () => {
      const s = await testServer([['root', 'admin']], kind);
      const root = await s.login('root');
      const first = change('rules', rules('first'), null);
      expect((await s.call<PushResponse>('POST', '/sync/push', root, push([first]))).body.results[0]).toMatchObject({ status: 'accepted' });
      const dressed = change('rules', rules('dressed'), first.id, { platform: 'x', baseVersion: 1 });
      const next = change('rules', rules('next'), first.id, { baseVersion: 1 });
      const r = await s.call<PushResponse>('POST', '/sync/push', root, push([dressed, next]));
      expect(r.body.results.map((x) => [x.id, x.status])).toEqual([
        [dressed.id, 'rejected'],
        [next.id, 'accepted'],
      ]);
    });

    it('hands changes out in server order among decisions, and not to workstations of an older schema', async () => {
      const s = await testServer(
        [
          ['ana', 'moderator'],
          ['root', 'admin'],
        ],
        kind,
      );
      const ana = await s.login('ana');
      const root = await s.login('root');
      await s.call('POST', '/sync/push', ana, push([event({ externalId: 'i1', actor: 'ana' })]));
      const c = change('rules', rules('first'), null);
      await s.call('POST', '/sync/push', root, push([c]));
      await s.call('POST', '/sync/push', ana, push([event({ externalId: 'i2', actor: 'ana' })]));
      const page = (await s.call<PullResponse>('GET', `/sync/pull?cursor=0&schemaVersion=${SYNC_SCHEMA_VERSION}`, ana)).body;
      expect(page.events.map((e) => [e.seq, e.externalId, e.status, e.by])).toEqual([
        [1, 'i1', 'accepted', 'ana'],
        [2, 'rules', 'accepted', 'root'],
        [3, 'i2', 'accepted', 'ana'],
      ]);
      expect(page.events[1]!.payload).toEqual({ base: null, doc: rules('first') });
      const old = (await s.call<PullResponse>('GET', '/sync/pull?cursor=0&schemaVersion=2', ana)).body;
      expect(old.events.map((e) => e.externalId)).toEqual(['i1', 'i2']);
      expect(old.cursor).toBe(3);
    });
  });
});

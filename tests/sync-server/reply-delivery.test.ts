// What became of a reply reaches every workstation, on each store: a reply made on one
// workstation is queued, a connector's acknowledgement (sent, or failed with a reason) comes
// back through the pull to it and to a teammate's workstation, shown on the reply in the
// item's history and the case timeline; a new workstation's snapshot brings it too; failed
// replies are counted for supervisors.
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/index';
import type { AckOutcome, OutboundResponse } from '../../src/shared/outbound';
import { SYNC_SCHEMA_VERSION } from '../../src/shared/sync';
import { call } from '../unit/call';
import { importRecords } from '../unit/core-helpers';
import { onEachStore, PASSWORD, stopCluster, storeKinds } from './helpers';
import { serve, workstation } from './loopback';

const kinds = await storeKinds();
afterAll(() => stopCluster());

async function connector(url: string) {
  const login = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'feed', password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const http = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!r.ok) throw new Error(`${path} ${r.status}: ${await r.text()}`);
    return (await r.json()) as T;
  };
  return {
    waiting: async () =>
      (await http<OutboundResponse>('GET', `/outbound?cursor=0&schemaVersion=${SYNC_SCHEMA_VERSION}`)).messages.filter(
        (m) => m.state === 'waiting',
      ),
    ack: async (...acks: object[]) =>
      (await http<{ results: AckOutcome[] }>('POST', '/outbound/ack', { schemaVersion: SYNC_SCHEMA_VERSION, acks })).results,
  };
}

const ITEMS = ['q1', 'q2'].map((id) => ({
  type: 'item',
  platform: 'x',
  id,
  kind: 'mention',
  text: `Where is my parcel ${id}?`,
  author: 'cust',
}));

const importItems = (core: Core) => importRecords(core, [{ type: 'account', platform: 'x', id: 'cust', handle: 'noor' }, ...ITEMS]);

const idOf = (core: Core, externalId: string) =>
  core.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(externalId) as number;

async function replyDelivery(core: Core, externalId: string) {
  const d = await call(core, 'item.detail', { itemId: idOf(core, externalId) });
  return d.events.filter((e) => e.action === 'reply').map((e) => e.delivery);
}

onEachStore(kinds, (kind) => {
  describe('what became of a reply', () => {
    it('is queued, then sent or failed as the connector says, on every workstation, in the history and the case timeline', async () => {
      const url = await serve(kind);
      const a = await workstation(url, 'ana');
      const b = await workstation(url, 'bo');
      for (const core of [a, b]) await importItems(core);
      await call(a, 'decision.apply', { itemIds: [idOf(a, 'q1')], action: 'reply', note: 'Hi Noor, it left the depot this morning.' });
      await call(a, 'decision.apply', { itemIds: [idOf(a, 'q2')], action: 'reply', note: 'Hi Noor, the second one is on its way too.' });
      // In this workstation's outbox until the server has it, then in the server's outbound queue.
      expect(await replyDelivery(a, 'q1')).toEqual([{ state: 'outbox', by: null, at: null, reason: null }]);
      await call(a, 'sync.run', {});
      expect(await replyDelivery(a, 'q1')).toEqual([{ state: 'queued', by: null, at: null, reason: null }]);
      await call(b, 'sync.run', {});
      expect(await replyDelivery(b, 'q1')).toEqual([{ state: 'queued', by: null, at: null, reason: null }]);

      const feed = await connector(url);
      const waiting = await feed.waiting();
      const byItem = new Map(waiting.map((m) => [m.externalId, m.eventId]));
      expect([...byItem.keys()].sort()).toEqual(['q1', 'q2']);
      const before = Date.now();
      expect(
        (
          await feed.ack(
            { eventId: byItem.get('q1'), status: 'sent', postedId: 'x-1' },
            { eventId: byItem.get('q2'), status: 'failed', reason: 'the account is suspended' },
          )
        ).map((r) => r.status),
      ).toEqual(['recorded', 'recorded']);

      for (const core of [a, b]) {
        const status = await call(core, 'sync.run', {});
        expect(status.failedReplies).toBe(1);
        const [sent] = await replyDelivery(core, 'q1');
        expect(sent).toMatchObject({ state: 'sent', by: 'feed', reason: null });
        expect(sent!.at).toBeGreaterThanOrEqual(before);
        expect(await replyDelivery(core, 'q2')).toEqual([
          expect.objectContaining({ state: 'failed', by: 'feed', reason: 'the account is suspended' }),
        ]);
        const c = await call(core, 'case.get', { itemId: idOf(core, 'q2') });
        expect(
          c.timeline
            .filter((t) => t.action === 'reply')
            .map((t) => [t.itemId, t.delivery?.state, t.delivery?.reason ?? null])
            .sort(),
        ).toEqual(
          [
            [idOf(core, 'q1'), 'sent', null],
            [idOf(core, 'q2'), 'failed', 'the account is suspended'],
          ].sort(),
        );
      }

      // The retry worked: the failure is gone from the count everywhere, and a new workstation's snapshot brings the same.
      await feed.ack({ eventId: byItem.get('q2'), status: 'sent' });
      await call(b, 'sync.run', {});
      expect((await call(b, 'sync.status', {})).failedReplies).toBe(0);
      expect(await replyDelivery(b, 'q2')).toEqual([expect.objectContaining({ state: 'sent', by: 'feed' })]);
      const c = await workstation(url, 'cy', { snapshotAbove: 0 });
      await importItems(c);
      await call(c, 'sync.run', {});
      expect(c.db.prepare('SELECT count(*) FROM reply_deliveries').pluck().get()).toBe(2);
      expect(await replyDelivery(c, 'q1')).toEqual([expect.objectContaining({ state: 'sent', by: 'feed' })]);
      expect(await replyDelivery(c, 'q2')).toEqual([expect.objectContaining({ state: 'sent', by: 'feed' })]);
    });
  });
});

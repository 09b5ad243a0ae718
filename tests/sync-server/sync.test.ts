// The push and pull protocol on the server: idempotent on event id, a per-event outcome, a
// conflict when two decisions on the same item version disagree, rejected events kept with
// their reason, pages in server order.
import { afterAll, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse } from '../../src/shared/sync';
import { SYNC_SCHEMA_VERSION } from '../../src/shared/sync';
import { event, push, onEachStore, storeKinds, stopCluster, testServer } from './helpers';

const pull = (cursor: number, limit?: number) =>
  `/sync/pull?cursor=${cursor}&schemaVersion=${SYNC_SCHEMA_VERSION}${limit ? `&limit=${limit}` : ''}`;

const kinds = await storeKinds();
afterAll(() => stopCluster());

onEachStore(kinds, (kind) => {
  describe('push', () => {
    it('stores each event once: a second push of the same batch is all duplicates with the first sequence numbers', async () => {
      const s = await testServer(undefined, kind);
      const token = await s.login('ana');
      const batch = [
        event({ externalId: 'i1' }),
        event({ externalId: 'i2', action: 'spam' }),
        event({ externalId: 'i1', action: 'label', baseVersion: 1, labels: ['vip'] }),
      ];
      const first = await s.call<PushResponse>('POST', '/sync/push', token, push(batch));
      expect(first.status).toBe(200);
      expect(first.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
      expect(first.body.head).toBe(3);
      const again = await s.call<PushResponse>('POST', '/sync/push', token, push(batch));
      expect(again.body.results.map((r) => [r.status, r.seq])).toEqual(first.body.results.map((r) => ['duplicate', r.seq]));
      expect(again.body.head).toBe(3);
    });

    it('makes a conflict of two different decisions on the same version, and accepts two that agree', async () => {
      const s = await testServer(undefined, kind);
      const ana = await s.login('ana');
      const sam = await s.login('sam');
      const a = await s.call<PushResponse>('POST', '/sync/push', ana, push([event({ externalId: 'x1', action: 'approve', actor: 'ana' })]));
      expect(a.body.results[0]!.status).toBe('accepted');
      const b = await s.call<PushResponse>(
        'POST',
        '/sync/push',
        sam,
        push([event({ clientId: 'ws-b', externalId: 'x1', action: 'remove', actor: 'sam' })]),
      );
      expect(b.body.results[0]).toMatchObject({
        status: 'conflict',
        reason: 'sam decided remove while ana had decided approve on the same version',
      });
      const c = await s.call<PushResponse>(
        'POST',
        '/sync/push',
        sam,
        push([event({ clientId: 'ws-b', externalId: 'x1', action: 'approve', actor: 'sam' })]),
      );
      expect(c.body.results[0]!.status).toBe('accepted');
      // Notes and labels made meanwhile never conflict.
      const d = await s.call<PushResponse>(
        'POST',
        '/sync/push',
        sam,
        push([event({ clientId: 'ws-b', externalId: 'x1', action: 'note', note: 'seen', actor: 'sam' })]),
      );
      expect(d.body.results[0]!.status).toBe('accepted');
    });

    it('rejects, and keeps with its reason, an event that reuses a client sequence or undoes an unknown one', async () => {
      const s = await testServer(undefined, kind);
      const token = await s.login('ana');
      const original = event({ clientSeq: 9001 });
      await s.call('POST', '/sync/push', token, push([original]));
      const reused = event({ clientSeq: 9001 });
      const undo = event({ action: 'undo', undoOf: '0199c1de-0000-7000-8000-000000000000', baseVersion: 1 });
      const r = await s.call<PushResponse>('POST', '/sync/push', token, push([reused, undo]));
      expect(r.body.results.map((x) => [x.status, x.reason])).toEqual([
        ['rejected', `client sequence 9001 was already used by event ${original.id}`],
        ['rejected', 'it undoes an event the log does not have'],
      ]);
      const page = await s.call<PullResponse>('GET', pull(0), token);
      expect(page.body.events.map((e) => [e.id, e.status])).toEqual([
        [original.id, 'accepted'],
        [reused.id, 'rejected'],
        [undo.id, 'rejected'],
      ]);
    });
  });

  describe('pull', () => {
    it('pages through every event in server order with a cursor', async () => {
      const s = await testServer(undefined, kind);
      const token = await s.login('ana');
      const events = Array.from({ length: 25 }, (_, i) => event({ externalId: `p${i}` }));
      await s.call('POST', '/sync/push', token, push(events));
      const seen: string[] = [];
      let cursor = 0;
      for (let pages = 0; pages < 10; pages++) {
        const r = await s.call<PullResponse>('GET', pull(cursor, 10), token);
        seen.push(...r.body.events.map((e) => e.id));
        expect(r.body.events.every((e) => e.by === 'ana' && e.status === 'accepted')).toBe(true);
        cursor = r.body.cursor;
        if (!r.body.more) break;
      }
      expect(seen).toEqual(events.map((e) => e.id));
      const empty = await s.call<PullResponse>('GET', pull(cursor), token);
      expect(empty.body).toEqual({
        events: [],
        content: [],
        acks: [],
        cursor,
        more: false,
        head: 25,
        log: expect.objectContaining({ size: 25, proof: [] }),
      });
    });
  });
});

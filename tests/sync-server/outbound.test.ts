// The outbound queue on each store: a connector reads accepted replies in server order, with
// their text and case reference, and acknowledges them as sent or failed; a sent reply stays
// sent; an undone reply nobody sent is cancelled; people who decide cannot read the queue;
// what connectors said reaches workstations in pulls and snapshots, in server order.
import { afterAll, describe, expect, it } from 'vitest';
import type { AckOutcome, OutboundResponse } from '../../src/shared/outbound';
import { SYNC_SCHEMA_VERSION, type PullResponse, type SnapshotLine } from '../../src/shared/sync';
import { event, onEachStore, push, stopCluster, storeKinds, testServer } from './helpers';

const kinds = await storeKinds();
afterAll(() => stopCluster());

const USERS: [string, 'moderator' | 'admin' | 'connector'][] = [
  ['ana', 'moderator'],
  ['root', 'admin'],
  ['feed', 'connector'],
];
const list = (cursor: number, limit?: number) =>
  `/outbound?cursor=${cursor}&schemaVersion=${SYNC_SCHEMA_VERSION}${limit ? `&limit=${limit}` : ''}`;
const acks = (...a: unknown[]) => ({ schemaVersion: SYNC_SCHEMA_VERSION, acks: a });
const pull = (cursor: number, limit?: number, schemaVersion = SYNC_SCHEMA_VERSION) =>
  `/sync/pull?cursor=${cursor}&schemaVersion=${schemaVersion}${limit ? `&limit=${limit}` : ''}`;

onEachStore(kinds, (kind) => {
  describe('the outbound queue', () => {
    it('lists accepted replies in server order, page by page, and records what the connector says of each', async () => {
      const s = await testServer(USERS, kind);
      const [ana, feed] = await Promise.all([s.login('ana'), s.login('feed')]);
      const r1 = event({
        externalId: 'i1',
        action: 'reply',
        note: 'Hi Noor, your parcel left today.',
        payload: { templateId: 'thanks', caseRef: 'VG-ABC123' },
      });
      const other = event({ externalId: 'i2', action: 'approve' });
      const r2 = event({ externalId: 'i3', action: 'reply', note: 'Hi Sam, fixed.' });
      // Built on version 0 of i2 like the approval: a different decision on the same version is a conflict, never sent.
      const clash = event({ externalId: 'i2', action: 'reply', note: 'A clash', actor: 'bo' });
      expect((await s.call('POST', '/sync/push', ana, push([r1, other, r2]))).status).toBe(200);
      await s.call('POST', '/sync/push', ana, push([clash]));

      const first = await s.call<OutboundResponse>('GET', list(0, 1), feed);
      expect(first.status).toBe(200);
      expect(first.body.more).toBe(true);
      expect(first.body.messages).toEqual([
        expect.objectContaining({
          eventId: r1.id,
          platform: 'x',
          externalId: 'i1',
          text: 'Hi Noor, your parcel left today.',
          caseRef: 'VG-ABC123',
          templateId: 'thanks',
          actor: 'ana',
          state: 'waiting',
          reason: null,
        }),
      ]);
      const rest = await s.call<OutboundResponse>('GET', list(first.body.cursor), feed);
      expect(rest.body.messages.map((m) => [m.eventId, m.caseRef])).toEqual([[r2.id, null]]);
      expect(rest.body.more).toBe(false);
      expect((await s.call<OutboundResponse>('GET', list(rest.body.cursor), feed)).body).toEqual({
        messages: [],
        cursor: rest.body.cursor,
        more: false,
      });

      const acked = await s.call<{ results: AckOutcome[] }>(
        'POST',
        '/outbound/ack',
        feed,
        acks(
          { eventId: r1.id, status: 'sent', postedId: 'post-9' },
          { eventId: r2.id, status: 'failed', reason: 'rate limited' },
          { eventId: other.id, status: 'sent' },
          { eventId: clash.id, status: 'sent' },
        ),
      );
      expect(acked.body.results).toEqual([
        { eventId: r1.id, status: 'recorded' },
        { eventId: r2.id, status: 'recorded' },
        { eventId: other.id, status: 'unknown', reason: 'no accepted reply has this id' },
        { eventId: clash.id, status: 'unknown', reason: 'no accepted reply has this id' },
      ]);
      // A retry that worked; a sent one cannot fail afterwards; the same ack twice is a duplicate.
      const again = await s.call<{ results: AckOutcome[] }>(
        'POST',
        '/outbound/ack',
        feed,
        acks(
          { eventId: r2.id, status: 'sent' },
          { eventId: r1.id, status: 'failed', reason: 'oops' },
          { eventId: r1.id, status: 'sent', postedId: 'post-9' },
        ),
      );
      expect(again.body.results.map((r) => r.status)).toEqual(['recorded', 'refused', 'duplicate']);
      const after = await s.call<OutboundResponse>('GET', list(0), feed);
      expect(after.body.messages.map((m) => [m.state, m.postedId, m.ackedAt])).toEqual([
        ['sent', 'post-9', s.clock.now],
        ['sent', null, s.clock.now],
      ]);
    });

    it('cancels a reply undone before anyone sent it, and keeps a sent one sent', async () => {
      const s = await testServer(USERS, kind);
      const [ana, root] = await Promise.all([s.login('ana'), s.login('root')]);
      const r1 = event({ externalId: 'u1', action: 'reply', note: 'one' });
      const r2 = event({ externalId: 'u2', action: 'reply', note: 'two' });
      await s.call('POST', '/sync/push', ana, push([r1, r2]));
      await s.call('POST', '/outbound/ack', root, acks({ eventId: r2.id, status: 'sent' }));
      await s.call(
        'POST',
        '/sync/push',
        ana,
        push([
          event({ externalId: 'u1', action: 'undo', undoOf: r1.id, baseVersion: 1 }),
          event({ externalId: 'u2', action: 'undo', undoOf: r2.id, baseVersion: 1 }),
        ]),
      );
      const r = await s.call<OutboundResponse>('GET', list(0), root);
      expect(r.body.messages.map((m) => m.state)).toEqual(['cancelled', 'sent']);
    });

    it('checks what it is sent', async () => {
      const s = await testServer(USERS, kind);
      const feed = await s.login('feed');
      const bad = await s.call<{ error: { code: string; message: string } }>(
        'POST',
        '/outbound/ack',
        feed,
        acks({ eventId: '0190a0a0-0000-7000-8000-000000000000', status: 'failed' }),
      );
      expect(bad).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_request', message: expect.stringContaining('a failure needs its reason') } },
      });
      expect((await s.call('GET', '/outbound?cursor=0', feed)).status).toBe(400);
      expect((await s.call('GET', `/outbound?cursor=0&schemaVersion=${SYNC_SCHEMA_VERSION}`, await s.login('ana'))).status).toBe(403);
    });

    it('hands what connectors said to workstations in the pulls and the snapshot, each recorded acknowledgement in its place in the order', async () => {
      const s = await testServer([...USERS, ['sam', 'supervisor']], kind);
      const [ana, feed, sam] = await Promise.all([s.login('ana'), s.login('feed'), s.login('sam')]);
      const r1 = event({ externalId: 'p1', action: 'reply', note: 'one' });
      const r2 = event({ externalId: 'p2', action: 'reply', note: 'two' });
      await s.call('POST', '/sync/push', ana, push([r1, r2]));
      const before = (await s.call<PullResponse>('GET', pull(0), sam)).body;
      expect(before.acks).toEqual([]);

      s.clock.now += 60_000;
      await s.call(
        'POST',
        '/outbound/ack',
        feed,
        acks({ eventId: r1.id, status: 'failed', reason: 'rate limited' }, { eventId: r2.id, status: 'sent', postedId: 'x-77' }),
      );
      const failedAt = s.clock.now;
      const page = (await s.call<PullResponse>('GET', pull(before.cursor), sam)).body;
      expect(page.events).toEqual([]);
      expect(page.acks).toEqual([
        { seq: before.cursor + 1, eventId: r1.id, status: 'failed', reason: 'rate limited', postedId: null, by: 'feed', at: failedAt },
        { seq: before.cursor + 2, eventId: r2.id, status: 'sent', reason: null, postedId: 'x-77', by: 'feed', at: failedAt },
      ]);
      expect(page.head).toBe(before.cursor + 2);

      // A retry that worked takes a later number; a duplicate or a refused one takes none.
      s.clock.now += 60_000;
      await s.call(
        'POST',
        '/outbound/ack',
        feed,
        acks(
          { eventId: r1.id, status: 'sent' },
          { eventId: r2.id, status: 'sent', postedId: 'x-77' },
          { eventId: r2.id, status: 'failed', reason: 'late' },
        ),
      );
      const later = event({ externalId: 'p3', action: 'approve' });
      await s.call('POST', '/sync/push', ana, push([later]));
      const first = (await s.call<PullResponse>('GET', pull(page.cursor, 1), sam)).body;
      expect(first.acks).toEqual([
        expect.objectContaining({ eventId: r1.id, status: 'sent', reason: null, at: s.clock.now, seq: page.cursor + 1 }),
      ]);
      expect(first.events).toEqual([]);
      expect(first.more).toBe(true);
      const rest = (await s.call<PullResponse>('GET', pull(first.cursor, 1), sam)).body;
      expect(rest.events.map((e) => [e.id, e.seq])).toEqual([[later.id, page.cursor + 2]]);
      expect(rest.acks).toEqual([]);

      // An older workstation (schema 2) is given events and content only.
      expect((await s.call<PullResponse>('GET', pull(0, undefined, 2), sam)).body).not.toHaveProperty('acks');

      // The snapshot: every acknowledgement as it now stands, after the events it names.
      const snap = await s.app.inject({
        method: 'GET',
        url: `/sync/snapshot?schemaVersion=${SYNC_SCHEMA_VERSION}`,
        headers: { authorization: `Bearer ${sam}` },
      });
      const lines = snap.body
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as SnapshotLine);
      expect(lines[0]).toEqual({ type: 'head', seq: rest.head, content: 0, events: 3, acks: 2, log: expect.objectContaining({ size: 3 }) });
      expect(lines.map((l) => l.type)).toEqual(['head', 'event', 'event', 'event', 'ack', 'ack', 'end']);
      expect(
        lines.filter((l) => l.type === 'ack').map((l) => (l.type === 'ack' ? [l.ack.eventId, l.ack.status, l.ack.postedId] : null)),
      ).toEqual([
        [r2.id, 'sent', 'x-77'],
        [r1.id, 'sent', null],
      ]);
      const old = await s.app.inject({ method: 'GET', url: '/sync/snapshot?schemaVersion=2', headers: { authorization: `Bearer ${sam}` } });
      expect(old.body).not.toContain('"type":"ack"');
    });
  });
});

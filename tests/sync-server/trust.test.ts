// The record can be trusted: the author of every stored event is the signed-in user who pushed
// it, every action is judged by the team's rules (shared/event-rules.ts) with what the server
// knows, and one event the server will not or cannot store is refused on its own. Each
// finding of the security review is a case here, on both stores.
import { afterAll, describe, expect, it } from 'vitest';
import { SYNC_SCHEMA_VERSION, type PullResponse, type PushResponse } from '../../src/shared/sync';
import { event, push, pushAs, onEachStore, storeKinds, stopCluster, testServer, type TestServer } from './helpers';

const kinds = await storeKinds();
afterAll(() => stopCluster());

const USERS: [string, 'moderator' | 'supervisor' | 'connector'][] = [
  ['ana', 'moderator'],
  ['bo', 'moderator'],
  ['sam', 'supervisor'],
  ['feed', 'connector'],
];

async function pulled(s: TestServer, token: string, schemaVersion = SYNC_SCHEMA_VERSION) {
  const r = await s.call<PullResponse>('GET', `/sync/pull?cursor=0&schemaVersion=${schemaVersion}`, token);
  expect(r.status).toBe(200);
  return r.body.events;
}

onEachStore(kinds, (kind) => {
  async function team() {
    const s = await testServer(USERS, kind);
    return { s, ana: await s.login('ana'), bo: await s.login('bo'), sam: await s.login('sam') };
  }

  describe('the author of record', () => {
    it('is the signed-in user, whatever name the event carries; the name written is kept as a hint only', async () => {
      const { s, ana } = await team();
      const [r] = await pushAs(s, ana, [event({ clientId: 'a', action: 'remove', actor: 'sam' })]);
      expect(r!.status).toBe('accepted');
      const [e] = await pulled(s, ana);
      expect(e).toMatchObject({ by: 'ana', role: 'moderator', actor: 'sam', action: 'remove' });
      // A workstation of the schema before `by` reads `actor`: it gets the proven author there.
      const [old] = await pulled(s, ana, 3);
      expect(old).toMatchObject({ by: 'ana', actor: 'ana' });
    });

    it('keeps the role the author had when the event was pushed', async () => {
      const { s, sam } = await team();
      await pushAs(s, sam, [event({ clientId: 's', action: 'approve', actor: 'sam' })]);
      const [e] = await pulled(s, sam);
      expect(e).toMatchObject({ by: 'sam', role: 'supervisor' });
    });

    it("refuses a client id another user's workstation already pushed with, and another user's event id", async () => {
      const { s, ana, bo } = await team();
      const mine = event({ clientId: 'ana-ws', externalId: 'm1', action: 'approve' });
      await pushAs(s, ana, [mine]);
      const [stolenClient, stolenId] = await pushAs(s, bo, [
        event({ clientId: 'ana-ws', externalId: 'm2', action: 'remove' }),
        { ...mine, clientId: 'bo-ws', action: 'remove' },
      ]);
      expect(stolenClient).toMatchObject({ status: 'rejected', reason: 'client ana-ws is another user’s workstation' });
      expect(stolenId).toMatchObject({ status: 'rejected', seq: 0, reason: 'this event id is another user’s event' });
      // ana's own replay is answered with what became of the first.
      const [again] = await pushAs(s, ana, [mine]);
      expect(again).toMatchObject({ status: 'duplicate', stored: 'accepted' });
    });
  });

  describe('undo', () => {
    it('refuses an undo of an undo, a second undo of one event, and an undo of an event on another item', async () => {
      const { s, ana } = await team();
      const d = event({ clientId: 'a', externalId: 'm1', action: 'approve' });
      const other = event({ clientId: 'a', externalId: 'm2', action: 'approve' });
      const u1 = event({ clientId: 'a', externalId: 'm1', action: 'undo', undoOf: d.id, baseVersion: 1 });
      const results = await pushAs(s, ana, [
        d,
        other,
        u1,
        event({ clientId: 'a', externalId: 'm1', action: 'undo', undoOf: d.id, baseVersion: 2 }),
        event({ clientId: 'a', externalId: 'm1', action: 'undo', undoOf: u1.id, baseVersion: 2 }),
        event({ clientId: 'a', externalId: 'm1', action: 'undo', undoOf: other.id, baseVersion: 2 }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected', 'rejected', 'rejected']);
      expect(results.slice(3).map((r) => r.reason)).toEqual([
        'that event was already undone',
        'an undo cannot itself be undone; decide again instead',
        'it undoes an event on another item',
      ]);
      // The same, in separate pushes (the first undo already stored).
      const [later] = await pushAs(s, ana, [event({ clientId: 'a', externalId: 'm1', action: 'undo', undoOf: d.id, baseVersion: 2 })]);
      expect(later).toMatchObject({ status: 'rejected', reason: 'that event was already undone' });
    });

    it("lets a moderator undo only her own work; a supervisor undoes anyone's; a resolution only a supervisor", async () => {
      const { s, ana, bo, sam } = await team();
      const d = event({ clientId: 'a', externalId: 'm1', action: 'remove' });
      await pushAs(s, ana, [d]);
      const [byBo] = await pushAs(s, bo, [event({ clientId: 'b', externalId: 'm1', action: 'undo', undoOf: d.id, baseVersion: 1 })]);
      expect(byBo).toMatchObject({ status: 'rejected', reason: 'only ana (or a supervisor) undoes ana’s remove' });
      const [bySam] = await pushAs(s, sam, [event({ clientId: 's', externalId: 'm1', action: 'undo', undoOf: d.id, baseVersion: 1 })]);
      expect(bySam!.status).toBe('accepted');

      // A conflict on m2, resolved by sam; ana may not undo the resolution, even as its "author".
      await pushAs(s, ana, [event({ clientId: 'a', externalId: 'm2', action: 'approve' })]);
      const [c] = await pushAs(s, bo, [event({ clientId: 'b', externalId: 'm2', action: 'remove' })]);
      expect(c!.status).toBe('conflict');
      const resolution = event({
        clientId: 's',
        externalId: 'm2',
        action: 'spam',
        actor: 'ana',
        reason: 'spam links',
        payload: { resolves: [c!.id] },
      });
      expect((await pushAs(s, sam, [resolution]))[0]!.status).toBe('accepted');
      const [undoByAna] = await pushAs(s, ana, [
        event({ clientId: 'a', externalId: 'm2', action: 'undo', undoOf: resolution.id, baseVersion: 2, actor: 'sam' }),
      ]);
      expect(undoByAna).toMatchObject({ status: 'rejected', reason: 'only a supervisor undoes a conflict resolution; ana is a moderator' });
      // A conflicting decision is not undone either: a supervisor resolves it.
      const [undoConflict] = await pushAs(s, bo, [
        event({ clientId: 'b', externalId: 'm2', action: 'undo', undoOf: c!.id, baseVersion: 2 }),
      ]);
      expect(undoConflict!.reason).toMatch(/in conflict/);
    });
  });

  describe('holding items and cases', () => {
    it('lets only the holder (or a supervisor) hand over or release a held item; hand-overs go to active people', async () => {
      const { s, ana, bo, sam } = await team();
      await pushAs(s, bo, [event({ clientId: 'b', externalId: 'm1', action: 'claim', payload: { until: s.clock.now + 600_000 } })]);
      const [handover, release] = await pushAs(s, ana, [
        event({ clientId: 'a', externalId: 'm1', action: 'handover', payload: { to: 'ana' }, actor: 'bo' }),
        event({ clientId: 'a', externalId: 'm1', action: 'release', actor: 'bo' }),
      ]);
      expect(handover).toMatchObject({ status: 'rejected', reason: 'bo holds this item: only they (or a supervisor) hand it over' });
      expect(release!.reason).toMatch(/bo holds this item/);
      const leases = await s.call<{ leases: { holder: string }[] }>('GET', '/sync/leases', ana);
      expect(leases.body.leases.map((l) => l.holder)).toEqual(['bo']);

      const [toNobody, toFeed, toAna] = await pushAs(s, sam, [
        event({ clientId: 's', externalId: 'm1', action: 'handover', payload: { to: 'nobody' } }),
        event({ clientId: 's', externalId: 'm1', action: 'handover', payload: { to: 'feed' } }),
        event({ clientId: 's', externalId: 'm1', action: 'handover', payload: { to: 'ana' } }),
      ]);
      expect(toNobody!.reason).toBe('there is no user called nobody');
      expect(toFeed!.reason).toMatch(/feed cannot take work/);
      expect(toAna!.status).toBe('accepted');
      expect((await s.call<{ leases: { holder: string }[] }>('GET', '/sync/leases', ana)).body.leases.map((l) => l.holder)).toEqual([
        'ana',
      ]);
    });

    it("lets only a case's owner hand it over or resolve it; taking an owned case changes nothing", async () => {
      const { s, ana, bo, sam } = await team();
      await pushAs(s, ana, [event({ clientId: 'a', externalId: 'root', action: 'case-take' })]);
      const [take, handover, resolve] = await pushAs(s, bo, [
        event({ clientId: 'b', externalId: 'root', action: 'case-take' }),
        event({ clientId: 'b', externalId: 'root', action: 'case-handover', payload: { to: 'bo' }, actor: 'ana' }),
        event({ clientId: 'b', externalId: 'root', action: 'case-resolve', payload: { outcome: 'answered' } }),
      ]);
      expect(take!.status).toBe('accepted');
      expect(handover).toMatchObject({ status: 'rejected', reason: 'ana owns this case: only the owner (or a supervisor) hands over it' });
      expect(resolve!.reason).toMatch(/^ana owns this case/);
      const [byOwner] = await pushAs(s, ana, [
        event({ clientId: 'a', externalId: 'root', action: 'case-handover', payload: { to: 'bo' } }),
      ]);
      expect(byOwner!.status).toBe('accepted');
      const [nowBo] = await pushAs(s, bo, [
        event({ clientId: 'b', externalId: 'root', action: 'case-resolve', payload: { outcome: 'answered' } }),
      ]);
      expect(nowBo!.status).toBe('accepted');
      // An undone hand-over gives the case back: ana owns it again.
      const [reopen] = await pushAs(s, sam, [event({ clientId: 's', externalId: 'root', action: 'case-reopen' })]);
      expect(reopen!.status).toBe('accepted');
    });
  });

  describe('one bad event is refused alone', () => {
    it('refuses an event with a NUL character, a payload nested 100,000 deep or of the wrong shape, and stores the rest', async () => {
      const { s, ana } = await team();
      const good = event({ clientId: 'a', externalId: 'm1', action: 'approve' });
      // Written as text: a value this deep cannot even be turned into JSON by JSON.stringify.
      const deep = `${JSON.stringify(event({ clientId: 'a', externalId: 'm3', action: 'label' })).slice(0, -1)},"payload":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
      const parts = [
        event({ clientId: 'a', externalId: 'm\u00001', action: 'remove' }),
        event({ clientId: 'a', externalId: 'm2', action: 'note', note: 'fine', payload: { x: 'a\u0000b' } }),
        null,
        { ...event({ clientId: 'a', externalId: 'm4' }), action: 'explode' },
        { ...event({ clientId: 'a', externalId: 'm5' }), payload: { big: 'x'.repeat(70_000) } },
        good,
      ].map((e) => (e === null ? deep : JSON.stringify(e)));
      const r = await s.app.inject({
        method: 'POST',
        url: '/sync/push',
        headers: { authorization: `Bearer ${ana}`, 'content-type': 'application/json' },
        payload: `{"schemaVersion":${SYNC_SCHEMA_VERSION},"events":[${parts.join(',')}]}`,
      });
      expect(r.statusCode).toBe(200);
      const { results } = r.json<PushResponse>();
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'accepted']);
      expect(results[0]!.reason).toBe('the event contains a NUL character');
      expect(results[1]!.reason).toBe('the event contains a NUL character');
      expect(results[2]!.reason).toBe('the event nests deeper than 16 levels');
      expect(results[3]!.reason).toMatch(/^action: /);
      expect(results[4]!.reason).toMatch(/larger than 64 KiB/);
      expect(results.slice(0, 5).every((r) => r.seq === 0)).toBe(true);
      const events = await pulled(s, ana);
      expect(events.map((e) => e.id)).toEqual([good.id]);
    });

    it('answers 400 for the whole request only when an event has no id to answer it by', async () => {
      const { s, ana } = await team();
      const r = await s.call('POST', '/sync/push', ana, push([{ ...event(), id: 'not-a-uuid' }]));
      expect(r.status).toBe(400);
    });
  });

  it('refuses pushes from a connector (a machine posts content, it does not decide)', async () => {
    const { s } = await team();
    const feed = await s.login('feed');
    const r = await s.call('POST', '/sync/push', feed, push([event({ clientId: 'f' })]));
    expect(r.status).toBe(403);
  });

  it('a duplicate says what became of the first, refusals included', async () => {
    const { s, ana } = await team();
    const bad = event({ clientId: 'a', action: 'undo', undoOf: '00000000-0000-4000-8000-000000000000' });
    const [first] = await pushAs(s, ana, [bad]);
    expect(first!.status).toBe('rejected');
    const [again] = await pushAs(s, ana, [bad]);
    expect(again).toMatchObject({ status: 'duplicate', stored: 'rejected', seq: first!.seq, reason: first!.reason });
  });
});

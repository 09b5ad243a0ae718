// A conflict is settled only by a supervisor's resolution, itself an event naming what it
// settles; claims are leases the server grants (one holder at a time, with an end), and work
// on an item someone else held is kept and flagged.
import { afterAll, describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MAX_MS, type LeasesResponse } from '../../src/shared/sync';
import { event, pushAs, onEachStore, storeKinds, stopCluster, testServer } from './helpers';

const kinds = await storeKinds();
afterAll(() => stopCluster());

const USERS: [string, 'moderator' | 'supervisor'][] = [
  ['ana', 'moderator'],
  ['bo', 'moderator'],
  ['sam', 'supervisor'],
];

onEachStore(kinds, (kind) => {
  describe('resolutions', () => {
    /** ana approves x1, bo removes it on the same version: a conflict. */
    async function conflicted() {
      const s = await testServer(USERS, kind);
      const [ana, bo, sam] = [await s.login('ana'), await s.login('bo'), await s.login('sam')];
      await pushAs(s, ana, [event({ clientId: 'a', externalId: 'x1', action: 'approve', actor: 'ana' })]);
      const [c] = await pushAs(s, bo, [event({ clientId: 'b', externalId: 'x1', action: 'remove', actor: 'bo' })]);
      expect(c!.status).toBe('conflict');
      return { s, ana, bo, sam, conflictId: c!.id };
    }

    it("accepts a supervisor's resolution naming the conflict, whatever version it was made on", async () => {
      const { s, sam, conflictId } = await conflicted();
      const [r] = await pushAs(s, sam, [
        event({
          clientId: 's',
          externalId: 'x1',
          action: 'remove',
          actor: 'sam',
          baseVersion: 0,
          reason: 'spam links',
          payload: { resolves: [conflictId] },
        }),
      ]);
      expect(r).toMatchObject({ status: 'accepted' });
      expect(r!.reason).toBeUndefined();
    });

    it('refuses a resolution without a reason, even from a supervisor whose client skipped the check', async () => {
      const { s, sam, conflictId } = await conflicted();
      const resolve = (reason?: string) =>
        event({
          clientId: 's',
          externalId: 'x1',
          action: 'remove',
          actor: 'sam',
          baseVersion: 0,
          payload: { resolves: [conflictId] },
          ...(reason === undefined ? {} : { reason }),
        });
      const [none] = await pushAs(s, sam, [resolve()]);
      expect(none).toMatchObject({ status: 'rejected', reason: 'a conflict resolution says why (a reason of 3 characters or more)' });
      const [blank] = await pushAs(s, sam, [resolve('   ')]);
      expect(blank).toMatchObject({ status: 'rejected' });
      // Still open: the refused resolutions settled nothing, and one with a reason does.
      const [settled] = await pushAs(s, sam, [resolve('links to a known scam')]);
      expect(settled).toMatchObject({ status: 'accepted' });
    });

    it("refuses a moderator's resolution, and one naming what is not a conflict of this item", async () => {
      const { s, ana, sam, conflictId } = await conflicted();
      const [byModerator] = await pushAs(s, ana, [
        event({ clientId: 'a', externalId: 'x1', action: 'approve', actor: 'ana', baseVersion: 1, payload: { resolves: [conflictId] } }),
      ]);
      expect(byModerator).toMatchObject({ status: 'rejected', reason: 'only a supervisor resolves a conflict; ana is a moderator' });
      const [elsewhere] = await pushAs(s, sam, [
        event({ clientId: 's', externalId: 'x2', action: 'approve', actor: 'sam', reason: 'fine', payload: { resolves: [conflictId] } }),
      ]);
      expect(elsewhere).toMatchObject({ status: 'rejected', reason: `event ${conflictId} is a conflict on another item` });
      const accepted = (
        await s.call<{ events: { id: string; status: string }[] }>('GET', '/sync/pull?cursor=0&schemaVersion=1', sam)
      ).body.events.find((e) => e.status === 'accepted')!;
      const [notConflict] = await pushAs(s, sam, [
        event({
          clientId: 's',
          externalId: 'x1',
          action: 'approve',
          actor: 'sam',
          baseVersion: 1,
          reason: 'fine',
          payload: { resolves: [accepted.id] },
        }),
      ]);
      expect(notConflict).toMatchObject({ status: 'rejected', reason: `event ${accepted.id} is not a conflict the server has` });
    });

    it('settles a conflict pushed in the same batch as its resolution', async () => {
      const s = await testServer(USERS, kind);
      const sam = await s.login('sam');
      const first = event({ clientId: 's', externalId: 'y1', action: 'approve', actor: 'ana' });
      const clash = event({ clientId: 's', externalId: 'y1', action: 'spam', actor: 'bo' });
      const settle = event({
        clientId: 's',
        externalId: 'y1',
        action: 'spam',
        actor: 'sam',
        baseVersion: 1,
        reason: 'spam ring',
        payload: { resolves: [clash.id] },
      });
      expect((await pushAs(s, sam, [first, clash, settle])).map((r) => r.status)).toEqual(['accepted', 'conflict', 'accepted']);
    });
  });

  describe('claims as leases', () => {
    const T0 = Date.UTC(2026, 10, 30, 9);

    it('grants one holder at a time until the lease ends; a release or the end frees the item', async () => {
      const s = await testServer(USERS, kind);
      const [ana, bo] = [await s.login('ana'), await s.login('bo')];
      const [granted] = await pushAs(s, ana, [
        event({ clientId: 'a', externalId: 'c1', action: 'claim', actor: 'ana', createdAt: T0, payload: { until: T0 + 15 * 60_000 } }),
      ]);
      expect(granted!.status).toBe('accepted');
      const leases = await s.call<LeasesResponse>('GET', '/sync/leases', bo);
      expect(leases.body.leases).toEqual([{ platform: 'x', externalId: 'c1', holder: 'ana', grantedAt: T0, until: T0 + 15 * 60_000 }]);

      const [taken] = await pushAs(s, bo, [
        event({ clientId: 'b', externalId: 'c1', action: 'claim', actor: 'bo', baseVersion: 1, createdAt: T0 + 1 }),
      ]);
      expect(taken).toMatchObject({ status: 'rejected', reason: 'ana holds this item until 09:15 UTC' });
      // The holder renews; then releases, and the item is free for the other.
      expect(
        (
          await pushAs(s, ana, [
            event({ clientId: 'a', externalId: 'c1', action: 'claim', actor: 'ana', baseVersion: 1, payload: { until: T0 + 30 * 60_000 } }),
          ])
        )[0]!.status,
      ).toBe('accepted');
      expect((await s.call<LeasesResponse>('GET', '/sync/leases', bo)).body.leases[0]).toMatchObject({
        holder: 'ana',
        grantedAt: T0,
        until: T0 + 30 * 60_000,
      });
      expect(
        (await pushAs(s, ana, [event({ clientId: 'a', externalId: 'c1', action: 'release', actor: 'ana', baseVersion: 2 })]))[0]!.status,
      ).toBe('accepted');
      expect((await s.call<LeasesResponse>('GET', '/sync/leases', bo)).body.leases).toEqual([]);
      expect(
        (await pushAs(s, bo, [event({ clientId: 'b', externalId: 'c1', action: 'claim', actor: 'bo', baseVersion: 3 })]))[0]!.status,
      ).toBe('accepted');

      // A lease runs out by itself: past its end, another user may claim.
      await pushAs(s, ana, [event({ clientId: 'a', externalId: 'c2', action: 'claim', actor: 'ana', payload: { until: T0 + 60_000 } })]);
      s.clock.now = T0 + 61_000;
      expect(
        (await pushAs(s, bo, [event({ clientId: 'b', externalId: 'c2', action: 'claim', actor: 'bo', baseVersion: 1 })]))[0]!.status,
      ).toBe('accepted');
    });

    it('never grants more than the longest lease: a claim asking for more is refused, so every workstation folds the lease the server holds', async () => {
      const s = await testServer(USERS, kind);
      const ana = await s.login('ana');
      const [tooLong] = await pushAs(s, ana, [
        event({ clientId: 'a', externalId: 'c3', action: 'claim', actor: 'ana', payload: { until: T0 + 24 * 3_600_000 } }),
      ]);
      expect(tooLong).toMatchObject({ status: 'rejected', reason: `a lease ends within ${CLAIM_LEASE_MAX_MS / 60_000} minutes` });
      expect((await s.call<LeasesResponse>('GET', '/sync/leases', ana)).body.leases).toEqual([]);
      await pushAs(s, ana, [
        event({ clientId: 'a', externalId: 'c3', action: 'claim', actor: 'ana', payload: { until: T0 + CLAIM_LEASE_MAX_MS } }),
      ]);
      expect((await s.call<LeasesResponse>('GET', '/sync/leases', ana)).body.leases[0]!.until).toBe(T0 + CLAIM_LEASE_MAX_MS);
    });

    it('keeps work done on an item someone else held, flagged; the holder’s own work is not', async () => {
      const s = await testServer(USERS, kind);
      const [ana, bo] = [await s.login('ana'), await s.login('bo')];
      await pushAs(s, ana, [
        event({ clientId: 'a', externalId: 'h1', action: 'claim', actor: 'ana', createdAt: T0, payload: { until: T0 + 10 * 60_000 } }),
      ]);
      await pushAs(s, ana, [
        event({ clientId: 'a', externalId: 'h2', action: 'claim', actor: 'ana', createdAt: T0, payload: { until: T0 + 10 * 60_000 } }),
      ]);
      // bo, offline, decided h1 while ana held it; he pushes after her lease ended.
      s.clock.now = T0 + 20 * 60_000;
      const [late] = await pushAs(s, bo, [
        event({ clientId: 'b', externalId: 'h1', action: 'spam', actor: 'bo', baseVersion: 1, createdAt: T0 + 5 * 60_000 }),
      ]);
      expect(late).toMatchObject({ status: 'accepted', reason: 'done while ana held the item' });
      const [own] = await pushAs(s, ana, [
        event({ clientId: 'a', externalId: 'h2', action: 'approve', actor: 'ana', baseVersion: 1, createdAt: T0 + 5 * 60_000 }),
      ]);
      expect(own).toMatchObject({ status: 'accepted' });
      expect(own!.reason).toBeUndefined();
      // A decision settles the item: nobody holds it any more.
      expect((await s.call<LeasesResponse>('GET', '/sync/leases', ana)).body.leases).toEqual([]);
    });
  });
});

// Ingested content reaching workstations over loopback, on each store: stored and scored as a
// local import would be, decisions that came before their item parked and applied when it
// arrives (by sync or by import), and a first sync from the snapshot ending where a paged one does.
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/index';
import { SYNC_SCHEMA_VERSION, type IngestResponse } from '../../src/shared/sync';
import { call } from '../unit/call';
import { importRecords } from '../unit/core-helpers';
import { onEachStore, PASSWORD, stopCluster, storeKinds } from './helpers';
import { serve, workstation } from './loopback';

const kinds = await storeKinds();
afterAll(() => stopCluster());

async function ingest(url: string, records: object[]): Promise<IngestResponse> {
  const login = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'feed', password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const r = await fetch(`${url}/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ schemaVersion: SYNC_SCHEMA_VERSION, records }),
  });
  if (!r.ok) throw new Error(`ingest ${r.status}: ${await r.text()}`);
  return (await r.json()) as IngestResponse;
}

const itemId = (core: Core, externalId: string) =>
  core.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(externalId) as number | undefined;
const statusOf = (core: Core, externalId: string) =>
  core.db.prepare('SELECT status FROM items WHERE external_id = ?').pluck().get(externalId);
const parked = (core: Core) => core.db.prepare('SELECT count(*) FROM parked_events').pluck().get();

const RECORDS = [
  {
    type: 'account',
    platform: 'x',
    id: 'bot-1',
    handle: 'deals4u',
    followers: 3,
    following: 1954,
    posts: 4000,
    defaultAvatar: true,
    createdAt: '2026-11-01T00:00:00Z',
  },
  {
    type: 'account',
    platform: 'x',
    id: 'fan-1',
    handle: 'realfan',
    followers: 800,
    following: 300,
    posts: 1200,
    createdAt: '2019-01-01T00:00:00Z',
  },
  ...Array.from({ length: 6 }, (_, i) => ({
    type: 'item',
    platform: 'x',
    id: `spam-${i}`,
    kind: 'comment',
    author: 'bot-1',
    createdAt: `2026-11-20T10:0${i}:00Z`,
    text: `CHECK OUT my channel http://deals.example/win free gift subscribe now!!! ${i}`,
  })),
  {
    type: 'item',
    platform: 'x',
    id: 'ok-1',
    kind: 'comment',
    author: 'fan-1',
    createdAt: '2026-11-20T11:00:00Z',
    text: 'Loved the show last night, the second song was great.',
  },
];

/** What a moderator sees of the items: in which queue, in what order, with what scores and state. */
function view(core: Core) {
  return core.db
    .prepare(
      'SELECT platform, external_id, kind, text, queue, status, labels, version, risk, spam_score, scored_at IS NOT NULL AS scored FROM items ORDER BY platform, external_id',
    )
    .all();
}

onEachStore(kinds, (kind) => {
  describe('content from a connector', () => {
    it('reaches every workstation, queued and scored as the same records imported locally', async () => {
      const url = await serve(kind);
      const a = await workstation(url, 'ana');
      const b = await workstation(url, 'bo');
      expect((await ingest(url, RECORDS)).results.every((r) => r.status === 'inserted')).toBe(true);
      await call(a, 'sync.run', {});
      await call(b, 'sync.run', {});
      const local = await workstation(null, 'local');
      await importRecords(local, RECORDS);
      for (let r = await call(local, 'detection.rescore', {}); r.remaining > 0; r = await call(local, 'detection.rescore', {}));
      const want = view(local);
      expect(want.every((i) => (i as { scored: number }).scored === 1)).toBe(true);
      expect(view(a)).toEqual(want);
      expect(view(b)).toEqual(want);
      const page = await call(b, 'queue.page', { filter: {}, offset: 0, limit: 50 });
      expect(page.rows.map((r) => r.externalId).sort()).toEqual(
        RECORDS.filter((r) => r.type === 'item')
          .map((r) => r.id)
          .sort(),
      );
      // The spam is recognised there too.
      expect(b.db.prepare("SELECT max(spam_score) FROM items WHERE external_id LIKE 'spam-%'").pluck().get() as number).toBeGreaterThan(
        b.db.prepare("SELECT spam_score FROM items WHERE external_id = 'ok-1'").pluck().get() as number,
      );
    });

    it('an edited record updates the text everywhere and leaves the decisions as they were', async () => {
      const url = await serve(kind);
      const a = await workstation(url, 'ana');
      const b = await workstation(url, 'bo');
      await ingest(url, RECORDS);
      await call(a, 'sync.run', {});
      await call(a, 'decision.apply', { itemIds: [itemId(a, 'ok-1')!], action: 'approve' });
      await call(a, 'sync.run', {});
      const edited = { ...RECORDS[RECORDS.length - 1], text: 'Loved the show (edited).' };
      expect((await ingest(url, [edited])).results[0]!.status).toBe('updated');
      for (const core of [b, a]) {
        await call(core, 'sync.run', {});
        expect(core.db.prepare("SELECT text, status, version FROM items WHERE external_id = 'ok-1'").get()).toEqual({
          text: 'Loved the show (edited).',
          status: 'approved',
          version: 1,
        });
      }
      expect((await ingest(url, [edited])).results[0]!.status).toBe('unchanged');
    });
  });

  describe('decisions that arrive before their item', () => {
    it('are parked, and applied when the item is imported locally', async () => {
      const url = await serve(kind);
      const a = await workstation(url, 'ana');
      await importRecords(a, [{ type: 'item', platform: 'x', id: 'only-on-a', kind: 'mention', text: 'hello' }]);
      await call(a, 'decision.apply', { itemIds: [itemId(a, 'only-on-a')!], action: 'spam' });
      await call(a, 'item.label', { itemIds: [itemId(a, 'only-on-a')!], add: ['bot'] });
      await call(a, 'sync.run', {});
      const b = await workstation(url, 'bo');
      expect(await call(b, 'sync.run', {})).toMatchObject({ pulled: 2, cursor: 2 });
      expect(itemId(b, 'only-on-a')).toBeUndefined();
      expect(parked(b)).toBe(2);
      await importRecords(b, [{ type: 'item', platform: 'x', id: 'only-on-a', kind: 'mention', text: 'hello' }]);
      expect(parked(b)).toBe(0);
      expect(b.db.prepare("SELECT status, labels, version FROM items WHERE external_id = 'only-on-a'").get()).toEqual({
        status: 'spam',
        labels: '["bot"]',
        version: 2,
      });
      const detail = await call(b, 'item.detail', { itemId: itemId(b, 'only-on-a')! });
      expect(detail.events.map((e) => [e.action, e.actor])).toEqual([
        ['spam', 'ana'],
        ['label', 'ana'],
      ]);
      // Nothing of it goes back out: it is the server's already.
      expect((await call(b, 'sync.run', {})).pushed).toBe(0);
    });

    it('are parked, and applied when a connector ingests the item later', async () => {
      const url = await serve(kind);
      const a = await workstation(url, 'ana');
      const late = { type: 'item', platform: 'x', id: 'late-1', kind: 'comment', text: 'first seen on ana' };
      await importRecords(a, [late]);
      await call(a, 'decision.apply', { itemIds: [itemId(a, 'late-1')!], action: 'remove', reason: 'abuse' });
      await call(a, 'sync.run', {});
      const b = await workstation(url, 'bo');
      await call(b, 'sync.run', {});
      expect(parked(b)).toBe(1);
      await ingest(url, [late]);
      await call(b, 'sync.run', {});
      expect(parked(b)).toBe(0);
      expect(statusOf(b, 'late-1')).toBe('removed');
      expect(b.db.prepare("SELECT scored_at IS NOT NULL FROM items WHERE external_id = 'late-1'").pluck().get()).toBe(1);
    });
  });

  describe('first sync from a snapshot', () => {
    it('ends where a paged first sync does: same items, statuses, event log and verdicts', async () => {
      const seen: string[] = [];
      const url = await serve(kind, { onRequest: (path) => seen.push(path) });
      const a = await workstation(url, 'ana');
      const c = await workstation(url, 'cy');
      await ingest(url, RECORDS);
      await call(a, 'sync.run', {});
      await call(c, 'sync.run', {});
      // Decisions, labels, a conflict, and one decision on an item only ana has.
      await importRecords(a, [{ type: 'item', platform: 'x', id: 'only-on-a', kind: 'mention', text: 'hello' }]);
      const ids = RECORDS.filter((r) => r.type === 'item').map((r) => itemId(a, r.id)!);
      await call(a, 'decision.apply', { itemIds: ids.slice(0, 3), action: 'spam' });
      await call(a, 'item.label', { itemIds: ids.slice(2, 5), add: ['campaign'] });
      await call(a, 'decision.apply', { itemIds: [itemId(a, 'only-on-a')!], action: 'escalate' });
      await call(c, 'decision.apply', { itemIds: [itemId(c, 'spam-0')!], action: 'approve' });
      await call(a, 'sync.run', {});
      await call(c, 'sync.run', {});
      await ingest(url, [{ ...RECORDS[2], text: 'edited after the decisions' }]);

      const paged = await workstation(url, 'bo');
      const snap = await workstation(url, 'bo', { snapshotAbove: 0 });
      seen.length = 0;
      await call(paged, 'sync.run', {});
      expect(seen).not.toContain('/sync/snapshot');
      await call(snap, 'sync.run', {});
      expect(seen).toContain('/sync/snapshot');
      const events = (core: Core) =>
        core.db
          .prepare(
            `SELECT e.id, i.external_id, e.action, e.actor, e.labels, e.client_id, e.client_seq, e.base_version, s.server_seq, s.status, s.reason
             FROM events e JOIN items i ON i.id = e.item_id JOIN event_sync s ON s.event_id = e.id ORDER BY s.server_seq`,
          )
          .all();
      expect(view(snap)).toEqual(view(paged));
      expect(events(snap)).toEqual(events(paged));
      expect(events(snap).length).toBeGreaterThan(5);
      expect(parked(snap)).toBe(1);
      expect(parked(paged)).toBe(1);
      const [ps, ss] = [await call(paged, 'sync.status', {}), await call(snap, 'sync.status', {})];
      expect(ss.cursor).toBe(ps.cursor);
      expect(ss.serverHead).toBe(ps.serverHead);
      // And from there on, normal pulls.
      await call(a, 'decision.apply', { itemIds: [ids[5]!], action: 'approve' });
      await call(a, 'sync.run', {});
      seen.length = 0;
      expect(await call(snap, 'sync.run', {})).toMatchObject({ pulled: 1 });
      expect(seen).toEqual(['/sync/pull']);
    });
  });
});

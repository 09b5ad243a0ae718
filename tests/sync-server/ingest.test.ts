// POST /ingest on each store: who may post, what a bad record or batch gets back, idempotency
// on (platform, id) with updates taking a new place in the order, pulls carrying content beside
// events, and the snapshot as of one sequence.
import { afterAll, describe, expect, it } from 'vitest';
import type { IngestResponse, PullResponse, PushResponse, SnapshotLine } from '../../src/shared/sync';
import { MAX_INGEST_RECORDS, SYNC_SCHEMA_VERSION } from '../../src/shared/sync';
import { event, onEachStore, push, stopCluster, storeKinds, testServer, type TestServer } from './helpers';

const kinds = await storeKinds();
afterAll(() => stopCluster());

const USERS: [string, 'moderator' | 'supervisor' | 'admin' | 'connector'][] = [
  ['ana', 'moderator'],
  ['sam', 'supervisor'],
  ['root', 'admin'],
  ['feed', 'connector'],
];
const ingest = (records: unknown[], schemaVersion = SYNC_SCHEMA_VERSION) => ({ schemaVersion, records });
const item = (id: string, more: Record<string, unknown> = {}) => ({
  type: 'item',
  platform: 'x',
  id,
  kind: 'comment',
  text: `comment ${id}`,
  author: 'acc-1',
  ...more,
});
const account = (id: string, more: Record<string, unknown> = {}) => ({
  type: 'account',
  platform: 'x',
  id,
  handle: `h${id}`,
  followers: 10,
  ...more,
});
const pull = (cursor: number, limit?: number, schemaVersion = SYNC_SCHEMA_VERSION) =>
  `/sync/pull?cursor=${cursor}&schemaVersion=${schemaVersion}${limit ? `&limit=${limit}` : ''}`;

async function snapshotLines(s: TestServer, token: string): Promise<SnapshotLine[]> {
  const r = await s.app.inject({
    method: 'GET',
    url: `/sync/snapshot?schemaVersion=${SYNC_SCHEMA_VERSION}`,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toMatch(/application\/x-ndjson/);
  return r.body
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SnapshotLine);
}

onEachStore(kinds, (kind) => {
  describe('who may ingest', () => {
    it('a connector and an admin may; people who decide may not, and a connector may do nothing else', async () => {
      const s = await testServer(USERS, kind);
      const [ana, sam, root, feed] = await Promise.all(['ana', 'sam', 'root', 'feed'].map((n) => s.login(n)));
      expect((await s.call('POST', '/ingest', feed, ingest([item('a1')]))).status).toBe(200);
      expect((await s.call('POST', '/ingest', root, ingest([item('a2')]))).status).toBe(200);
      for (const person of [ana, sam]) {
        const r = await s.call('POST', '/ingest', person, ingest([item('a3')]));
        expect(r).toMatchObject({
          status: 403,
          body: { error: { code: 'forbidden', message: expect.stringMatching(/connector, admin/) } },
        });
      }
      expect((await s.call('POST', '/ingest', undefined, ingest([item('a4')]))).status).toBe(401);
      expect((await s.call('GET', pull(0), feed)).status).toBe(403);
      expect((await s.call('POST', '/sync/push', feed, push([event()]))).status).toBe(403);
      expect((await s.call('GET', `/sync/snapshot?schemaVersion=${SYNC_SCHEMA_VERSION}`, feed)).status).toBe(403);
      expect((await s.call('POST', '/admin/users', feed, { name: 'x', role: 'admin', password: 'long enough password' })).status).toBe(403);
      // Nothing the refused ones sent was stored.
      expect((await s.call<PullResponse>('GET', pull(0), ana)).body.content!.map((c) => c.record.id)).toEqual(['a1', 'a2']);
      expect((await s.call('POST', '/auth/logout', feed)).status).toBe(200);
    });

    it('an admin can add a connector', async () => {
      const s = await testServer(USERS, kind);
      const root = await s.login('root');
      const r = await s.call('POST', '/admin/users', root, { name: 'feed2', role: 'connector', password: 'long enough password' });
      expect(r).toMatchObject({ status: 201, body: { user: { name: 'feed2', role: 'connector' } } });
    });
  });

  describe('checks', () => {
    it('answers each record: a bad one is rejected with what is wrong, the others are stored', async () => {
      const s = await testServer(USERS, kind);
      const feed = await s.login('feed');
      const r = await s.call<IngestResponse>(
        'POST',
        '/ingest',
        feed,
        ingest([
          item('ok-1'),
          item('bad-kind', { kind: 'tweet' }),
          { type: 'item', platform: 'x', id: 'no-text', kind: 'post' },
          account('acc-1', { followers: -3 }),
          { type: 'follow', platform: 'x', follower: 'a', followee: 'b' },
          'not an object',
          account('acc-2', { extraField: 'kept' }),
        ]),
      );
      expect(r.status).toBe(200);
      expect(r.body.results.map((o) => [o.index, o.status, o.reason ?? null])).toEqual([
        [0, 'inserted', null],
        [1, 'rejected', 'field "kind" must be one of post, mention, reply, comment, review (got "tweet")'],
        [2, 'rejected', 'missing required field "text"'],
        [3, 'rejected', 'field "followers" must be a whole number ≥ 0 (got -3)'],
        [4, 'rejected', 'follow records are not ingested (items and accounts only)'],
        [5, 'rejected', 'a record must be a JSON object'],
        [6, 'inserted', null],
      ]);
      const stored = (await s.call<PullResponse>('GET', pull(0), await s.login('ana'))).body.content!;
      expect(stored.map((c) => [c.type, c.record.id])).toEqual([
        ['item', 'ok-1'],
        ['account', 'acc-2'],
      ]);
      expect(stored[1]!.record).toMatchObject({ extraField: 'kept', handle: 'hacc-2', followers: 10 });
    });

    it('rejects a record whose platform, id or author holds a NUL or another control character, and stores the rest', async () => {
      const s = await testServer(USERS, kind);
      const feed = await s.login('feed');
      // PostgreSQL cannot store a NUL in text at all: one such id must not fail the batch.
      const r = await s.call<IngestResponse>(
        'POST',
        '/ingest',
        feed,
        ingest([
          item('ok-1'),
          item('nul\u0000id'),
          item('ok-2', { author: 'acc\u0000' }),
          account('acc-3', { platform: 'x\u001f' }),
          item('ok-3', { text: 'a NUL \u0000 in the text itself is content, and is kept' }),
        ]),
      );
      expect(r.status).toBe(200);
      expect(r.body.results.map((o) => [o.index, o.status, o.reason ?? null])).toEqual([
        [0, 'inserted', null],
        [1, 'rejected', 'field "id" contains a control character (U+0000 at position 4): identifiers must be printable text'],
        [2, 'rejected', 'field "author" contains a control character (U+0000 at position 4): identifiers must be printable text'],
        [3, 'rejected', 'field "platform" contains a control character (U+001F at position 2): identifiers must be printable text'],
        [4, 'inserted', null],
      ]);
      const stored = (await s.call<PullResponse>('GET', pull(0), await s.login('ana'))).body.content!;
      expect(stored.map((c) => c.record.id)).toEqual(['ok-1', 'ok-3']);
      expect(stored[1]!.record.text).toBe('a NUL \u0000 in the text itself is content, and is kept');
    });

    it('refuses a whole batch that is malformed, too large or from an unknown schema, with a clear body', async () => {
      const s = await testServer(USERS, kind);
      const feed = await s.login('feed');
      expect(await s.call('POST', '/ingest', feed, { schemaVersion: SYNC_SCHEMA_VERSION, records: [] })).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_request' } },
      });
      expect(await s.call('POST', '/ingest', feed, { records: [item('a')] })).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_request', message: expect.stringMatching(/schemaVersion/) } },
      });
      const many = Array.from({ length: MAX_INGEST_RECORDS + 1 }, (_, i) => item(`m${i}`));
      expect(await s.call('POST', '/ingest', feed, ingest(many))).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_request', message: expect.stringMatching(/records/) } },
      });
      const huge = [item('big', { text: 'x'.repeat(99_000) })];
      const tooBig = Array.from({ length: 50 }, () => huge[0]);
      expect(await s.call('POST', '/ingest', feed, ingest(tooBig))).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });
      expect(await s.call('POST', '/ingest', feed, ingest([item('a')], SYNC_SCHEMA_VERSION + 1))).toMatchObject({
        status: 400,
        body: { error: { code: 'schema_too_new' } },
      });
      expect(await s.store.head()).toBe(0);
    });
  });

  describe('idempotency and updates', () => {
    it('stores a record once on (type, platform, id); a changed one takes the next place in the order', async () => {
      const s = await testServer(USERS, kind);
      const feed = await s.login('feed');
      const ana = await s.login('ana');
      const batch = [item('i1'), item('i2'), account('i1')];
      const first = await s.call<IngestResponse>('POST', '/ingest', feed, ingest(batch));
      expect(first.body.results.map((r) => [r.status, r.seq])).toEqual([
        ['inserted', 1],
        ['inserted', 2],
        ['inserted', 3],
      ]);
      expect(first.body.head).toBe(3);
      const again = await s.call<IngestResponse>('POST', '/ingest', feed, ingest(batch));
      expect(again.body.results.map((r) => [r.status, r.seq])).toEqual([
        ['unchanged', 1],
        ['unchanged', 2],
        ['unchanged', 3],
      ]);
      expect(again.body.head).toBe(3);
      // A decision in between, then the platform edits i1: the edit comes after the decision.
      await s.call<PushResponse>('POST', '/sync/push', ana, push([event({ externalId: 'i1', action: 'spam' })]));
      const edit = await s.call<IngestResponse>('POST', '/ingest', feed, ingest([item('i1', { text: 'edited' })]));
      expect(edit.body.results).toEqual([{ index: 0, status: 'updated', seq: 5 }]);
      const after = await s.call<PullResponse>('GET', pull(3), ana);
      expect(after.body.events.map((e) => [e.seq, e.action])).toEqual([[4, 'spam']]);
      expect(after.body.content!.map((c) => [c.seq, c.record.id, c.record.text])).toEqual([[5, 'i1', 'edited']]);
      // From the start: the record once, where it now stands; the decision is untouched.
      const all = await s.call<PullResponse>('GET', pull(0), ana);
      expect(all.body.content!.map((c) => [c.seq, c.type, c.record.id])).toEqual([
        [2, 'item', 'i2'],
        [3, 'account', 'i1'],
        [5, 'item', 'i1'],
      ]);
      expect(all.body).toMatchObject({ cursor: 5, more: false, head: 5 });
      // The same record twice in one batch: the later one is an update of the earlier.
      const twice = await s.call<IngestResponse>('POST', '/ingest', feed, ingest([item('i3'), item('i3', { text: 'second' })]));
      expect(twice.body.results.map((r) => [r.status, r.seq])).toEqual([
        ['inserted', 6],
        ['updated', 7],
      ]);
      expect((await s.call<PullResponse>('GET', pull(5), ana)).body.content!.map((c) => [c.seq, c.record.text])).toEqual([[7, 'second']]);
    });
  });

  describe('pulls and snapshots', () => {
    it('pages content and events in one order, and leaves content out for an older workstation', async () => {
      const s = await testServer(USERS, kind);
      const feed = await s.login('feed');
      const ana = await s.login('ana');
      await s.call('POST', '/ingest', feed, ingest([item('c1')]));
      await s.call(
        'POST',
        '/sync/push',
        ana,
        push([event({ externalId: 'c1' }), event({ externalId: 'c1', action: 'label', labels: ['x'], baseVersion: 1 })]),
      );
      await s.call('POST', '/ingest', feed, ingest([item('c2'), item('c3')]));
      const seen: number[] = [];
      let cursor = 0;
      for (let pages = 0; pages < 10; pages++) {
        const r = (await s.call<PullResponse>('GET', pull(cursor, 2), ana)).body;
        seen.push(...[...r.content!.map((c) => c.seq), ...r.events.map((e) => e.seq)].sort((a, b) => a - b));
        expect(r.content!.length + r.events.length).toBeLessThanOrEqual(2);
        cursor = r.cursor;
        if (!r.more) break;
      }
      expect(seen).toEqual([1, 2, 3, 4, 5]);
      expect(cursor).toBe(5);
      const old = await s.call<PullResponse>('GET', pull(0, undefined, 1), ana);
      expect(old.body.content).toBeUndefined();
      expect(old.body.events.map((e) => e.seq)).toEqual([2, 3]);
    });

    it('streams everything as of one sequence: head, content, events, end', async () => {
      const s = await testServer(USERS, kind);
      const feed = await s.login('feed');
      const ana = await s.login('ana');
      await s.call('POST', '/ingest', feed, ingest([item('s1'), account('acc-1')]));
      await s.call('POST', '/sync/push', ana, push([event({ externalId: 's1', action: 'approve' })]));
      await s.call('POST', '/ingest', feed, ingest([item('s1', { text: 'edited' })]));
      const lines = await snapshotLines(s, ana);
      expect(lines.map((l) => l.type)).toEqual(['head', 'content', 'content', 'event', 'end']);
      expect(lines[0]).toEqual({ type: 'head', seq: 4, content: 2, events: 1, acks: 0, log: expect.objectContaining({ size: 1 }) });
      expect(
        lines.flatMap((l) => (l.type === 'content' ? [[l.content.seq, l.content.record.id, l.content.record.text ?? null]] : [])),
      ).toEqual([
        [2, 'acc-1', null],
        [4, 's1', 'edited'],
      ]);
      expect(lines[4]).toEqual({ type: 'end', seq: 4 });
      const old = await s.call('GET', '/sync/snapshot?schemaVersion=1', ana);
      expect(old).toMatchObject({ status: 426, body: { error: { code: 'update_required' } } });
    });

    it('keeps to its sequence while the store goes on writing', async () => {
      const s = await testServer(USERS, kind);
      const feed = await s.login('feed');
      await s.call('POST', '/ingest', feed, ingest([item('k1'), item('k2')]));
      const reader = await s.store.snapshot();
      try {
        await s.call('POST', '/ingest', feed, ingest([item('k1', { text: 'changed' }), item('k3')]));
        await s.call('POST', '/sync/push', await s.login('ana'), push([event({ externalId: 'k2' })]));
        expect(reader.head).toBe(2);
        expect((await reader.content(0, 100)).map((c) => [c.record.id, c.record.text])).toEqual([
          ['k1', 'comment k1'],
          ['k2', 'comment k2'],
        ]);
        expect(await reader.events(0, 100)).toEqual([]);
      } finally {
        await reader.close();
      }
      expect(await s.store.head()).toBe(5);
    });
  });
});

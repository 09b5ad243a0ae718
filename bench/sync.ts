// Sync figures: push throughput into the server's store over HTTP on loopback,
// a new workstation's catch-up of 100,000 events (page by page, and from a snapshot), a
// connector's ingest throughput, and the time from a decision on one online workstation to
// its arrival on another.
import { randomUUID } from 'node:crypto';
import { openCore, type Core } from '../src/core/index';
import { buildServer } from '../src/sync-server/app';
import { hashPassword } from '../src/sync-server/auth/passwords';
import { openPgStore } from '../src/sync-server/store/pg-store';
import { openSqliteStore } from '../src/sync-server/store/sqlite-store';
import type { ServerStore } from '../src/sync-server/store/types';
import { startCluster } from '../tests/sync-server/pg-cluster';
import type { FastifyInstance } from 'fastify';
import { SYNC_SCHEMA_VERSION, type SyncEvent } from '../src/shared/sync';
import { log, percentile, type Metric } from './lib/metrics';
import { call, tempDir } from './lib/workload';

const PASSWORD = 'bench password 123';
const EVENTS = 100_000;
const BATCH = 500;

async function serverOn(store: ServerStore): Promise<{ app: FastifyInstance; url: string }> {
  await store.addUser('bench', 'moderator', await hashPassword(PASSWORD), Date.now());
  await store.addUser('peer', 'moderator', await hashPassword(PASSWORD), Date.now());
  await store.addUser('feed', 'connector', await hashPassword(PASSWORD), Date.now());
  const app = buildServer({ store });
  return { app, url: await app.listen({ host: '127.0.0.1', port: 0 }) };
}

async function tokenOf(url: string, name: string): Promise<string> {
  const login = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: PASSWORD }),
  });
  return ((await login.json()) as { token: string }).token;
}

const INGEST_ITEMS = 50_000;
const INGEST_BATCH = 1000;

/** A connector posting 50,000 new items in batches of 1,000; items per second. */
async function ingestAll(url: string): Promise<number> {
  const token = await tokenOf(url, 'feed');
  const t0 = performance.now();
  for (let i = 0; i < INGEST_ITEMS; i += INGEST_BATCH) {
    const records = Array.from({ length: INGEST_BATCH }, (_, k) => ({
      type: 'item',
      platform: 'x',
      id: `post-${i + k}`,
      kind: 'comment',
      author: `acc-${(i + k) % 5000}`,
      createdAt: '2026-11-20T10:00:00Z',
      text: `comment number ${i + k} about the launch, with a few more words to make it realistic`,
    }));
    const r = await fetch(`${url}/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ schemaVersion: SYNC_SCHEMA_VERSION, records }),
    });
    if (!r.ok) throw new Error(`ingest ${r.status}: ${await r.text()}`);
  }
  log(`ingested ${INGEST_ITEMS.toLocaleString('en')} items into ${url}`);
  return INGEST_ITEMS / ((performance.now() - t0) / 1000);
}

/** 100,000 label events on 10,000 items, in batches as a workstation sends them; events per second. */
async function pushAll(url: string): Promise<number> {
  const login = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i += BATCH) {
    const events: SyncEvent[] = [];
    for (let k = i; k < i + BATCH; k++) {
      events.push({
        id: randomUUID(),
        clientId: 'bench',
        clientSeq: k + 1,
        platform: 'x',
        externalId: `item-${k % 10_000}`,
        action: 'label',
        labels: ['seen'],
        baseVersion: Math.floor(k / 10_000),
        actor: 'bench',
        createdAt: Date.now(),
      });
    }
    const r = await fetch(`${url}/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ schemaVersion: SYNC_SCHEMA_VERSION, events }),
    });
    if (!r.ok) throw new Error(`push ${r.status}: ${await r.text()}`);
  }
  log(`pushed ${EVENTS.toLocaleString('en')} events to ${url}`);
  return EVENTS / ((performance.now() - t0) / 1000);
}

/** The same push on a throwaway PostgreSQL cluster; null (and why) where none can start. */
async function pgPush(): Promise<Metric | null> {
  const cluster = await startCluster();
  if (typeof cluster === 'string') {
    log(`sync.pg.push_events_per_s not measured: ${cluster}`);
    return null;
  }
  try {
    const { app, url } = await serverOn(await openPgStore(await cluster.createDatabase()));
    try {
      return {
        name: 'sync.pg.push_events_per_s',
        value: await pushAll(url),
        unit: 'events/s',
        note: `PostgreSQL store (throwaway cluster on loopback), ${EVENTS.toLocaleString('en')} events in batches of ${BATCH} over HTTP; target >= 5,000`,
      };
    } finally {
      await app.close();
    }
  } finally {
    cluster.stop();
  }
}

export async function syncFigures(): Promise<Metric[]> {
  const pgFigure = await pgPush();
  const { app, url } = await serverOn(openSqliteStore(tempDir('server')));
  try {
    const pushPerS = await pushAll(url);

    // Catch-up: a new workstation with those 10,000 items pulls every event, page by page
    // and then (another new one) from the snapshot.
    const items = Array.from({ length: 10_000 }, (_, k) =>
      JSON.stringify({ type: 'item', platform: 'x', id: `item-${k}`, kind: 'comment', text: `comment ${k}` }),
    ).join('\n');
    const catchUp = async (snapshotAbove: number) => {
      const fresh = openCore({ dataDir: tempDir('catchup'), host: 'test', actor: 'new', syncSnapshotAbove: snapshotAbove });
      const { importId } = await call<{ importId: string }>(fresh, 'import.begin', { fileName: 'items.ndjson' });
      await call(fresh, 'import.chunk', { importId, text: `${items}\n` });
      await call(fresh, 'import.finish', { importId });
      await call(fresh, 'sync.connect', { url, name: 'peer', password: PASSWORD });
      const t1 = performance.now();
      const caught = await call<{ pulled: number }>(fresh, 'sync.run', {});
      const ms = performance.now() - t1;
      const events = fresh.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
      fresh.close();
      log(
        `caught up ${caught.pulled.toLocaleString('en')} events (${events.toLocaleString('en')} in the log) ${snapshotAbove === Infinity ? 'page by page' : 'from the snapshot'}`,
      );
      return { ms, pulled: caught.pulled };
    };
    const paged = await catchUp(Infinity);
    const snapshot = await catchUp(0);
    // On a server of its own: the workstations below converge on the events alone.
    const feedServer = await serverOn(openSqliteStore(tempDir('ingest')));
    const ingestPerS = await ingestAll(feedServer.url).finally(() => feedServer.app.close());

    // Convergence: two live workstations; a decision on one, timed until the other has it.
    const mk = async (name: string) => {
      const core = openCore({ dataDir: tempDir(`live-${name}`), host: 'test', actor: name, autoSync: true });
      const id = await call<{ importId: string }>(core, 'import.begin', { fileName: 'items.ndjson' });
      await call(core, 'import.chunk', { importId: id.importId, text: `${items.split('\n').slice(0, 300).join('\n')}\n` });
      await call(core, 'import.finish', { importId: id.importId });
      await call(core, 'sync.connect', { url, name: name === 'a' ? 'bench' : 'peer', password: PASSWORD });
      return core;
    };
    const a = await mk('a');
    const b = await mk('b');
    // Both have caught up with the 100,000 events before the clock starts.
    const settled = async (c: Core) => {
      for (let i = 0; i < 600; i++) {
        const s = await call<{ state: string; cursor: number }>(c, 'sync.status', {});
        if (s.state === 'online' && s.cursor >= EVENTS) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('a workstation did not catch up');
    };
    await settled(a);
    await settled(b);
    const samples: number[] = [];
    const ids = a.db.prepare('SELECT id, external_id FROM items ORDER BY id LIMIT 200').all() as { id: number; external_id: string }[];
    const statusOnB = b.db.prepare('SELECT status FROM items WHERE external_id = ?').pluck();
    for (const [k, it] of ids.slice(0, 100).entries()) {
      const t = performance.now();
      await call(a, 'decision.apply', { itemIds: [it.id], action: k % 2 ? 'approve' : 'spam' });
      const want = k % 2 ? 'approved' : 'spam';
      for (let w = 0; w < 1000 && statusOnB.get(it.external_id) !== want; w++) await new Promise((r) => setTimeout(r, 2));
      samples.push(performance.now() - t);
    }
    a.close();
    b.close();
    return [
      ...(pgFigure ? [pgFigure] : []),
      {
        name: 'sync.push_events_per_s',
        value: pushPerS,
        unit: 'events/s',
        note: `SQLite store, ${EVENTS.toLocaleString('en')} events in batches of ${BATCH} over HTTP on loopback; target >= 5,000`,
      },
      {
        name: 'sync.catchup_100k_ms',
        value: paged.ms,
        unit: 'ms',
        note: `a new workstation pulling ${paged.pulled.toLocaleString('en')} events and applying them page by page; target <= 10,000`,
      },
      {
        name: 'sync.snapshot_catchup_100k_ms',
        value: snapshot.ms,
        unit: 'ms',
        baseline: paged.ms,
        ratio: snapshot.ms / paged.ms,
        note: `the same first sync from GET /sync/snapshot (${snapshot.pulled.toLocaleString('en')} events streamed as NDJSON, applied 5,000 to a transaction); baseline: page by page`,
      },
      {
        name: 'sync.ingest_items_per_s',
        value: ingestPerS,
        unit: 'items/s',
        note: `a connector posting ${INGEST_ITEMS.toLocaleString('en')} new items (5,000 authors) in batches of ${INGEST_BATCH} to POST /ingest, SQLite store, HTTP on loopback`,
      },
      {
        name: 'sync.convergence_ms_p99',
        value: percentile(samples, 99),
        unit: 'ms',
        note: `decision on one online workstation until the other has it (poke, pull, apply), 100 decisions; p50 ${percentile(samples, 50).toFixed(1)} ms; target <= 1,000`,
      },
    ];
  } finally {
    await app.close();
  }
}

// import.items_per_s: an NDJSON file streamed through the contract's import (import.begin /
// chunk / finish, 1 MiB chunks as the CLI sends them: validation, upserts, stub authors,
// priority, FTS, one transaction per batch). The baseline, in the same run, puts the same
// rows into the same schema with raw prepared INSERTs in batches of the same size: the floor
// any importer on this machine pays, so the ratio says what Vigil's checks cost on top. The
// baseline writes the same values, priorities included (taken from the first import, outside
// its timing), so both maintain the same indexes in the same order.
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { generateWorkload, toInterchange, type Core } from '../src/core/index';
import type { ResultOf } from '../src/shared/contract';
import { log, type Metric } from './lib/metrics';
import { open, tempDir } from './lib/workload';

const CHUNK = 1024 * 1024;
const BATCH = 2000;

async function writeNdjson(file: string, items: number): Promise<{ lines: number; bytes: number }> {
  const out = createWriteStream(file);
  let lines = 0;
  let bytes = 0;
  for (const r of generateWorkload({ items, seed: 11 })) {
    const line = `${JSON.stringify(toInterchange(r))}\n`;
    lines++;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { lines, bytes };
}

async function viaContract(core: Core, file: string): Promise<ResultOf<'import.finish'>> {
  const begin = await core.dispatch('import.begin', { fileName: 'bench.ndjson' });
  if (!begin.ok) throw new Error(begin.error.message);
  const { importId } = begin.value as ResultOf<'import.begin'>;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK })) {
    const r = await core.dispatch('import.chunk', { importId, text: chunk as string });
    if (!r.ok) throw new Error(r.error.message);
  }
  const done = await core.dispatch('import.finish', { importId });
  if (!done.ok) throw new Error(done.error.message);
  return done.value as ResultOf<'import.finish'>;
}

type Row = Record<string, unknown>;
const n = (v: unknown) => (v === undefined ? null : v);
const time = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : null);

/** The priority each item got, so that the baseline writes the very same rows (index order included). */
function prioritiesOf(core: Core): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of core.db
    .prepare('SELECT i.platform, i.external_id, o.priority FROM items i JOIN item_order o ON o.id = i.id')
    .iterate() as Iterable<{ platform: string; external_id: string; priority: number }>) {
    out.set(`${r.platform}\u0000${r.external_id}`, r.priority);
  }
  return out;
}

async function rawInsert(core: Core, file: string, priorities: Map<string, number>): Promise<number> {
  const db = core.db;
  const now = Date.now();
  const account = db.prepare(
    `INSERT INTO accounts (platform, external_id, handle, name, created_at, followers, following, posts, likes, listed,
       verified, default_avatar, default_profile, bio, url, location, stub, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  const stub = db.prepare('INSERT INTO accounts (platform, external_id, handle, stub, imported_at) VALUES (?, ?, ?, 1, ?)');
  const item = db.prepare(
    `INSERT INTO items (platform, external_id, kind, author_id, created_at, text, target, rating, thread, parent, url, lang,
       queue, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The ordering row holds priority and the queue indexes (migration 0026).
  const order = db.prepare(
    `INSERT INTO item_order (id, status, queue, kind, platform, target, arrived_at, priority) VALUES (?, 'new', ?, ?, ?, ?, ?, ?)`,
  );
  const follow = db.prepare('INSERT INTO follows (follower_id, followee_id, imported_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const ids = new Map<string, number>();
  const idOf = (platform: string, ext: string): number => {
    const key = `${platform}\u0000${ext}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = Number(stub.run(platform, ext, ext, now).lastInsertRowid);
      ids.set(key, id);
    }
    return id;
  };
  let items = 0;
  const flush = db.transaction((rows: Row[]) => {
    for (const r of rows) {
      const platform = r.platform as string;
      if (r.type === 'account') {
        const id = account.run(
          platform,
          r.id,
          r.handle,
          n(r.name),
          time(r.createdAt),
          n(r.followers),
          n(r.following),
          n(r.posts),
          n(r.likes),
          n(r.listed),
          r.verified ? 1 : 0,
          r.defaultAvatar ? 1 : 0,
          r.defaultProfile ? 1 : 0,
          n(r.bio),
          n(r.url),
          n(r.location),
          now,
        ).lastInsertRowid;
        ids.set(`${platform}\u0000${r.id as string}`, Number(id));
      } else if (r.type === 'item') {
        const author = typeof r.author === 'string' ? idOf(platform, r.author) : null;
        const queue = r.kind === 'review' ? 'reviews' : r.kind === 'comment' ? 'comments' : 'mentions';
        const priority = priorities.get(`${platform}\u0000${r.id as string}`) ?? 0;
        const id = item.run(
          platform,
          r.id,
          r.kind,
          author,
          time(r.createdAt),
          r.text,
          n(r.target),
          n(r.rating),
          n(r.thread),
          n(r.parent),
          n(r.url),
          n(r.lang),
          queue,
          now,
        ).lastInsertRowid;
        order.run(id, queue, r.kind, platform, n(r.target), time(r.createdAt) ?? now, priority);
        items++;
      } else {
        follow.run(idOf(platform, r.follower as string), idOf(platform, r.followee as string), now);
      }
    }
  });
  let rest = '';
  let batch: Row[] = [];
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK })) {
    const lines = (rest + (chunk as string)).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      if (!line) continue;
      batch.push(JSON.parse(line) as Row);
      if (batch.length >= BATCH) {
        flush(batch);
        batch = [];
      }
    }
  }
  if (rest) batch.push(JSON.parse(rest) as Row);
  flush(batch);
  return items;
}

export async function importNdjson(items = 100_000): Promise<Metric[]> {
  const dir = tempDir('import');
  const file = join(dir, 'workload.ndjson');
  const { lines, bytes } = await writeNdjson(file, items);
  log(`import file: ${lines.toLocaleString('en')} lines, ${(bytes / 1e6).toFixed(1)} MB`);

  const a = open(tempDir('import-app'));
  let t = performance.now();
  const report = await viaContract(a, file);
  const appSeconds = (performance.now() - t) / 1000;
  const priorities = prioritiesOf(a);
  a.close();
  if (report.items.inserted !== items) throw new Error(`imported ${report.items.inserted} items, expected ${items}`);

  const b = open(tempDir('import-raw'));
  t = performance.now();
  const rawItems = await rawInsert(b, file, priorities);
  const rawSeconds = (performance.now() - t) / 1000;
  b.close();
  if (rawItems !== items) throw new Error(`baseline inserted ${rawItems} items, expected ${items}`);

  const value = items / appSeconds;
  const baseline = items / rawSeconds;
  log(`import: ${appSeconds.toFixed(2)} s via the contract, ${rawSeconds.toFixed(2)} s raw`);
  return [
    {
      name: 'import.items_per_s',
      value,
      unit: 'items/s',
      baseline,
      ratio: value / baseline,
      note: `NDJSON, ${items.toLocaleString('en')} items in ${lines.toLocaleString('en')} lines; baseline = raw prepared INSERTs of the same rows, same schema, same batches; target ratio >= 0.5`,
    },
  ];
}

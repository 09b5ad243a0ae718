// Shared by the unit and migration tests: real SQLite databases (in memory or in a temp
// folder), small interchange fixtures written by the tests themselves, and an actor.
import type { Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import type { Actor } from '../../src/core/decisions/log';
import { ImportSession, formatOf, type ImportFormat } from '../../src/core/import/session';
import type { ImportReport } from '../../src/shared/model';

const cleanups: (() => void)[] = [];

afterEach(() => {
  while (cleanups.length) {
    try {
      cleanups.pop()!();
    } catch {
      // a database the test closed itself, a folder already gone
    }
  }
});

/** A fresh folder under the OS temp dir, removed after the test. */
export function tempDir(prefix = 'vigil-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs after the test (before temp folders are removed, since cleanups run last-in first-out). */
export function onCleanup(fn: () => void): void {
  cleanups.push(fn);
}

/** A migrated in-memory database, closed after the test. */
export function memoryDb(): Database {
  const db = openDatabase(':memory:');
  onCleanup(() => db.close());
  return db;
}

/** A migrated database in a temp file, closed after the test. */
export function fileDb(): { db: Database; file: string; dir: string } {
  const dir = tempDir();
  const file = join(dir, 'vigil.db');
  const db = openDatabase(file);
  onCleanup(() => db.open && db.close());
  return { db, file, dir };
}

/** An actor with a clock the test controls. */
export function actor(name = 'ana', clientId = 'client-test', start = Date.UTC(2025, 0, 6, 9)): Actor & { tick(ms: number): void } {
  let t = start;
  return {
    actor: name,
    clientId,
    now: () => t,
    tick(ms: number) {
      t += ms;
    },
  };
}

/**
 * Imports `text` as the file `name`, fed in chunks of `chunk` characters (the whole text at
 * once when 0).
 */
export async function importText(
  db: Database,
  name: string,
  text: string,
  opts: { chunk?: number; format?: ImportFormat; now?: number } = {},
): Promise<ImportReport> {
  const session = new ImportSession(db, 'import-test', name, opts.format ?? formatOf(name), () => opts.now ?? Date.UTC(2025, 0, 6, 8));
  const size = opts.chunk ?? 0;
  if (size > 0) for (let i = 0; i < text.length; i += size) await session.write(text.slice(i, i + size));
  else await session.write(text);
  return session.end();
}

export function ndjson(records: Record<string, unknown>[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

export function account(id: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'account',
    platform: 'x',
    id,
    handle: `h_${id}`,
    name: `Name ${id}`,
    createdAt: '2020-01-01T00:00:00Z',
    followers: 100,
    ...more,
  };
}

export function item(id: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'item',
    platform: 'x',
    id,
    kind: 'mention',
    author: 'a1',
    createdAt: '2025-01-05T10:00:00Z',
    text: `text of ${id}`,
    ...more,
  };
}

/** The row id of an item by its platform id. */
export function itemId(db: Database, externalId: string, platform = 'x'): number {
  const row = db.prepare('SELECT id FROM items WHERE platform = ? AND external_id = ?').get(platform, externalId) as
    { id: number } | undefined;
  if (!row) throw new Error(`no item ${platform}/${externalId}`);
  return row.id;
}

/** Counts per queue and status as the triggers keep them, zero rows left out. */
export function queueCountsTable(db: Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of db.prepare('SELECT queue, status, n FROM queue_counts WHERE n <> 0 ORDER BY queue, status').all() as {
    queue: string;
    status: string;
    n: number;
  }[]) {
    out[`${r.queue}/${r.status}`] = r.n;
  }
  return out;
}

/** The same counts, counted from the items themselves. */
export function queueCountsActual(db: Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of db.prepare('SELECT queue, status, count(*) AS n FROM items GROUP BY queue, status ORDER BY queue, status').all() as {
    queue: string;
    status: string;
    n: number;
  }[]) {
    out[`${r.queue}/${r.status}`] = r.n;
  }
  return out;
}

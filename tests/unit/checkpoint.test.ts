// Checkpoints happen after the answers, when core is quiet, not inside a decision's commit.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTO_CHECKPOINT_PAGES, IDLE_MS } from '../../src/core/db/checkpoint';
import { DB_FILE } from '../../src/core/db/paths';
import { openCore } from '../../src/core/handlers';
import { loadWorkload } from '../../src/core/seed/load';
import { onCleanup, tempDir } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WAL checkpoints', () => {
  it("moves SQLite's automatic checkpoint far out of the way of single decisions", () => {
    const core = openCore({ dataDir: tempDir(), host: 'test' });
    onCleanup(() => core.close());
    expect(core.db.pragma('wal_autocheckpoint', { simple: true })).toBe(AUTO_CHECKPOINT_PAGES);
  });

  it('still bounds the WAL during a long bulk write that makes no calls', () => {
    const dir = tempDir();
    const core = openCore({ dataDir: dir, host: 'test' });
    onCleanup(() => core.close());
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(join(dir, DB_FILE)).size;
    loadWorkload(core.db, { items: 30_000, seed: 6 });
    const pageSize = core.db.pragma('page_size', { simple: true }) as number;
    // No call into core, so only SQLite's own checkpoint can have moved pages into the file;
    // and the WAL, reused after each, stays near the high-water mark instead of growing.
    expect(statSync(join(dir, DB_FILE)).size).toBeGreaterThan(before);
    expect(statSync(join(dir, `${DB_FILE}-wal`)).size / pageSize).toBeLessThan(AUTO_CHECKPOINT_PAGES * 1.5);
  });

  it('folds the WAL into the database file once calls pause, and not before', async () => {
    const dir = tempDir();
    const core = openCore({ dataDir: dir, host: 'test' });
    onCleanup(() => core.close());
    const file = join(dir, DB_FILE);
    // The fresh schema is in the WAL, not yet in the file: take the file's size now.
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(file).size;
    loadWorkload(core.db, { items: 2000, seed: 5 });
    expect(statSync(file).size).toBe(before);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);

    // A call into core schedules the checkpoint; it runs only after a quiet moment.
    const r = await core.dispatch('stats', {});
    expect(r.ok).toBe(true);
    expect(statSync(file).size).toBe(before);
    await sleep(IDLE_MS * 3);
    expect(statSync(file).size).toBeGreaterThan(before);
  });

  it('leaves no WAL behind after a clean close', async () => {
    const dir = tempDir();
    const core = openCore({ dataDir: dir, host: 'test' });
    loadWorkload(core.db, { items: 200, seed: 5 });
    await core.dispatch('stats', {});
    core.close();
    const wal = join(dir, `${DB_FILE}-wal`);
    let size = 0;
    try {
      size = statSync(wal).size;
    } catch {
      size = 0;
    }
    expect(size).toBe(0);
  });
});

// Data folders for the benchmarks, filled with the same seeded generator the demo and the
// tests use, and removed at the end of the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkload, openCore, type Core } from '../../src/core/index';
import { log } from './metrics';

const made: string[] = [];

export function tempDir(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `vigil-bench-${tag}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A data folder holding `items` generated items (with their accounts and follows). */
export function seededDir(items: number, seed = 1): string {
  const dir = tempDir(`${items}`);
  const core = openCore({ dataDir: dir, host: 'test', actor: 'bench' });
  const started = performance.now();
  let lastLog = started;
  loadWorkload(core.db, { items, seed }, (done) => {
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`  seeding ${items.toLocaleString('en')}: ${Math.round((done / items) * 100)} %`);
    }
  });
  core.close();
  log(`seeded ${items.toLocaleString('en')} items in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}

export function open(dir: string): Core {
  return openCore({ dataDir: dir, host: 'test', actor: 'bench' });
}

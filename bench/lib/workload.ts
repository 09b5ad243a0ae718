// Data folders for the benchmarks, filled with the same seeded generator the demo and the
// tests use, and removed at the end of the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../src/core/index';
import { runScript } from './child';

const made: string[] = [];

export function tempDir(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `vigil-bench-${tag}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/**
 * A data folder holding `items` generated items (with their accounts and follows), scored if
 * asked, and a history of decisions and reviews on them if asked. Filled by a process of its
 * own (seed-child.ts): the caller's heap stays as it was.
 */
export async function seededDir(
  items: number,
  seed = 1,
  scored = false,
  history?: { decisions: number; reviews: number },
): Promise<string> {
  const dir = tempDir(`${items}`);
  const code = await runScript('bench/lib/seed-child.ts', [
    dir,
    String(items),
    String(seed),
    scored ? 'score' : 'no',
    ...(history ? [String(history.decisions), String(history.reviews)] : []),
  ]);
  if (code !== 0) throw new Error(`seeding ${items} items failed (exit ${code})`);
  return dir;
}

export function open(dir: string): Core {
  return openCore({ dataDir: dir, host: 'test', actor: 'bench' });
}

/** A contract method through the core's dispatch, as a host calls it; a refusal is an error here. */
export async function call<T>(core: Core, method: string, args: unknown): Promise<T> {
  const r = await core.dispatch(method as never, args as never);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

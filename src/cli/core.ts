// The CLI's door into core: open the database of a data folder, call contract methods
// through dispatch (errors come back as data and become CliFailure here), close.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE, openCore, type Core } from '../core/index';
import type { ArgsIn, Method, ResultOf } from '../shared/contract';
import { asFailure, coreFailure } from './errors';
import { formatCount, type Progress } from './progress';

export function openData(dataDir: string): Core {
  try {
    return openCore({ dataDir, host: 'cli' });
  } catch (e) {
    const err = e as { code?: string };
    // Core's own failures (db_too_new, db_open_failed) already say what to do; file system
    // errors (mkdir of the folder) get the folder named.
    if (err?.code === 'db_too_new' || err?.code === 'db_open_failed') throw asFailure(e);
    throw asFailure(e, `Cannot use the data folder ${dataDir}`);
  }
}

export async function call<M extends Method>(core: Core, method: M, args: ArgsIn<M>): Promise<ResultOf<M>> {
  const r = await core.dispatch(method, args);
  if (!r.ok) throw coreFailure(r.error);
  return r.value as ResultOf<M>;
}

/**
 * Runs `work` with the core of `dataDir` open, and always closes it. `onCreated` hears when
 * there was no database there yet (a read-only command says so: a mistyped --data-dir
 * should not pass for an empty workload in silence).
 */
export async function withCore<T>(dataDir: string, work: (core: Core) => Promise<T>, onCreated?: () => void): Promise<T> {
  const existed = existsSync(join(dataDir, DB_FILE));
  const core = openData(dataDir);
  if (!existed) onCreated?.();
  try {
    return await work(core);
  } finally {
    core.close();
  }
}

/** Scores whatever waits to be scored (after an import or seed), with a progress bar on stderr. */
export async function scorePending(core: Core, progress?: Progress): Promise<void> {
  let done = 0;
  for (;;) {
    const r = await call(core, 'detection.rescore', { maxItems: 20_000 });
    done += r.items;
    progress?.update(done, `${formatCount(done)} items scored`);
    if (r.remaining === 0) break;
  }
  progress?.finish();
}

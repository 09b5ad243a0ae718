import type { Database } from 'better-sqlite3';

/** Quiet time after the last call before the WAL is folded back into the database file. */
export const IDLE_MS = 400;
/** Calls after which a checkpoint runs at the next turn even without a pause. */
export const MAX_CALLS = 2000;
/**
 * SQLite's own checkpoint stays as a safety net, far above what triage between two pauses
 * writes, so that long bulk writes (an import, a seed, a demo load) cannot grow the WAL
 * without bound. Pages of 4 KiB: about 40 MB.
 */
export const AUTO_CHECKPOINT_PAGES = 10_000;

export interface Checkpointer {
  /** Called after each call into core; schedules a checkpoint for when things are quiet. */
  touch(): void;
  /** Runs a final checkpoint that also truncates the WAL (on close). */
  close(): void;
}

/**
 * SQLite's automatic checkpoint runs inside whichever commit pushes the WAL over its limit
 * (1,000 pages by default), so now and then one decision pays for copying the WAL into the
 * database (and an extra fsync): that is the slow tail of decision latency. Vigil checkpoints
 * itself instead, when no call has come for a moment, after the answer has gone out, and
 * leaves SQLite's checkpoint only as a high-water mark for bulk writes. Durability is
 * unchanged: with synchronous=FULL a commit is safe once it is in the WAL.
 */
export function createCheckpointer(db: Database, inMemory: boolean): Checkpointer {
  if (inMemory) return { touch: () => undefined, close: () => undefined };
  db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let calls = 0;
  const run = (): void => {
    timer = undefined;
    calls = 0;
    // PASSIVE never waits for readers or writers in other connections (the CLI, say).
    if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
  };
  return {
    touch() {
      calls++;
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, calls >= MAX_CALLS ? 0 : IDLE_MS);
      timer.unref?.();
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (db.open) db.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}

// Wires the renderer's api client to a real core in this process, the way the Electron
// preload does: window.vigil has one function per contract method, and values cross a
// structured-clone boundary (a JSON round trip here) both ways. No database is mocked: each
// bridge opens its own SQLite file in a temporary folder and removes it on close.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkload, openCore, type Core } from '../../../src/core/index';
import { METHODS, type CoreApi } from '../../../src/shared/contract';
import type { ImportReport } from '../../../src/shared/model';
import { useStore } from '../../../src/renderer/src/store';

export interface Bridge {
  core: Core;
  /** Calls core directly, bypassing the renderer (to check what was stored). */
  direct<T>(method: string, args: unknown): Promise<T>;
  /** Imports NDJSON records through core's import session, as the import dialog does. */
  importRecords(records: readonly Record<string, unknown>[]): Promise<ImportReport>;
  /** Every contract call the renderer made, in order. */
  calls: string[];
  /** From now on every call fails the way a dead IPC channel does (the preload's promise rejects). */
  disconnect(): void;
  /** Resolves once the renderer's writes are acknowledged and no call has been in flight for a moment. */
  quiet(): Promise<void>;
  close(): void;
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function bridgeCore(opts: { items?: number; seed?: number } = {}): Bridge {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-renderer-'));
  const core = openCore({ dataDir, host: 'test', actor: 'rita' });
  if (opts.items) loadWorkload(core.db, { items: opts.items, seed: opts.seed ?? 7 });
  let open = true;
  let closed = false;
  let pending = 0;
  let lastActivity = Date.now();
  const calls: string[] = [];
  const api = {} as Record<string, (args: unknown) => Promise<unknown>>;
  for (const m of METHODS) {
    api[m] = async (args) => {
      calls.push(m);
      pending++;
      lastActivity = Date.now();
      try {
        // A call that outlives its test meets a closed host, as a renderer would after its window's host quit.
        if (!open) throw new Error('the test core is closed');
        return clone(await core.dispatch(m, clone(args ?? {})));
      } finally {
        pending--;
        lastActivity = Date.now();
      }
    };
  }
  window.vigil = api as unknown as CoreApi;

  async function direct<T>(method: string, args: unknown): Promise<T> {
    const r = await core.dispatch(method, args);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  }

  return {
    core,
    calls,
    direct,
    async importRecords(records) {
      const { importId } = await direct<{ importId: string }>('import.begin', { fileName: 'test.ndjson', format: 'ndjson' });
      await direct('import.chunk', { importId, text: records.map((r) => `${JSON.stringify(r)}\n`).join('') });
      return direct<ImportReport>('import.finish', { importId });
    },
    disconnect() {
      open = false;
    },
    async quiet() {
      // Writes first (they are chained), then whatever the store still had coming: page reads
      // waiting on those writes, the debounced counts, details fetched after a paint.
      for (let i = 0; i < 400; i++) {
        await useStore.getState().writesSettled();
        if (pending === 0 && Date.now() - lastActivity > 250) return;
        await sleep(10);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      open = false;
      if (window.vigil === (api as unknown as CoreApi)) delete window.vigil;
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The store as the app starts it, captured before any test touched it. */
const initial = useStore.getState();
let highestGen = 0;

/**
 * Puts the store singleton back to its first state. Its generation counter moves on rather
 * than back: an answer still travelling from an earlier test is then dropped by the store
 * itself, as a stale answer would be.
 */
export function resetStore(): void {
  highestGen = Math.max(highestGen, useStore.getState().gen) + 1;
  useStore.setState({ ...initial, gen: highestGen }, true);
}

export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await sleep(5);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Boots the store as App does and waits for the first page and the count. */
export async function booted(): Promise<void> {
  await useStore.getState().boot();
  await until(() => useStore.getState().currentRow() !== undefined && useStore.getState().total !== null, 'the first page');
}

export interface Page {
  rows: { id: number; status: string; queue: string }[];
}

export interface Detail {
  item: { id: number; status: string; labels: string[] };
  events: { action: string; undoneBy: string | null }[];
}

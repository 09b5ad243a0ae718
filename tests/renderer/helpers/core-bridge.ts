// Wires the renderer's api client to a real core in this process, the way the Electron
// preload does: window.vigil has one function per contract method, and values cross a
// structured-clone boundary (a JSON round trip here) both ways.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkload, openCore, type Core } from '../../../src/core/index';
import { METHODS, type CoreApi } from '../../../src/shared/contract';

export interface Bridge {
  core: Core;
  /** Calls core directly, bypassing the renderer (to check what was stored). */
  direct<T>(method: string, args: unknown): Promise<T>;
  close(): void;
}

export function bridgeCore(opts: { items?: number; seed?: number } = {}): Bridge {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-renderer-'));
  const core = openCore({ dataDir, host: 'test', actor: 'rita' });
  if (opts.items) loadWorkload(core.db, { items: opts.items, seed: opts.seed ?? 7 });
  const api = {} as Record<string, (args: unknown) => Promise<unknown>>;
  for (const m of METHODS) {
    api[m] = async (args) => JSON.parse(JSON.stringify(await core.dispatch(m, JSON.parse(JSON.stringify(args ?? {})))));
  }
  window.vigil = api as unknown as CoreApi;
  return {
    core,
    async direct<T>(method: string, args: unknown): Promise<T> {
      const r = await core.dispatch(method, args);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    },
    close() {
      delete window.vigil;
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

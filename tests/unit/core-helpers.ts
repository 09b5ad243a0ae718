// A whole core on a temp data folder, driven through dispatch as the renderer drives it.
import { openCore } from '../../src/core/handlers';
import type { VigilError } from '../../src/shared/errors';
import { ndjson, onCleanup, tempDir } from './helpers';

export type TestCore = ReturnType<typeof openCore>;

/** A core as user 'ana', closed after the test; `now` fixes its clock. */
export function testCore(now?: number): TestCore {
  const c = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana', ...(now === undefined ? {} : { now: () => now }) });
  onCleanup(() => c.close());
  return c;
}

/** The value of a dispatch answer that must be ok. */
export function value<T>(r: unknown): T {
  const res = r as { ok: boolean; value?: T; error?: VigilError };
  if (!res.ok) throw new Error(`expected ok, got ${JSON.stringify(res.error)}`);
  return res.value!;
}

/** Imports the records as one NDJSON file through import.begin / chunk / finish. */
export async function importRecords(c: TestCore, records: Record<string, unknown>[]): Promise<void> {
  const { importId } = value<{ importId: string }>(await c.dispatch('import.begin', { fileName: 'a.ndjson' }));
  value(await c.dispatch('import.chunk', { importId, text: ndjson(records) }));
  value(await c.dispatch('import.finish', { importId }));
}

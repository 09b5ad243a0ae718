// The scoring pass that follows new content (an import's, or content synced from the server):
// slice by slice, yielding between slices so that the workstation answers other calls.
import type { RescoreReport } from '../../../shared/model';

export async function scoreWaiting(run: (maxItems: number) => RescoreReport, alive: () => boolean, slice = 5000): Promise<number> {
  let done = 0;
  while (alive()) {
    const r = run(slice);
    done += r.items;
    if (r.remaining === 0) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return done;
}

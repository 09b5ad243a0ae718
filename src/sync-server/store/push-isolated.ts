// One event the store cannot write must not cost the others theirs: a batch that fails as a
// whole (its transaction rolled back) is tried again one event at a time, each in its own
// transaction, in order; an event that still fails is refused with the reason, stored nowhere,
// and the workstation that sent it moves on. The rules should refuse anything a store cannot
// hold before it gets this far; this is the net under them.
import type { PushOutcome, SyncEvent } from '../../shared/sync';

export async function pushIsolated(
  events: readonly SyncEvent[],
  pushBatch: (events: readonly SyncEvent[]) => Promise<PushOutcome[]>,
  onFailure: (e: unknown, event: SyncEvent) => void = () => {},
): Promise<PushOutcome[]> {
  try {
    return await pushBatch(events);
  } catch (e) {
    if (events.length === 1) {
      onFailure(e, events[0]!);
      return [
        {
          id: events[0]!.id,
          status: 'rejected',
          seq: 0,
          reason: `the server could not store this event (${(e as Error).message.slice(0, 200)})`,
        },
      ];
    }
  }
  const out: PushOutcome[] = [];
  for (const e of events) out.push(...(await pushIsolated([e], pushBatch, onFailure)));
  return out;
}

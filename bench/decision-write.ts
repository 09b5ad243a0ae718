// decision.write_ms_p99: one decision through the contract's dispatch (argument check,
// handler, event log, projection, outbox), committed with synchronous=FULL before it
// returns — exactly what a keystroke waits on before it is acknowledged.
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../src/core/index';
import type { ResultOf } from '../src/shared/contract';
import { log, percentile, type Metric } from './lib/metrics';
import { open } from './lib/workload';

const ACTIONS = ['approve', 'remove', 'escalate', 'spam', 'fake'] as const;

/**
 * The floor under any durable write on this disk: append 4 KiB to a file in the same folder
 * and fsync it (a WAL commit does at least that), as many times as there are decisions.
 */
function fsyncFloor(dir: string, count: number): number[] {
  const file = join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(4096, 1);
  const samples: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      writeSync(fd, block);
      fsyncSync(fd);
      samples.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return samples;
}

export async function decisionWrite(dir: string, count = 2000): Promise<Metric[]> {
  const core: Core = open(dir);
  try {
    // The items a moderator would take next, in queue order (pages of at most 500).
    const ids: number[] = [];
    while (ids.length < count + 20) {
      const page = await core.dispatch('queue.page', { filter: {}, offset: ids.length, limit: 500 });
      if (!page.ok) throw new Error(page.error.message);
      const rows = (page.value as ResultOf<'queue.page'>).rows;
      if (!rows.length) throw new Error(`only ${ids.length} items wait; ${count + 20} are needed`);
      ids.push(...rows.map((r) => r.id));
    }
    const synchronous = core.db.pragma('synchronous', { simple: true });
    const journal = core.db.pragma('journal_mode', { simple: true });
    // A few writes first so statement preparation is not counted as a decision.
    for (const id of ids.slice(count, count + 20)) await core.dispatch('decision.apply', { itemIds: [id], action: 'approve' });
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      const r = await core.dispatch('decision.apply', { itemIds: [ids[i]!], action: ACTIONS[i % ACTIONS.length]! });
      samples.push(performance.now() - t);
      if (!r.ok) throw new Error(r.error.message);
    }
    log(`decision writes: ${count}, journal=${journal}, synchronous=${synchronous} (2 = FULL)`);
    const floor = fsyncFloor(dir, count);
    const value = percentile(samples, 99);
    const baseline = percentile(floor, 99);
    return [
      {
        name: 'decision.write_ms_p99',
        value,
        unit: 'ms',
        baseline,
        ratio: value / baseline,
        note: `${count} single-item decisions via dispatch, WAL, synchronous=FULL; p50 ${percentile(samples, 50).toFixed(3)} ms; baseline = p99 of a bare 4 KiB write + fsync on the same disk (p50 ${percentile(floor, 50).toFixed(3)} ms); target <= 2`,
      },
    ];
  } finally {
    core.close();
  }
}

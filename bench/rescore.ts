// Incremental detection: a database of `items` items, all scored, takes an import of
// 10,000 new items (new accounts, new waves among them); the pass that scores them, audits,
// clusters and recomputes the campaigns they touch is timed alone.
import { generateWorkload, toInterchange, type Core } from '../src/core/index';
import type { RescoreReport } from '../src/shared/model';
import { log, type Metric } from './lib/metrics';
import { call, open } from './lib/workload';

const NEW_ITEMS = 10_000;

/** Scores everything waiting; returns items per second. */
export async function scoreAll(core: Core): Promise<{ items: number; ms: number }> {
  const t = performance.now();
  let items = 0;
  let lastLog = t;
  for (;;) {
    const r = await call<{ items: number; remaining: number }>(core, 'detection.rescore', { maxItems: 50_000 });
    items += r.items;
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      log(`  scoring: ${items.toLocaleString('en')} done, ${r.remaining.toLocaleString('en')} to go`);
    }
    if (r.remaining === 0) break;
  }
  return { items, ms: performance.now() - t };
}

export async function incrementalRescore(dir: string, items: number): Promise<Metric[]> {
  const core = open(dir);
  try {
    const full = await scoreAll(core);
    log(`scored ${full.items.toLocaleString('en')} items from scratch in ${(full.ms / 1000).toFixed(1)} s`);
    // New records under ids of their own: a later day's import, not a re-import.
    const lines: string[] = [];
    for (const r of generateWorkload({ items: NEW_ITEMS, seed: 77 })) {
      const x = toInterchange(r) as Record<string, unknown>;
      for (const k of ['id', 'author', 'follower', 'followee'] as const) if (typeof x[k] === 'string') x[k] = `day2-${x[k] as string}`;
      lines.push(JSON.stringify(x));
    }
    const { importId } = await call<{ importId: string }>(core, 'import.begin', { fileName: 'day2.ndjson' });
    await call(core, 'import.chunk', { importId, text: `${lines.join('\n')}\n` });
    await call(core, 'import.finish', { importId });
    const t = performance.now();
    const r = await call<RescoreReport>(core, 'detection.rescore', {});
    const ms = performance.now() - t;
    const steps = Object.entries(r.ms)
      .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
      .join(', ');
    log(
      `incremental pass: ${r.items} items, ${r.accounts} accounts, ${r.audits} audits, ${r.campaignsTouched} cluster windows recut (${steps})`,
    );
    return [
      {
        name: 'detect.rescore_10k_into_1m_ms',
        value: ms,
        unit: 'ms',
        note: `scoring ${NEW_ITEMS.toLocaleString('en')} newly imported items (accounts, audits, near-duplicates, campaigns) in a database of ${items.toLocaleString('en')}; target <= 2,000`,
      },
      {
        name: 'detect.rescore_full_items_per_s',
        value: full.items / (full.ms / 1000),
        unit: 'items/s',
        note: `first scoring of all ${full.items.toLocaleString('en')} items (after seeding or an upgrade)`,
      },
    ];
  } finally {
    core.close();
  }
}

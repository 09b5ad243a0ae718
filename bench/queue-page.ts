// queue.page_ms_p99: the first 50 rows of a filtered queue, through dispatch, on a large
// database. Filters rotate over the shapes a moderator uses, so no single plan is flattered.
import type { QueueFilter } from '../src/shared/model';
import { log, percentile, type Metric } from './lib/metrics';
import { open } from './lib/workload';

const FILTERS: QueueFilter[] = [
  {},
  { queue: 'reviews' },
  { queue: 'comments' },
  { queue: 'mentions' },
  { kind: 'review' },
  { platform: 'x' },
  { queue: 'reviews', platform: 'shop' },
  { status: 'all' },
  { queue: 'comments', kind: 'comment' },
  { queue: 'reviews', status: 'all' },
  { platform: 'x', status: 'all' },
];

/** Text search: FTS5 finds the matches, then they are sorted by priority (reported apart). */
const SEARCHES = ['broken', 'refund', 'love', 'warranty', 'shipping', 'cheap', 'battery', 'hotel'];

/**
 * startup.core_ms: the part of a start that is Vigil's own data work, in process: open the
 * database (checks, migrations), then every call the window makes before it shows the first
 * item (app.info, settings, count, first page, the item's detail).
 */
export async function coreStartup(dir: string, items: number): Promise<Metric[]> {
  const t = performance.now();
  const core = open(dir);
  try {
    for (const [method, args] of [
      ['app.info', {}],
      ['settings.get', {}],
      ['queue.count', { filter: {} }],
    ] as const) {
      const r = await core.dispatch(method, args);
      if (!r.ok) throw new Error(r.error.message);
    }
    const page = await core.dispatch('queue.page', { filter: {}, offset: 0, limit: 200 });
    if (!page.ok) throw new Error(page.error.message);
    const id = (page.value as { rows: { id: number }[] }).rows[0]!.id;
    const d = await core.dispatch('item.detail', { itemId: id });
    if (!d.ok) throw new Error(d.error.message);
    return [
      {
        name: 'startup.core_ms',
        value: performance.now() - t,
        unit: 'ms',
        note: `open + the calls before the first item, in process, ${items.toLocaleString('en')} items`,
      },
    ];
  } finally {
    core.close();
  }
}

export async function queuePage(dir: string, items: number, rounds = 60): Promise<Metric[]> {
  const core = open(dir);
  try {
    // The first read of each shape pays for cold pages of the file; a running app has them.
    for (const filter of FILTERS) await core.dispatch('queue.page', { filter, offset: 0, limit: 50 });
    const samples: number[] = [];
    const perFilter = new Map<string, number[]>();
    for (let r = 0; r < rounds; r++) {
      for (const filter of FILTERS) {
        const t = performance.now();
        const res = await core.dispatch('queue.page', { filter, offset: 0, limit: 50 });
        const ms = performance.now() - t;
        if (!res.ok) throw new Error(res.error.message);
        samples.push(ms);
        const key = JSON.stringify(filter);
        perFilter.set(key, [...(perFilter.get(key) ?? []), ms]);
      }
    }
    for (const [k, s] of perFilter) log(`  queue.page ${k}: p99 ${percentile(s, 99).toFixed(3)} ms`);
    const searches: number[] = [];
    const matches: number[] = [];
    for (let r = 0; r < 10; r++) {
      for (const word of SEARCHES) {
        const t = performance.now();
        const res = await core.dispatch('queue.page', { filter: { search: word }, offset: 0, limit: 50 });
        searches.push(performance.now() - t);
        if (!res.ok) throw new Error(res.error.message);
        if (r === 0) {
          const c = await core.dispatch('queue.count', { filter: { search: word } });
          if (c.ok) matches.push((c.value as { total: number }).total);
        }
      }
    }
    return [
      {
        name: 'queue.search_ms_p99',
        value: percentile(searches, 99),
        unit: 'ms',
        note: `first 50 rows of a text search (${SEARCHES.length} words x 10, ${Math.min(...matches).toLocaleString('en')} to ${Math.max(...matches).toLocaleString('en')} matches each), ${items.toLocaleString('en')} items; p50 ${percentile(searches, 50).toFixed(3)} ms`,
      },
      {
        name: 'queue.page_ms_p99',
        value: percentile(samples, 99),
        unit: 'ms',
        note: `first 50 rows, ${FILTERS.length} filter shapes x ${rounds}, ${items.toLocaleString('en')} items; p50 ${percentile(samples, 50).toFixed(3)} ms; target <= 5`,
      },
    ];
  } finally {
    core.close();
  }
}

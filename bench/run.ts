// `npm run bench [-- --only NAME[,NAME] --large N --items N]`: every figure the project tracks,
// one JSON line each on stdout (progress on stderr). Figures that compare two things measure
// both in this run. Defaults: 100,000 items for the UI and import, 1,000,000 for page/startup.
// Each part runs in a process of its own (this script again, with --part), on data folders
// seeded by processes of their own: no part's figures carry what another part, or seeding,
// left in memory.
import { parseArgs } from 'node:util';
// @ts-expect-error plain ESM script without types
import { ensureBuilt } from '../scripts/lib/ensure-built.mjs';
import { auditFigures } from './audit';
import { decisionWrite } from './decision-write';
import { detectionSpeed } from './detection';
import { incrementalRescore } from './rescore';
import { routeFigures } from './route';
import { slaRecompute } from './sla';
import { similarCasesFigure } from './similar';
import { qaFigures } from './qa';
import { syncFigures } from './sync';
import { templateSearch } from './template';
import { syncFaultFigures } from './sync-faults';
import { hostileFigures } from './hostile';
import { importNdjson } from './import-ndjson';
import { emit, log, percentile, timed, type Metric } from './lib/metrics';
import { runScript } from './lib/child';
import { removeTempDirs, seededDir } from './lib/workload';
import { coreStartup, queuePage } from './queue-page';
import { launchBrowser, queueNext, scrollMemory, startup } from './ui';

/** The parts `--only` picks from, in the order they run. */
const PARTS = [
  'decision',
  'import',
  'sla',
  'template',
  'detect',
  'sync',
  'sync-faults',
  'hostile',
  'audit',
  'route',
  'similar',
  'qa',
  'memory',
  'next',
  'startup',
  'page',
  'rescore',
];
const USAGE = `usage: npm run bench [-- --only PART[,PART…]] [--items N] [--large N]
  --only   run only these parts: ${PARTS.join(', ')}
  --items  items for the UI, import, decision, SLA and route figures (default 100000)
  --large  items for the page, startup, audit, similar and rescore figures, and decisions for the qa figures (default 1000000)`;

function args() {
  try {
    return parseArgs({
      options: {
        only: { type: 'string' },
        large: { type: 'string', default: '1000000' },
        items: { type: 'string', default: '100000' },
        help: { type: 'boolean', short: 'h' },
        // Internal: run one part here, on this data folder (the parent process passes them).
        part: { type: 'string' },
        dir: { type: 'string', default: '' },
      },
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const values = args();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const LARGE = Number(values.large);
const ITEMS = Number(values.items);
const only = values.only ? new Set(values.only.split(',')) : null;
const unknown = [...(only ?? [])].filter((p) => !PARTS.includes(p));
if (unknown.length || !(LARGE > 0) || !(ITEMS > 0)) {
  console.error(`${unknown.length ? `no such part: ${unknown.join(', ')}` : '--items and --large take a positive number'}\n${USAGE}`);
  process.exit(2);
}
const want = (name: string) => !only || only.has(name);

/** One part, in this process, on the data folder the parent seeded for it (if it needs one). */
async function runPart(name: string, dir: string): Promise<Metric[]> {
  const withBrowser = async (f: (b: Awaited<ReturnType<typeof launchBrowser>>) => Promise<Metric[]>) => {
    const browser = await launchBrowser();
    try {
      return await f(browser);
    } finally {
      await browser.close();
    }
  };
  switch (name) {
    case 'decision':
      return decisionWrite(dir);
    case 'import':
      return importNdjson(ITEMS);
    case 'sla':
      return slaRecompute(dir, ITEMS);
    case 'template':
      return templateSearch();
    case 'detect':
      return detectionSpeed();
    case 'sync':
      return syncFigures();
    case 'sync-faults':
      return syncFaultFigures();
    case 'hostile':
      return hostileFigures();
    case 'audit':
      return auditFigures(LARGE);
    case 'route':
      return routeFigures(dir, ITEMS);
    case 'similar':
      // Its large database is built once and kept between runs (see bench/similar.ts).
      return similarCasesFigure(LARGE);
    case 'qa':
      return qaFigures(dir, LARGE);
    case 'memory':
      return withBrowser((b) => scrollMemory(b, dir, ITEMS));
    case 'next':
      return withBrowser((b) => queueNext(b, dir, ITEMS));
    case 'startup':
      return [...(await coreStartupMedian(dir)), ...(await withBrowser((b) => startup(b, dir, LARGE)))];
    // Internal: one cold start of the core, in a process of its own (see coreStartupMedian).
    case 'startup-core':
      return coreStartup(dir, LARGE);
    case 'page':
      return queuePage(dir, LARGE);
    case 'rescore':
      return incrementalRescore(dir, LARGE);
    default:
      throw new Error(`no such part: ${name}`);
  }
}

/**
 * startup.core_ms is a cold figure, so one sample is one process: a single sample swings by
 * several milliseconds with what the machine does at that moment. The median of fresh
 * processes is the figure; the spread goes in its note.
 */
async function coreStartupMedian(dir: string, processes = 7): Promise<Metric[]> {
  const samples: number[] = [];
  for (let i = 0; i < processes; i++) {
    let value: number | undefined;
    const code = await runScript(
      'bench/run.ts',
      ['--part', 'startup-core', '--dir', dir, '--items', String(ITEMS), '--large', String(LARGE)],
      (line) => {
        if (!line.startsWith('{')) return;
        const m = JSON.parse(line) as Metric;
        if (m.name === 'startup.core_ms') value = m.value;
      },
    );
    if (code !== 0 || value === undefined) throw new Error(`startup-core process ${i + 1} failed (exit ${code})`);
    samples.push(value);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return [
    {
      name: 'startup.core_ms',
      value: percentile(sorted, 50),
      unit: 'ms',
      note: `median of ${processes} fresh processes (min ${sorted[0]!.toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)}): open + the calls before the first item, ${LARGE.toLocaleString('en')} items`,
    },
  ];
}

async function partProcess(name: string, dir: string): Promise<void> {
  try {
    (await timed(name, () => runPart(name, dir))).forEach(emit);
  } catch (e) {
    log(`${name} failed: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  } finally {
    removeTempDirs();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  // The UI benchmarks run the built renderer and browser host.
  (ensureBuilt as (o: { quiet: boolean }) => void)({ quiet: false });
  let failed = false;
  // Data folders, each seeded once, when the first part that reads it comes.
  const folders = new Map<string, Promise<string>>();
  const folder = (key: string, make: () => Promise<string>) => {
    if (!folders.has(key)) folders.set(key, timed(`seed ${key}`, make));
    return folders.get(key)!;
  };
  const dirOf = (name: string): Promise<string> | null => {
    switch (name) {
      // Decisions get a database of their own: the UI benchmarks want an untouched queue.
      case 'decision':
        return folder(`${ITEMS} for decisions`, () => seededDir(ITEMS, 2));
      case 'sla':
        return folder(`${ITEMS} for SLA`, () => seededDir(ITEMS, 3));
      case 'route':
        return folder(`${ITEMS} for routing`, () => seededDir(ITEMS, 3));
      // A team's history: --large decisions on the items, a tenth of them reviewed.
      case 'qa':
        return folder(`${ITEMS} with ${LARGE} decisions`, () =>
          seededDir(ITEMS, 4, false, { decisions: LARGE, reviews: Math.round(LARGE / 10) }),
        );
      // Memory first, on an untouched queue; then `next` decides in it.
      case 'memory':
      case 'next':
        return folder(`${ITEMS}, scored`, () => seededDir(ITEMS, 1, true));
      // `rescore` comes last: it scores the large database and imports into it.
      case 'startup':
      case 'page':
      case 'rescore':
        return folder(`${LARGE}`, () => seededDir(LARGE));
      default:
        return null;
    }
  };
  try {
    for (const name of PARTS) {
      if (!want(name)) continue;
      let dir = '';
      try {
        dir = (await dirOf(name)) ?? '';
      } catch (e) {
        failed = true;
        log(`${name} failed: ${(e as Error).message}`);
        continue;
      }
      const code = await runScript(
        'bench/run.ts',
        ['--part', name, '--dir', dir, '--items', String(ITEMS), '--large', String(LARGE)],
        (line) => {
          if (line.trim()) process.stdout.write(`${line}\n`);
        },
      );
      if (code !== 0) failed = true;
    }
  } finally {
    removeTempDirs();
  }
  log(`whole run: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (failed) process.exitCode = 1;
}

if (values.part) void partProcess(values.part, values.dir ?? '');
else void main();

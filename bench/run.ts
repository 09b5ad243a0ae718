// `npm run bench [-- --only NAME[,NAME] --large N --items N]`: every figure the project tracks,
// one JSON line each on stdout (progress on stderr). Figures that compare two things measure
// both in this run. Defaults: 100,000 items for the UI and import, 1,000,000 for page/startup.
import { parseArgs } from 'node:util';
// @ts-expect-error plain ESM script without types
import { ensureBuilt } from '../scripts/lib/ensure-built.mjs';
import { auditFigures } from './audit';
import { decisionWrite } from './decision-write';
import { detectionSpeed } from './detection';
import { incrementalRescore, scoreAll } from './rescore';
import { routeFigures } from './route';
import { slaRecompute } from './sla';
import { similarCasesFigure } from './similar';
import { syncFigures } from './sync';
import { templateSearch } from './template';
import { syncFaultFigures } from './sync-faults';
import { hostileFigures } from './hostile';
import { importNdjson } from './import-ndjson';
import { emit, log, timed, type Metric } from './lib/metrics';
import { open, removeTempDirs, seededDir } from './lib/workload';
import { coreStartup, queuePage } from './queue-page';
import { launchBrowser, queueNext, scrollMemory, startup } from './ui';
import { languageReady } from '../src/core/index';

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
  'memory',
  'next',
  'startup',
  'page',
  'rescore',
];
const USAGE = `usage: npm run bench [-- --only PART[,PART…]] [--items N] [--large N]
  --only   run only these parts: ${PARTS.join(', ')}
  --items  items for the UI, import, decision, SLA and route figures (default 100000)
  --large  items for the page, startup, audit, similar and rescore figures (default 1000000)`;

function args() {
  try {
    return parseArgs({
      options: {
        only: { type: 'string' },
        large: { type: 'string', default: '1000000' },
        items: { type: 'string', default: '100000' },
        help: { type: 'boolean', short: 'h' },
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

async function scoredAlready(dir: string): Promise<void> {
  const core = open(dir);
  try {
    await scoreAll(core);
  } finally {
    core.close();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  // The UI benchmarks run the built renderer and browser host.
  (ensureBuilt as (o: { quiet: boolean }) => void)({ quiet: false });
  // Seeding stores items, classified with their language: the detector loads once, here, as the
  // app's first import would load it (about a third of a second), outside every timed figure.
  await languageReady();
  const out = (ms: Metric[]) => ms.forEach(emit);
  let failed = false;
  const run = async (name: string, f: () => Promise<Metric[]>) => {
    if (!want(name)) return;
    try {
      out(await timed(name, f));
    } catch (e) {
      failed = true;
      log(`${name} failed: ${(e as Error).stack ?? String(e)}`);
    }
  };
  try {
    const needMid = ['next', 'memory'].some(want);
    const mid = needMid ? await timed(`seed ${ITEMS}`, () => seededDir(ITEMS)) : '';
    // Scored before the browser opens it: otherwise the app's own scoring pass runs during the
    // measurements, and each of its rounds reloads the list under the keys being timed.
    if (needMid) await timed(`score ${ITEMS}`, () => scoredAlready(mid));
    // Decisions get a database of their own: the UI benchmarks want an untouched queue.
    await run('decision', async () => decisionWrite(await timed(`seed ${ITEMS}`, () => seededDir(ITEMS, 2))));
    await run('import', () => importNdjson(ITEMS));
    await run('sla', async () => slaRecompute(await timed(`seed ${ITEMS}`, () => seededDir(ITEMS, 3)), ITEMS));
    await run('template', () => templateSearch());
    await run('detect', () => detectionSpeed());
    await run('sync', () => syncFigures());
    await run('sync-faults', () => syncFaultFigures());
    await run('hostile', () => hostileFigures());
    await run('audit', () => auditFigures(LARGE));
    await run('route', async () => routeFigures(await timed(`seed ${ITEMS}`, () => seededDir(ITEMS, 3)), ITEMS));
    // Its large database is built once and kept between runs (see bench/similar.ts).
    await run('similar', () => similarCasesFigure(LARGE));
    const needLarge = ['page', 'startup', 'rescore'].some(want);
    const large = needLarge ? await timed(`seed ${LARGE}`, () => seededDir(LARGE)) : '';
    await run('startup', () => coreStartup(large, LARGE));
    await run('page', () => queuePage(large, LARGE));
    if (['next', 'memory', 'startup'].some(want)) {
      const browser = await launchBrowser();
      try {
        // Memory first, on an untouched queue; then decisions change it.
        await run('memory', () => scrollMemory(browser, mid, ITEMS));
        await run('next', () => queueNext(browser, mid, ITEMS));
        await run('startup', () => startup(browser, large, LARGE));
      } finally {
        await browser.close();
      }
    }
    // Last: it scores the large database and imports into it.
    await run('rescore', () => incrementalRescore(large, LARGE));
  } finally {
    removeTempDirs();
  }
  log(`whole run: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (failed) process.exitCode = 1;
}

void main();

// `seed --items N`: a generated workload loaded into the database, or written as NDJSON.
// The same --seed and --now give the same records, byte for byte.
import { generateWorkload, languageReady, loadWorkload, toInterchange } from '../../core/index';
import { absolute, dataDirOf, intOpt, parseCommand, stringOpt } from '../args';
import { scorePending, withCore } from '../core';
import { asFailure, CliFailure, EXIT, UsageError } from '../errors';
import { say, type CliIo } from '../io';
import { formatCount, Progress } from '../progress';
import { fileSink } from './export';

export const MAX_SEED_ITEMS = 10_000_000;
/** Characters buffered before a write to --out. */
const WRITE_BATCH = 1024 * 1024;

export async function seedCommand(args: readonly string[], io: CliIo): Promise<number> {
  const p = parseCommand(
    'seed',
    args,
    { items: { type: 'string' }, seed: { type: 'string' }, now: { type: 'string' }, out: { type: 'string' } },
    false,
  );
  if (p.help) throw new UsageError('', 'seed');
  const items = intOpt(p, 'items', 'seed', 1, MAX_SEED_ITEMS);
  if (items === undefined) throw new UsageError('--items N is required (how many items to generate)', 'seed');
  const seed = intOpt(p, 'seed', 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) ?? 1;
  const nowText = stringOpt(p, 'now');
  const now = nowText === undefined ? Date.now() : Date.parse(nowText);
  if (!Number.isFinite(now))
    throw new UsageError(`--now must be an ISO 8601 date such as 2025-01-31T12:00:00Z (got ${JSON.stringify(nowText)})`, 'seed');
  const out = stringOpt(p, 'out');
  if (out !== undefined && !out.trim()) throw new UsageError('--out needs a file name', 'seed');
  // One NDJSON file holds every record type; a .csv name would be read back as CSV.
  if (out !== undefined && /\.csv$/i.test(out))
    throw new UsageError(`seed writes NDJSON: give --out a name such as workload.ndjson (got ${out})`, 'seed');
  const at = new Date(now).toISOString();
  const progress = new Progress(io.stderr, { label: 'seed', total: items });

  if (out !== undefined) {
    const counts = await writeWorkload(absolute(io, out), out, { items, seed, now }, progress);
    progress.finish();
    if (p.json) say(io.stdout, JSON.stringify({ file: out, format: 'ndjson', ...counts, seed, now: at }));
    else say(io.stderr, `Wrote ${describe(counts)} to ${out} (seed ${seed}, now ${at}).`);
    return EXIT.ok;
  }

  const dataDir = dataDirOf(p, io, 'seed');
  const counts = await withCore(dataDir, async (core) => {
    let loaded: Counts;
    // Items are classified as they are stored, their language included.
    await languageReady();
    try {
      loaded = loadWorkload(core.db, { items, seed, now }, (done) => progress.update(done));
    } catch (e) {
      throw asFailure(e, 'Seeding stopped (batches written before this point are kept)');
    } finally {
      progress.finish();
    }
    await scorePending(core, new Progress(io.stderr, { label: 'detection', total: loaded.items }));
    return loaded;
  });
  if (p.json) say(io.stdout, JSON.stringify({ dataDir, ...counts, seed, now: at }));
  else say(io.stderr, `Loaded ${describe(counts)} into ${dataDir} (seed ${seed}, now ${at}).`);
  return EXIT.ok;
}

interface Counts {
  items: number;
  accounts: number;
  follows: number;
}

function describe(c: Counts): string {
  return `${formatCount(c.items)} items, ${formatCount(c.accounts)} accounts and ${formatCount(c.follows)} follows`;
}

async function writeWorkload(
  path: string,
  shown: string,
  opts: { items: number; seed: number; now: number },
  progress: Progress,
): Promise<Counts> {
  const sink = await fileSink(path, shown);
  const counts: Counts = { items: 0, accounts: 0, follows: 0 };
  let buffer = '';
  try {
    for (const r of generateWorkload(opts)) {
      counts[r.type === 'account' ? 'accounts' : r.type === 'item' ? 'items' : 'follows']++;
      buffer += `${JSON.stringify(toInterchange(r))}\n`;
      if (buffer.length >= WRITE_BATCH) {
        await sink.write(buffer);
        buffer = '';
        progress.update(counts.items);
      }
    }
    await sink.write(buffer);
    progress.update(counts.items);
    await sink.end();
  } catch (e) {
    await sink.end().catch(() => undefined);
    progress.finish();
    const f = asFailure(e);
    throw new CliFailure(`Writing ${shown} stopped: ${f.message}. The file is incomplete.`, f.code);
  }
  return counts;
}

// `eval --train DIR --test DIR`: the default detectors (zeroShot) and the app's trainer
// fitted on --train (trained), scored on the labelled CSV files of --test. With --json the
// last line of stdout is one JSON object; without, a table.
import { existsSync, statSync } from 'node:fs';
import { EVAL_KINDS, evaluateFolders, type KindResult } from '../../core/index';
import { absolute, parseCommand } from '../args';
import { CliFailure, EXIT, UsageError } from '../errors';
import { say, type CliIo } from '../io';

function folder(io: CliIo, value: unknown, flag: string): string {
  if (typeof value !== 'string' || !value) throw new UsageError(`${flag} DIR is required`, 'eval');
  const dir = absolute(io, value);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliFailure(`${flag}: ${value} is not a folder.`, 'not_found');
  return dir;
}

const round = (n: number) => Math.round(n * 10000) / 10000;

function roundAll<T extends object>(x: T): T {
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, k === 'n' || typeof v !== 'number' ? v : round(v)])) as T;
}

function rounded(r: KindResult): KindResult {
  const spread = r.spread
    ? { spread: { zeroShot: roundAll(r.spread.zeroShot), ...(r.spread.trained ? { trained: roundAll(r.spread.trained) } : {}) } }
    : {};
  return { zeroShot: roundAll(r.zeroShot), ...(r.trained ? { trained: roundAll(r.trained) } : {}), ...spread };
}

export async function evalCommand(args: readonly string[], io: CliIo): Promise<number> {
  const p = parseCommand('eval', args, { train: { type: 'string' }, test: { type: 'string' } }, false);
  if (p.help) throw new UsageError('', 'eval');
  const train = folder(io, p.values.train, '--train');
  const test = folder(io, p.values.test, '--test');
  const results = evaluateFolders(train, test);
  const kinds = [...EVAL_KINDS, 'sentiment' as const].filter((k) => results[k]);
  if (!kinds.length) throw new CliFailure(`No accounts.csv, reviews.csv or comments.csv in ${test}.`, 'not_found');
  const out = Object.fromEntries(kinds.map((k) => [k, rounded(results[k]!)]));
  if (p.json) {
    say(io.stdout, JSON.stringify(out));
    return EXIT.ok;
  }
  const lines = ['kind       model      n      MCC    accuracy precision recall  F1     PR-AUC   ROC-AUC  neg≥.7   pos≥.7'];
  for (const k of kinds) {
    const r = out[k]!;
    for (const name of ['zeroShot', 'trained'] as const) {
      const m = r[name];
      if (!m) continue;
      const s = r.spread?.[name];
      const figures = [m.mcc, m.accuracy, m.precision, m.recall, m.f1, m.prAuc, ...(s ? [s.rocAuc, s.negativesHigh, s.positivesHigh] : [])];
      lines.push(
        `${k.padEnd(10)} ${name.padEnd(10)} ${String(m.n).padStart(5)}  ${figures.map((v) => v.toFixed(3).padStart(6)).join('   ')}`,
      );
    }
  }
  say(io.stdout, lines.join('\n'));
  return EXIT.ok;
}

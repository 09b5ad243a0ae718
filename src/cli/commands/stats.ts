// `stats`: the Stats of the contract, as one JSON object or as a table for people.
import { ITEM_KINDS, ITEM_STATUSES, type Stats } from '../../shared/model';
import { dataDirOf, parseCommand } from '../args';
import { call, withCore } from '../core';
import { EXIT, UsageError } from '../errors';
import { noteNew, say, type CliIo } from '../io';
import { formatCount } from '../progress';

export async function statsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const p = parseCommand('stats', args, {}, false);
  if (p.help) throw new UsageError('', 'stats');
  const dataDir = dataDirOf(p, io, 'stats');
  const stats = await withCore(
    dataDir,
    (core) => call(core, 'stats', {}),
    () => noteNew(io, dataDir),
  );
  say(io.stdout, p.json ? JSON.stringify(stats) : statsTable(stats, dataDir));
  return EXIT.ok;
}

export function statsTable(s: Stats, dataDir: string): string {
  const rows: [string, number][] = [['Items', s.items]];
  for (const status of ITEM_STATUSES) if (s.byStatus[status]) rows.push([`  ${status}`, s.byStatus[status]!]);
  const kinds = ITEM_KINDS.filter((k) => s.byKind[k]);
  if (kinds.length) {
    rows.push(['By kind', NaN]);
    for (const k of kinds) rows.push([`  ${k}`, s.byKind[k]!]);
  }
  rows.push(['Accounts', s.accounts], ['Follows', s.follows], ['Decisions', s.decisions], ['Events', s.events], ['Outbox', s.outbox]);
  const labelWidth = Math.max(...rows.map(([l]) => l.length)) + 2;
  const numWidth = Math.max(...rows.map(([, n]) => (Number.isNaN(n) ? 0 : formatCount(n).length)));
  const lines = rows.map(([label, n]) => (Number.isNaN(n) ? label : `${label.padEnd(labelWidth)}${formatCount(n).padStart(numWidth)}`));
  return [`Data folder: ${dataDir}`, '', ...lines].join('\n');
}

// `accounts --top N` and `campaigns`: what detection found, through the contract.
import type { AccountScore, CampaignInfo, Sureness } from '../../shared/model';
import { dataDirOf, parseCommand } from '../args';
import { call, scorePending, withCore } from '../core';
import { EXIT, UsageError } from '../errors';
import { noteNew, say, type CliIo } from '../io';

const pct = (n: number) => `${Math.round(n * 100)} %`;
const WORDS = { low: 'not sure', medium: 'fairly sure', high: 'sure' } as const;
const sureText = (s: Sureness | undefined) => (s ? `${WORDS[s.level]}: ${s.basis}` : 'how sure: not recorded');

export async function accountsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const p = parseCommand('accounts', args, { top: { type: 'string' } }, false);
  if (p.help) throw new UsageError('', 'accounts');
  const top = p.values.top === undefined ? 20 : Number(p.values.top);
  if (!Number.isInteger(top) || top < 1 || top > 10_000)
    throw new UsageError(`--top must be a whole number from 1 to 10,000 (got ${JSON.stringify(p.values.top)})`, 'accounts');
  const dataDir = dataDirOf(p, io, 'accounts');
  const { accounts } = await withCore(
    dataDir,
    async (core) => {
      await scorePending(core);
      return call(core, 'accounts.top', { limit: top });
    },
    () => noteNew(io, dataDir),
  );
  if (p.json) {
    say(io.stdout, JSON.stringify({ accounts }));
    return EXIT.ok;
  }
  say(io.stdout, accounts.length ? accounts.map(accountLine).join('\n') : 'No accounts scored yet: import some first.');
  return EXIT.ok;
}

function accountLine(a: AccountScore): string {
  const audit =
    a.fakeFollowerShare === undefined
      ? ''
      : `; ${pct(a.fakeFollowerShare)} of known followers look fake, reach about ${a.adjustedReach!.toLocaleString('en')}`;
  return `${a.score.toFixed(2)} (${sureText(a.sure)})  ${a.platform}/${a.id} @${a.handle}: ${a.reasons.join('; ')}${audit}`;
}

export async function campaignsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const p = parseCommand('campaigns', args, {}, false);
  if (p.help) throw new UsageError('', 'campaigns');
  const dataDir = dataDirOf(p, io, 'campaigns');
  const { campaigns } = await withCore(
    dataDir,
    async (core) => {
      await scorePending(core);
      return call(core, 'campaigns.list', { limit: 10_000 });
    },
    () => noteNew(io, dataDir),
  );
  if (p.json) {
    const out = campaigns.map(({ id, kind, accounts, items, score, sure, reasons }) => ({
      id,
      kind,
      accounts,
      items,
      score,
      sure,
      reasons,
    }));
    say(io.stdout, JSON.stringify({ campaigns: out }));
    return EXIT.ok;
  }
  say(io.stdout, campaigns.length ? campaigns.map(campaignLine).join('\n\n') : 'No campaigns found.');
  return EXIT.ok;
}

function campaignLine(c: CampaignInfo): string {
  return `${c.id} (${c.score.toFixed(2)}, ${sureText(c.sure)}): ${c.reasons.join(', ')}\n  e.g. “${c.examples[0] ?? ''}”`;
}

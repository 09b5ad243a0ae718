// `audit verify` and `audit proof`: a workstation's record, and servers' logs, checked from the
// command line.
//   audit verify [--data-dir D] [--offline]           this workstation's chain and copy of the server's log (and the server today)
//   audit verify --server URL [--server URL2] [--key KEY] [--data-dir D]
//                                                     servers' signed logs: each checkpoint, against this workstation's, and against each other
//   audit proof EVENT_ID [--data-dir D] [--out FILE]  an inclusion proof file for one event
// Exit 0 when everything holds, 1 when something does not (each problem said), 2 for usage.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE, parsePublicKey, printable, verifyCheckpoint, verifyConsistency, type LogPublicKey } from '../../core/index';
import type { AuditReport } from '../../shared/model';
import { absolute, dataDirOf, parseCommand, stringOpt } from '../args';
import { call, withCore } from '../core';
import { EXIT, UsageError } from '../errors';
import { say, type CliIo } from '../io';

const when = (t: number) => `${new Date(t).toISOString().replace('T', ' ').slice(0, 16)} UTC`;

function reportText(r: AuditReport, dataDir: string): string {
  const lines = [`Data folder: ${dataDir}`, `This workstation's log: ${r.chain.entries.toLocaleString('en-US')} entries, chained.`];
  const s = r.serverLog;
  if (!s) lines.push('No copy of a signed server log here (never synced with a server that signs one).');
  else {
    lines.push(
      `Copy of the server's log: ${s.entries.toLocaleString('en-US')} entries, ${s.kept.toLocaleString('en-US')} of them kept here in full.`,
    );
    if (s.checkpoint)
      lines.push(
        `Newest checkpoint verified: ${s.checkpoint.size.toLocaleString('en-US')} entries, signed ${when(s.checkpoint.signedAt)}, key ${s.checkpoint.key}.`,
      );
    lines.push(
      `The server today: ${{ consistent: 'its log extends what was verified here', 'not-asked': 'not asked', unreachable: 'could not be reached', inconsistent: 'its log does NOT extend what was verified here' }[s.server]}.`,
    );
  }
  lines.push(r.ok ? 'The record holds.' : 'The record does not hold:');
  for (const p of r.problems) lines.push(`  ${p.where}${p.position === null ? '' : ` at ${p.position}`}: ${printable(p.what, 500)}`);
  return lines.join('\n');
}

interface ServerView {
  url: string;
  origin: string;
  size: number;
  root: Buffer;
  time: number;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  const body = (await res.json().catch(() => null)) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(body?.error?.message ?? `answered ${res.status}`);
  return body;
}

/** Each server's newest checkpoint under the key given (or the one it names, said to be unchecked), then each pair compared. */
async function verifyServers(urls: string[], key: LogPublicKey | null, pinned: { url: string; size: number; root: Buffer } | null) {
  const problems: { server: string; position: number | null; what: string }[] = [];
  const notes: string[] = [];
  const views: ServerView[] = [];
  for (const raw of urls) {
    const url = new URL(raw).origin;
    let cp: { checkpoint: string; publicKey: string; fingerprint: string; origin: string };
    try {
      cp = await getJson(`${url}/audit/checkpoint`);
    } catch (e) {
      problems.push({ server: url, position: null, what: `no checkpoint: ${(e as Error).message}` });
      continue;
    }
    const k = key ?? parsePublicKey(cp.publicKey);
    if (!key) notes.push(`${url}: no key given, so its own (fingerprint ${cp.fingerprint}) was taken on trust; pass --key to check it`);
    const v = verifyCheckpoint(cp.checkpoint, k);
    if (!v.ok) {
      problems.push({ server: url, position: null, what: `its checkpoint does not verify: ${v.reason}` });
      continue;
    }
    views.push({ url, origin: v.checkpoint.origin, size: v.checkpoint.size, root: v.checkpoint.root, time: v.checkpoint.time });
    notes.push(`${url}: ${v.checkpoint.origin}, ${v.checkpoint.size.toLocaleString('en-US')} entries, signed ${when(v.checkpoint.time)}`);
  }
  const extends_ = async (later: ServerView, size: number, root: Buffer): Promise<boolean> => {
    if (size > later.size) return false;
    const p = await getJson<{ proof: string[] }>(`${later.url}/audit/consistency?from=${size}&to=${later.size}`);
    return verifyConsistency(
      size,
      later.size,
      p.proof.map((x) => Buffer.from(x, 'base64')),
      root,
      later.root,
    ).ok;
  };
  if (pinned) {
    for (const v of views) {
      if (!(await extends_(v, pinned.size, pinned.root).catch(() => false))) {
        problems.push({
          server: v.url,
          position: pinned.size,
          what: `its log does not extend the one this workstation verified at size ${pinned.size} (from ${pinned.url}): its history was rewritten, or it is another log`,
        });
      }
    }
  }
  // A fork: two views of one log (same origin) where neither extends the other. Found by asking
  // both for their roots at a size, halving, to name the first entry where they part.
  for (let i = 0; i < views.length; i++) {
    for (let j = i + 1; j < views.length; j++) {
      const [a, b] = views[i]!.size <= views[j]!.size ? [views[i]!, views[j]!] : [views[j]!, views[i]!];
      if (await extends_(b, a.size, a.root).catch(() => false)) continue;
      let lo = 0;
      let hi = a.size;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        const [ra, rb] = await Promise.all([
          getJson<{ root: string }>(`${a.url}/audit/root?to=${mid}`),
          getJson<{ root: string }>(`${b.url}/audit/root?to=${mid}`),
        ]);
        if (ra.root === rb.root) lo = mid;
        else hi = mid - 1;
      }
      problems.push({
        server: `${a.url} and ${b.url}`,
        position: lo,
        what: `a fork: ${a.url} (${a.size} entries) and ${b.url} (${b.size}) agree on the first ${lo} entries and differ from entry ${lo} on${a.origin === b.origin ? '' : ` (they name their logs ${a.origin} and ${b.origin})`}`,
      });
    }
  }
  return {
    ok: problems.length === 0,
    servers: views.map((v) => ({ url: v.url, origin: v.origin, size: v.size, signedAt: v.time })),
    notes,
    problems,
  };
}

export async function verifyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const p = parseCommand(
    'audit',
    args,
    { server: { type: 'string', multiple: true }, key: { type: 'string' }, offline: { type: 'boolean' } },
    false,
  );
  if (p.help) throw new UsageError('', 'audit');
  const servers = (p.values.server as unknown as string[] | undefined) ?? [];
  const dataDir = dataDirOf(p, io, 'audit');
  const hasData = existsSync(join(dataDir, DB_FILE));
  if (!servers.length) {
    if (!hasData)
      throw new UsageError(`there is no workstation database in ${dataDir}: give --data-dir, or --server URL to check a server`, 'audit');
    const r = await withCore(dataDir, (core) => call(core, 'audit.verify', { server: p.values.offline !== true }));
    say(io.stdout, p.json ? JSON.stringify(r) : reportText(r, dataDir));
    return r.ok ? EXIT.ok : EXIT.rejected;
  }
  for (const s of servers) {
    try {
      if (!/^https?:$/.test(new URL(s).protocol)) throw new Error('not http');
    } catch {
      throw new UsageError(`--server ${JSON.stringify(s)} is not a server address (http://host:port)`, 'audit');
    }
  }
  const keyText = stringOpt(p, 'key');
  let key: LogPublicKey | null = null;
  let pinned: { url: string; size: number; root: Buffer } | null = null;
  if (hasData) {
    await withCore(dataDir, async (core) => {
      const identity = core.db.prepare("SELECT value FROM sync_state WHERE key = 'logIdentity'").pluck().get() as string | undefined;
      const cp = core.db.prepare('SELECT size, root FROM log_checkpoints ORDER BY size DESC LIMIT 1').get() as
        { size: number; root: Buffer } | undefined;
      if (identity) {
        const id = JSON.parse(identity) as { url: string; publicKey: string };
        key = parsePublicKey(id.publicKey);
        if (cp) pinned = { url: id.url, size: cp.size, root: cp.root };
      }
    });
  }
  if (keyText) {
    try {
      key = parsePublicKey(keyText);
    } catch (e) {
      throw new UsageError(`--key is not a public key: ${(e as Error).message}`, 'audit');
    }
  }
  const r = await verifyServers(servers, key, pinned);
  if (p.json) say(io.stdout, JSON.stringify(r));
  else {
    for (const n of r.notes) say(io.stdout, n);
    say(io.stdout, r.ok ? 'The servers’ logs hold.' : 'The servers’ logs do not hold:');
    for (const x of r.problems)
      say(io.stdout, `  ${x.server}${x.position === null ? '' : ` at entry ${x.position}`}: ${printable(x.what, 500)}`);
  }
  return r.ok ? EXIT.ok : EXIT.rejected;
}

export async function proofCommand(args: readonly string[], io: CliIo): Promise<number> {
  const p = parseCommand('audit', args, { out: { type: 'string' } }, true);
  if (p.help) throw new UsageError('', 'audit');
  if (p.positionals.length !== 1) throw new UsageError('proof needs the EVENT_ID of one event', 'audit');
  const dataDir = dataDirOf(p, io, 'audit');
  const proof = await withCore(dataDir, (core) => call(core, 'audit.proof', { eventId: p.positionals[0]! }));
  const out = absolute(io, stringOpt(p, 'out') ?? proof.fileName);
  writeFileSync(out, `${proof.file}\n`);
  say(
    io.stdout,
    p.json
      ? JSON.stringify({ file: out, summary: proof.summary, bytes: Buffer.byteLength(proof.file) })
      : `${proof.summary}.\nWritten to ${out} (${Buffer.byteLength(proof.file)} bytes); check it with: audit verify-proof ${out} --key KEY`,
  );
  return EXIT.ok;
}

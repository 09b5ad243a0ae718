// `audit <subcommand>`: the verifiable log, checked from the command line.
//   audit verify …                      a workstation's record, or servers' logs (audit-record.ts)
//   audit proof EVENT_ID                an inclusion proof file for one event (audit-record.ts)
//   audit verify-proof FILE --key KEY   does this inclusion proof file hold under the log's key?
// Exit 0 when it holds, 1 when it does not (with the reason), 2 for a usage error.
import { readFileSync, statSync } from 'node:fs';
import { MAX_PROOF_FILE_BYTES, parsePublicKey, printable, verifyProofFile, type LogPublicKey } from '../../core/index';
import { absolute, parseCommand, stringOpt } from '../args';
import { EXIT, UsageError } from '../errors';
import { say, type CliIo } from '../io';
import { proofCommand, verifyCommand } from './audit-record';

type Subcommand = (args: readonly string[], io: CliIo) => Promise<number>;

const SUBCOMMANDS: Record<string, Subcommand> = {
  verify: verifyCommand,
  proof: proofCommand,
  'verify-proof': verifyProofCommand,
};

export async function auditCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') throw new UsageError('', 'audit');
  const run = Object.prototype.hasOwnProperty.call(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) {
    const hint = sub.startsWith('-') ? `the audit command comes first, then its options (got ${sub})` : `unknown audit command "${sub}"`;
    throw new UsageError(`${hint}; there is: ${Object.keys(SUBCOMMANDS).join(', ')}`, 'audit');
  }
  return run(rest, io);
}

/** A key file is small; anything larger is not one. */
const MAX_KEY_FILE = 64 * 1024;

/** --key: the key itself (base64, PEM, verifier key) or a file holding it. */
function readKey(io: CliIo, value: string | undefined): LogPublicKey {
  if (value === undefined || !value.trim())
    throw new UsageError("--key KEY is required: the log's public key (base64), or a file holding it or its PEM", 'audit');
  const path = absolute(io, value);
  let text = value;
  let from = 'the --key value';
  const stat = (() => {
    try {
      return statSync(path);
    } catch {
      return null;
    }
  })();
  if (stat) {
    if (!stat.isFile() || stat.size > MAX_KEY_FILE) throw new UsageError(`--key ${value} is not a key file`, 'audit');
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new UsageError(`--key ${value} cannot be read: ${(e as Error).message}`, 'audit');
    }
    from = `the key file ${value}`;
  }
  try {
    return parsePublicKey(text);
  } catch (e) {
    throw new UsageError(`${from} is not a public key: ${(e as Error).message}`, 'audit');
  }
}

function readProof(io: CliIo, file: string): string | { tooLarge: number } {
  const path = absolute(io, file);
  let size: number;
  try {
    const s = statSync(path);
    if (!s.isFile()) throw new UsageError(`${file} is not a file`, 'audit');
    size = s.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${file}: no such file`, 'audit');
  }
  if (size > MAX_PROOF_FILE_BYTES) return { tooLarge: size };
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${file} cannot be read: ${(e as Error).message}`, 'audit');
  }
}

async function verifyProofCommand(args: readonly string[], io: CliIo): Promise<number> {
  const p = parseCommand('audit', args, { key: { type: 'string' } }, true);
  if (p.help) throw new UsageError('', 'audit');
  if (p.positionals.length !== 1) {
    throw new UsageError(
      p.positionals.length ? `verify-proof takes one proof file (got ${p.positionals.length})` : 'verify-proof needs the proof FILE',
      'audit',
    );
  }
  const file = p.positionals[0]!;
  const key = readKey(io, stringOpt(p, 'key'));
  const text = readProof(io, file);
  const verdict =
    typeof text === 'string'
      ? verifyProofFile(text, key)
      : ({ ok: false, problem: `the file is ${text.tooLarge.toLocaleString('en-US')} bytes, far too large to be a proof file` } as const);

  if (!verdict.ok) {
    if (p.json) say(io.stdout, JSON.stringify({ ok: false, file, problem: verdict.problem }));
    say(io.stderr, `vigil audit verify-proof: ${printable(file, 200)} does not hold: ${printable(verdict.problem, 2000)}`);
    return EXIT.rejected;
  }
  const cp = verdict.checkpoint;
  if (p.json) {
    say(
      io.stdout,
      JSON.stringify({
        ok: true,
        file,
        summary: verdict.summary,
        entry: verdict.entry,
        leafIndex: verdict.leafIndex,
        treeSize: verdict.treeSize,
        checkpoint: {
          origin: cp.origin,
          size: cp.size,
          root: cp.root.toString('base64'),
          time: cp.time,
          keyName: verdict.keyName,
          keyId: verdict.keyId,
        },
        key: { fingerprint: key.fingerprint },
      }),
    );
  } else {
    say(io.stdout, `The proof holds: ${verdict.summary}.`);
    say(
      io.stdout,
      `Checkpoint: ${printable(cp.origin, 256)}, ${cp.size.toLocaleString('en-US')} entries, signed ${new Date(cp.time).toISOString()} by ${printable(verdict.keyName, 256)} (key ${key.fingerprint}).`,
    );
  }
  return EXIT.ok;
}

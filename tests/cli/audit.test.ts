import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assembleInclusion,
  buildProofFile,
  canonicalJson,
  Frontier,
  inclusionNodes,
  loadOrCreateLogKey,
  makeLogEntry,
  parsePublicKey,
  signCheckpoint,
  type PerfectNode,
} from '../../src/core/index';
import { cli, lines, tempDir } from './helpers';

const { dir, cleanup } = tempDir('vigil-cli-audit-');
afterAll(() => cleanup());

const key = loadOrCreateLogKey(join(dir, 'keys', 'log.pem'), 'vigil/srv-1');
const other = loadOrCreateLogKey(join(dir, 'keys', 'other.pem'), 'vigil/srv-1');
const AT = Date.UTC(2026, 11, 7, 14, 2);

/** A proof file for entry 5 of a 20-entry log signed with `signer`, written to name. */
function proofFile(name: string, signer = key): string {
  const f = new Frontier();
  const nodes = new Map<string, PerfectNode>();
  const entries = Array.from({ length: 20 }, (_, i) =>
    makeLogEntry({
      seq: i + 1,
      status: 'accepted',
      by: 'sam',
      role: 'supervisor',
      receivedAt: AT,
      id: `e${i}`,
      clientId: 'ws',
      clientSeq: i + 1,
      platform: 'x',
      externalId: `item-${i + 1}`,
      action: 'remove',
      baseVersion: 0,
      actor: 'sam',
      createdAt: AT,
    }),
  );
  for (const e of entries) for (const n of f.appendData(canonicalJson(e))) nodes.set(`${n.level}:${n.index}`, n);
  const checkpoint = signCheckpoint({ origin: 'vigil/srv-1', size: 20, root: f.root(), time: AT + 1000 }, signer);
  const text = buildProofFile({
    entry: entries[4]!,
    leafIndex: 4,
    treeSize: 20,
    path: assembleInclusion(inclusionNodes(4, 20), nodes.values()),
    checkpoint,
  });
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const good = proofFile('good.json');
const SUMMARY = 'remove on x/item-5 was logged at 2026-12-07 14:02 UTC by sam (supervisor): entry 5 of 20, accepted';

describe('cli audit verify-proof', () => {
  it('exits 0 when the proof holds, with the key given as base64, a key file, a PEM file or a verifier key', async () => {
    const keyFile = join(dir, 'log.pub');
    writeFileSync(keyFile, `${key.publicKey}\n`);
    const pemFile = join(dir, 'log.pub.pem');
    writeFileSync(pemFile, parsePublicKey(key.publicKey).key.export({ type: 'spki', format: 'pem' }));
    for (const k of [key.publicKey, keyFile, pemFile, 'log.pub', key.verifierKey]) {
      const r = await cli(['audit', 'verify-proof', 'good.json', '--key', k], { cwd: dir });
      expect(r.code, k).toBe(0);
      expect(r.stderr).toBe('');
      expect(lines(r.stdout)[0]).toBe(`The proof holds: ${SUMMARY}.`);
      expect(lines(r.stdout)[1]).toBe(
        `Checkpoint: vigil/srv-1, 20 entries, signed 2026-12-07T14:02:01.000Z by vigil/srv-1 (key ${key.fingerprint}).`,
      );
    }
  });

  it('--json prints one object on stdout', async () => {
    const r = await cli(['audit', 'verify-proof', good, '--key', key.publicKey, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toHaveLength(1);
    const o = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(o).toMatchObject({
      ok: true,
      summary: SUMMARY,
      leafIndex: 4,
      treeSize: 20,
      checkpoint: { origin: 'vigil/srv-1', size: 20, keyName: 'vigil/srv-1', keyId: key.keyId },
    });
    expect((o.entry as Record<string, unknown>).externalId).toBe('item-5');
  });

  it('exits 1 saying why when the proof does not hold', async () => {
    const edited = join(dir, 'edited.json');
    const o = JSON.parse(readFileSync(good, 'utf8')) as { entry: Record<string, unknown> };
    o.entry.action = 'approve';
    writeFileSync(edited, JSON.stringify(o));
    const forged = proofFile('forged.json', other);
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, 'this is not \u001b[31mJSON');
    const cases: [string, RegExp][] = [
      [edited, /edited\.json does not hold: the entry is not proved to be in the log/],
      [forged, /forged\.json does not hold: the checkpoint does not hold: signed by another key/],
      [notJson, /not\.json does not hold: the file is not JSON/],
    ];
    for (const [file, message] of cases) {
      const r = await cli(['audit', 'verify-proof', file, '--key', key.publicKey]);
      expect(r.code, file).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^vigil audit verify-proof: /);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toContain('\u001b');
      const j = await cli(['audit', 'verify-proof', file, '--key', key.publicKey, '--json']);
      expect(j.code).toBe(1);
      expect(JSON.parse(j.stdout)).toMatchObject({ ok: false, problem: expect.stringMatching(/\w/) });
    }
    // The right file under another key.
    const r = await cli(['audit', 'verify-proof', good, '--key', other.publicKey]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('signed by another key');
  });

  it('exits 1 for a file far too large to be a proof, without reading it all', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, Buffer.alloc(1024 * 1024 + 1, 0x20));
    const r = await cli(['audit', 'verify-proof', big, '--key', key.publicKey]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('far too large to be a proof file');
  });

  it('exits 2 for usage errors, naming the mistake', async () => {
    const cases: [string[], string][] = [
      [['audit'], 'Usage: npm run -s cli -- audit verify [--data-dir DIR] [--offline] [--json]'],
      [['audit', 'frobnicate'], 'vigil audit: unknown audit command "frobnicate"; there is: verify, proof, verify-proof'],
      [['audit', 'proof'], 'vigil audit: proof needs the EVENT_ID of one event'],
      [['audit', 'verify', '--server', 'ftp://x'], 'vigil audit: --server "ftp://x" is not a server address'],
      [['audit', 'verify', '--data-dir', join(dir, 'no-workstation-here')], 'there is no workstation database in'],
      [['audit', '--key', 'k'], 'vigil audit: the audit command comes first'],
      [['audit', 'verify-proof', '--key', key.publicKey], 'vigil audit: verify-proof needs the proof FILE'],
      [['audit', 'verify-proof', good, good, '--key', key.publicKey], 'takes one proof file (got 2)'],
      [['audit', 'verify-proof', good], 'vigil audit: --key KEY is required'],
      [['audit', 'verify-proof', good, '--key'], 'vigil audit: --key needs a value'],
      [['audit', 'verify-proof', good, '--key', 'not-a-key'], 'vigil audit: the --key value is not a public key'],
      [['audit', 'verify-proof', good, '--key', good], `vigil audit: the key file ${good} is not a public key`],
      [['audit', 'verify-proof', join(dir, 'missing.json'), '--key', key.publicKey], 'missing.json: no such file'],
      [['audit', 'verify-proof', dir, '--key', key.publicKey], 'is not a file'],
      [['audit', 'verify-proof', good, '--key', key.publicKey, '--verbose'], 'vigil audit: unknown option --verbose'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stdout).toBe('');
    }
    const help = await cli(['help', 'audit']);
    expect(help.code).toBe(2);
    expect(help.stderr).toContain('Exit code: 0 it holds, 1 it does not');
    expect((await cli(['help'])).stderr).toContain('audit verify-proof FILE --key KEY');
  });
});

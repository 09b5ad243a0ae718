import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  leafHash,
  loadOrCreateLogKey,
  parseCheckpoint,
  parsePublicKey,
  signCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
} from '../../../src/core/index';
import { tempDir } from '../helpers';

const key = loadOrCreateLogKey(join(tempDir(), 'log.pem'), 'vigil/srv-1');
const other = loadOrCreateLogKey(join(tempDir(), 'other.pem'), 'vigil/srv-1');
const cp: Checkpoint = { origin: 'vigil/srv-1', size: 1234, root: leafHash('some root'), time: Date.UTC(2026, 11, 7, 14, 2) };

function reasonOf(v: { ok: boolean; reason?: string }): string {
  expect(v.ok).toBe(false);
  return v.reason ?? '';
}

describe('checkpoints', () => {
  it('are a signed note: origin, size, root, time, a blank line, then the signature line', () => {
    const text = signCheckpoint(cp, key);
    const lines = text.split('\n');
    expect(lines.slice(0, 5)).toEqual(['vigil/srv-1', '1234', cp.root.toString('base64'), String(cp.time), '']);
    expect(lines[5]).toMatch(/^\u2014 vigil\/srv-1 [A-Za-z0-9+/]{91}=$/);
    expect(lines[6]).toBe('');
    expect(lines).toHaveLength(7);
    // The signature line starts with the key id the key file reported.
    expect(Buffer.from(lines[5]!.split(' ')[2]!, 'base64').subarray(0, 4).toString('hex')).toBe(key.keyId);
  });

  it("verify with the log's key, given as text or parsed", () => {
    const text = signCheckpoint(cp, key);
    for (const k of [key.publicKey, parsePublicKey(key.publicKey), key.verifierKey]) {
      const v = verifyCheckpoint(text, k);
      expect(v).toMatchObject({
        ok: true,
        keyName: 'vigil/srv-1',
        keyId: key.keyId,
        checkpoint: { origin: cp.origin, size: 1234, time: cp.time },
      });
      if (v.ok) expect(v.checkpoint.root.equals(cp.root)).toBe(true);
    }
    expect(verifyCheckpoint(text, key.publicKey, 'vigil/srv-1').ok).toBe(true);
    expect(reasonOf(verifyCheckpoint(text, key.publicKey, 'vigil/srv-2'))).toContain('of the log "vigil/srv-1", not "vigil/srv-2"');
  });

  it('fail as a bad signature when the size, root, time or origin changed after signing', () => {
    const text = signCheckpoint(cp, key);
    const edits: [string, string][] = [
      ['size', text.replace('\n1234\n', '\n1235\n')],
      ['root', text.replace(cp.root.toString('base64'), leafHash('another root').toString('base64'))],
      ['time', text.replace(`\n${cp.time}\n`, `\n${cp.time + 1}\n`)],
      ['origin', text.replace(/^vigil\/srv-1\n/, 'vigil/srv-2\n')],
    ];
    for (const [what, edited] of edits) {
      expect(edited, what).not.toBe(text);
      expect(reasonOf(verifyCheckpoint(edited, key.publicKey)), what).toMatch(/^bad signature/);
    }
  });

  it("fail as another key's, or as malformed, and never throw", () => {
    const text = signCheckpoint(cp, key);
    expect(reasonOf(verifyCheckpoint(text, other.publicKey))).toMatch(
      /^signed by another key: the checkpoint is signed by vigil\/srv-1 \(key id [0-9a-f]{8}\)/,
    );
    expect(reasonOf(verifyCheckpoint(signCheckpoint(cp, other), key.publicKey))).toMatch(/^signed by another key/);
    // A signature line renamed: its key id no longer matches the key under that name.
    expect(reasonOf(verifyCheckpoint(text.replace('\u2014 vigil/srv-1 ', '\u2014 vigil/srv-9 '), key.publicKey))).toMatch(
      /^signed by another key/,
    );

    const sigLine = text.split('\n')[5]!;
    const cut = text.replace(sigLine, sigLine.slice(0, -7));
    expect(reasonOf(verifyCheckpoint(cut, key.publicKey))).toMatch(/^malformed checkpoint: the signature by vigil\/srv-1 is not base64/);
    // Cut at a base64 boundary: the key id matches, the signature is short.
    const short = text.replace(
      sigLine,
      `\u2014 vigil/srv-1 ${Buffer.from(sigLine.split(' ')[2]!, 'base64').subarray(0, 40).toString('base64')}`,
    );
    expect(reasonOf(verifyCheckpoint(short, key.publicKey))).toMatch(/^bad signature/);

    const malformed: [unknown, RegExp][] = [
      [42, /not text/],
      ['', /newline/],
      [text.replace('\n\n', '\n'), /no blank line/],
      [text.slice(0, text.indexOf('\n\n') + 2), /no signature/],
      [text.replace('\n1234\n', '\n01234\n'), /size "01234"/],
      [text.replace('\n1234\n', '\n-5\n'), /size "-5"/],
      [text.replace('\n1234\n', '\n99999999999999999\n'), /size/],
      [text.replace(cp.root.toString('base64'), 'AAAA'), /root "AAAA" is not a base64 32-byte hash/],
      [text.replace(`\n${cp.time}\n`, '\nsoon\n'), /time "soon"/],
      [text.replace('\n\n', '\nextra line\n\n'), /5 lines, not 4/],
      [text.replace('vigil/srv-1\n', 'vigil/\u001b[31msrv\n'), /control character/],
      [text.replace(sigLine, 'signed, trust me'), /is not "\u2014 NAME BASE64"/],
      [text + 'x'.repeat(20_000) + '\n', /longer than/],
    ];
    for (const [bad, message] of malformed) {
      const v = verifyCheckpoint(bad, key.publicKey);
      expect(reasonOf(v), String(bad).slice(0, 30)).toMatch(/^malformed checkpoint: /);
      expect(reasonOf(v)).toMatch(message);
    }
    expect(reasonOf(verifyCheckpoint(text, 'not a key'))).toMatch(/^the public key is not usable/);
  });

  it('keep a signature from any one of several signers, as signed notes allow', () => {
    const text = signCheckpoint(cp, key);
    const cosigned = text + signCheckpoint(cp, other).split('\n\n')[1]!;
    expect(parseCheckpoint(cosigned)).toMatchObject({ ok: true, signatures: [{ name: 'vigil/srv-1' }, { name: 'vigil/srv-1' }] });
    expect(verifyCheckpoint(cosigned, key.publicKey).ok).toBe(true);
    expect(verifyCheckpoint(cosigned, other.publicKey).ok).toBe(true);
  });

  it('cannot be signed with values a note cannot carry', () => {
    expect(() => signCheckpoint({ ...cp, origin: 'two\nlines' }, key)).toThrow(/origin/);
    expect(() => signCheckpoint({ ...cp, size: -1 }, key)).toThrow(/size/);
    expect(() => signCheckpoint({ ...cp, root: Buffer.alloc(31) }, key)).toThrow(/32-byte/);
    expect(() => signCheckpoint({ ...cp, time: 1.5 }, key)).toThrow(/time/);
  });
});

import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateLogKey, LogKeyError, parsePublicKey } from '../../../src/core/index';
import { tempDir } from '../helpers';

const posix = process.platform !== 'win32';

describe('the log key file', () => {
  it('is made on first use, with its folder, mode 0600, and the same key comes back after', () => {
    const file = join(tempDir(), 'keys', 'nested', 'log-key.pem');
    const first = loadOrCreateLogKey(file, 'vigil/test-server');
    expect(first.created).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first.publicKey, 'base64')).toHaveLength(32);
    expect(first.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(first.fingerprint).toMatch(/^SHA256:([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    expect(first.verifierKey).toBe(
      `vigil/test-server+${first.keyId}+${Buffer.concat([Buffer.of(1), Buffer.from(first.publicKey, 'base64')]).toString('base64')}`,
    );

    const again = loadOrCreateLogKey(file, 'vigil/test-server');
    expect(again.created).toBe(false);
    expect(again.publicKey).toBe(first.publicKey);
    expect(again.fingerprint).toBe(first.fingerprint);
    // The private key signs what the public key verifies.
    const sig = sign(null, Buffer.from('hello'), again.privateKey);
    expect(verify(null, Buffer.from('hello'), parsePublicKey(first.publicKey).key, sig)).toBe(true);
  });

  it.skipIf(!posix)('refuses a key file that others can read or change, saying how to fix it', () => {
    const file = join(tempDir(), 'log-key.pem');
    loadOrCreateLogKey(file, 'vigil/s');
    for (const mode of [0o640, 0o604, 0o644, 0o620, 0o660]) {
      chmodSync(file, mode);
      let error: unknown;
      try {
        loadOrCreateLogKey(file, 'vigil/s');
      } catch (e) {
        error = e;
      }
      expect(error, mode.toString(8)).toBeInstanceOf(LogKeyError);
      expect((error as LogKeyError).code).toBe('key_file_exposed');
      expect((error as Error).message).toContain(`mode 0${mode.toString(8)}`);
      expect((error as Error).message).toContain(`chmod 600 "${file}"`);
    }
    chmodSync(file, 0o400);
    expect(loadOrCreateLogKey(file, 'vigil/s').created).toBe(false);
  });

  it('refuses a file that holds no Ed25519 private key, and a folder', () => {
    const dir = tempDir();
    const notPem = join(dir, 'junk.pem');
    writeFileSync(notPem, 'not a key', { mode: 0o600 });
    expect(() => loadOrCreateLogKey(notPem, 'vigil/s')).toThrow(/does not hold a private key/);
    const rsa = join(dir, 'rsa.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(rsa, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    expect(() => loadOrCreateLogKey(rsa, 'vigil/s')).toThrow(/holds an rsa key; the log signs with Ed25519/);
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    expect(() => loadOrCreateLogKey(folder, 'vigil/s')).toThrow(/not a file/);
  });

  it('refuses key names a signature line cannot carry', () => {
    const file = join(tempDir(), 'k.pem');
    for (const name of ['', 'with space', 'a+b', 'tab\there', 'nbsp\u00a0x', 'x'.repeat(257)]) {
      expect(() => loadOrCreateLogKey(file, name), JSON.stringify(name)).toThrow(/key name/);
    }
  });
});

describe('parsePublicKey', () => {
  const key = loadOrCreateLogKey(join(tempDir(), 'k.pem'), 'vigil/parse');

  it('takes a verifier key whose base64 holds "+"', () => {
    // Keys until one's verifier key has a '+' in its base64 part (about 3 in 4 do).
    for (let i = 0; i < 40; i++) {
      const k = loadOrCreateLogKey(join(tempDir(), 'plus.pem'), 'vigil/plus');
      expect(parsePublicKey(k.publicKey).base64).toBe(k.publicKey);
      if (k.verifierKey.split('+').length <= 3) continue;
      expect(parsePublicKey(k.verifierKey).base64).toBe(k.publicKey);
      return;
    }
    throw new Error('no key with a "+" in 40 tries');
  });

  it('takes base64 of the raw key, a PEM, or a verifier key, all the same key', () => {
    const pem = parsePublicKey(key.publicKey).key.export({ type: 'spki', format: 'pem' }).toString();
    for (const text of [key.publicKey, `  ${key.publicKey}\n`, pem, key.verifierKey]) {
      const k = parsePublicKey(text);
      expect(k.base64).toBe(key.publicKey);
      expect(k.fingerprint).toBe(key.fingerprint);
    }
  });

  it('says what is wrong with anything else', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['not base64 at all!', /not base64/],
      [Buffer.alloc(31).toString('base64'), /31 bytes/],
      [Buffer.alloc(64).toString('base64'), /64 bytes/],
      ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', /not a public key/],
      [
        generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        /ec key, not an Ed25519/,
      ],
      [key.verifierKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+'), /id 00000000 does not match/],
      [key.verifierKey.replace(/^vigil\/parse/, 'vigil/other'), /does not match/],
      ['x'.repeat(20_000), /too long/],
    ];
    for (const [text, message] of cases) {
      expect(() => parsePublicKey(text), text.slice(0, 40)).toThrow(message);
    }
  });
});

// The log's signing key: an Ed25519 key pair in a PEM file of its own, outside the database,
// so that a copy of the database cannot sign checkpoints. Made on first use with mode 0600;
// a key file that others can read is refused, since whoever reads it can sign as the log.
// Key ids follow C2SP signed-note: the first 4 bytes of SHA-256(name || "\n" || 0x01 || key).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeBase64 } from './base64';

/** The algorithm byte of Ed25519 in C2SP signed notes. */
const ED25519 = 0x01;
const RAW_KEY_BYTES = 32;
/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw key follows it. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const MAX_KEY_TEXT = 16 * 1024;

export class LogKeyError extends Error {
  readonly code: 'key_file_exposed' | 'key_file_invalid' | 'key_name_invalid' | 'public_key_invalid';
  constructor(code: LogKeyError['code'], message: string) {
    super(message);
    this.name = 'LogKeyError';
    this.code = code;
  }
}

export interface LogPublicKey {
  key: KeyObject;
  /** The raw 32-byte Ed25519 key. */
  raw: Buffer;
  /** base64 of raw: how the key is handed to people and to `audit verify-proof --key`. */
  base64: string;
  /** SHA-256 of the raw key, hex in groups of four, to compare by eye. */
  fingerprint: string;
}

export interface LogKey {
  /** The key name on checkpoint signature lines. */
  name: string;
  file: string;
  /** Whether this call made the key file. */
  created: boolean;
  privateKey: KeyObject;
  /** base64 of the raw 32-byte public key: what workstations and `audit verify-proof --key` take. */
  publicKey: string;
  /** 8 hex digits: the 4-byte key id on signature lines. */
  keyId: string;
  /** SHA-256 of the raw public key, hex in groups of four, to print at start and compare by eye. */
  fingerprint: string;
  /** The C2SP verifier key, `name+keyid+base64(0x01 || key)`, for tools that speak signed notes. */
  verifierKey: string;
}

/** A key name as C2SP signed notes allow: printable, no spaces, no '+'. */
export function checkKeyName(name: string): void {
  if (typeof name !== 'string' || name.length > 256 || !/^[^\s+\p{Cc}]+$/u.test(name)) {
    throw new LogKeyError(
      'key_name_invalid',
      `a log key name is 1 to 256 visible characters without spaces or "+" (got ${JSON.stringify(name)})`,
    );
  }
}

export function keyIdOf(name: string, raw: Uint8Array): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519]))
    .update(raw)
    .digest()
    .subarray(0, 4);
}

export function fingerprintOf(raw: Uint8Array): string {
  const hex = createHash('sha256').update(raw).digest('hex');
  return `SHA256:${hex.match(/.{4}/g)!.join(' ')}`;
}

function rawOf(publicKey: KeyObject): Buffer {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - RAW_KEY_BYTES);
}

function publicFrom(key: KeyObject): LogPublicKey {
  const raw = rawOf(key);
  return { key, raw, base64: raw.toString('base64'), fingerprint: fingerprintOf(raw) };
}

/**
 * A public key as people pass it: base64 of the raw 32 bytes, a PEM (SPKI), or a C2SP
 * verifier key `name+keyid+base64(0x01 || key)`. Throws a LogKeyError saying what it got.
 */
export function parsePublicKey(text: string): LogPublicKey {
  const t = typeof text === 'string' ? text.trim() : '';
  if (!t) throw new LogKeyError('public_key_invalid', 'the public key is empty');
  if (t.length > MAX_KEY_TEXT) throw new LogKeyError('public_key_invalid', 'the public key text is far too long to be one');
  if (t.startsWith('-----BEGIN')) {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: t, format: 'pem' });
    } catch {
      throw new LogKeyError('public_key_invalid', 'the PEM text is not a public key');
    }
    if (key.asymmetricKeyType !== 'ed25519')
      throw new LogKeyError('public_key_invalid', `the PEM holds an ${key.asymmetricKeyType ?? 'unknown'} key, not an Ed25519 one`);
    return publicFrom(key);
  }
  let raw: Buffer | null = decodeBase64(t);
  // A raw key is 44 characters; a verifier key is longer, and its base64 may hold '+' too.
  const vkey = /^([^+\s]+)\+([0-9a-fA-F]{8})\+(\S+)$/.exec(t);
  if (vkey && !(raw && raw.length === RAW_KEY_BYTES)) {
    const [, name, id, b64] = vkey as unknown as [string, string, string, string];
    const bytes = decodeBase64(b64);
    if (!bytes || bytes.length !== RAW_KEY_BYTES + 1 || bytes[0] !== ED25519)
      throw new LogKeyError('public_key_invalid', 'the verifier key does not end in base64 of an Ed25519 key');
    raw = bytes.subarray(1);
    if (keyIdOf(name, raw).toString('hex') !== id.toLowerCase())
      throw new LogKeyError('public_key_invalid', `the verifier key's id ${id} does not match its name and key`);
  } else {
    if (!raw || raw.length !== RAW_KEY_BYTES) {
      throw new LogKeyError(
        'public_key_invalid',
        `a public key is base64 of 32 bytes (44 characters), a PEM, or a name+id+key verifier key (got ${raw ? `${raw.length} bytes` : 'text that is not base64'})`,
      );
    }
  }
  return publicFrom(createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }));
}

function refuseExposed(file: string): void {
  if (process.platform === 'win32') return;
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) {
    const octal = mode.toString(8).padStart(4, '0');
    throw new LogKeyError(
      'key_file_exposed',
      `The log key file ${file} can be read or changed by other users (mode ${octal}); whoever reads it can sign as this log. Make it private (chmod 600 "${file}") or remove it to make a new key, then start again.`,
    );
  }
}

function createKeyFile(file: string): boolean {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (e) {
    // Another process made it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, String(pem));
    // On disk before the first checkpoint is signed with it.
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (process.platform !== 'win32') {
    const dir = openSync(dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
  return true;
}

/**
 * The log key in file, made (with its folder) when the file does not exist. name is the key
 * name signature lines carry, e.g. the log's origin `vigil/<server id>`. Throws a LogKeyError
 * when the file is readable by others or holds no Ed25519 private key.
 */
export function loadOrCreateLogKey(file: string, name: string): LogKey {
  checkKeyName(name);
  let created = false;
  let exists = true;
  try {
    statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    exists = false;
  }
  if (!exists) created = createKeyFile(file);
  if (!statSync(file).isFile()) throw new LogKeyError('key_file_invalid', `The log key file ${file} is not a file.`);
  refuseExposed(file);
  const text = readFileSync(file, 'utf8');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw new LogKeyError('key_file_invalid', `The log key file ${file} does not hold a private key in PEM form.`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new LogKeyError(
      'key_file_invalid',
      `The log key file ${file} holds an ${privateKey.asymmetricKeyType ?? 'unknown'} key; the log signs with Ed25519.`,
    );
  }
  const pub = publicFrom(createPublicKey(privateKey));
  const keyId = keyIdOf(name, pub.raw);
  return {
    name,
    file,
    created,
    privateKey,
    publicKey: pub.base64,
    fingerprint: pub.fingerprint,
    keyId: keyId.toString('hex'),
    verifierKey: `${name}+${keyId.toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), pub.raw]).toString('base64')}`,
  };
}

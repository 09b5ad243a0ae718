// A checkpoint is the log's signed word on its state: a C2SP signed note whose body is
//   ORIGIN        the log's name, e.g. vigil/<server id>
//   SIZE          how many entries, in decimal
//   ROOT_BASE64   the root hash of the tree over them
//   TIME_MS       when the server signed it, ms since the epoch (the note's one extension line)
// each ending in a newline, then a blank line, then signature lines
//   — KEYNAME BASE64(key id (4 bytes) || Ed25519 signature of the body)
// Reading one never throws: a bad one answers with the reason.
import { sign, verify } from 'node:crypto';
import { decodeBase64 } from './base64';
import { checkKeyName, keyIdOf, parsePublicKey, type LogKey, type LogPublicKey } from './log-key';
import { HASH_BYTES } from './merkle';

export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  /** When it was signed, ms since the epoch. */
  time: number;
}

export interface NoteSignature {
  name: string;
  keyId: Buffer;
  signature: Buffer;
}

const DASH = '\u2014';
const SIGNATURE_BYTES = 64;
/** Far above any real checkpoint: hostile text is refused before it is split. */
export const MAX_CHECKPOINT_BYTES = 16 * 1024;
const DECIMAL = /^(0|[1-9][0-9]{0,15})$/;
/** The last moment a Date can hold: a checkpoint's time always formats. */
const MAX_TIME = 8.64e15;
// Controls other than the newline, and the line separators some readers take for newlines.
const FORBIDDEN = /[^\P{Cc}\n]|[\u2028\u2029]/u;

export type ParsedCheckpoint =
  { ok: true; checkpoint: Checkpoint; body: string; signatures: NoteSignature[] } | { ok: false; reason: string };
export type CheckpointVerdict = { ok: true; checkpoint: Checkpoint; keyName: string; keyId: string } | { ok: false; reason: string };

function checkOrigin(origin: string): string | null {
  if (typeof origin !== 'string' || !origin || origin.length > 256) return 'the origin is 1 to 256 characters';
  if (FORBIDDEN.test(origin) || origin.includes('\n')) return 'the origin holds a control character';
  return null;
}

/** The note body that is signed. Throws on a checkpoint that cannot be written as one. */
export function checkpointBody(cp: Checkpoint): string {
  const bad =
    checkOrigin(cp.origin) ??
    (!Number.isSafeInteger(cp.size) || cp.size < 0 ? `the size must be a whole number from 0 (got ${String(cp.size)})` : null) ??
    (!(cp.root instanceof Uint8Array) || cp.root.byteLength !== HASH_BYTES ? `the root must be a ${HASH_BYTES}-byte hash` : null) ??
    (!Number.isSafeInteger(cp.time) || cp.time < 0 || cp.time > MAX_TIME
      ? `the time must be ms since the epoch (got ${String(cp.time)})`
      : null);
  if (bad) throw new Error(`cannot write this checkpoint: ${bad}`);
  return `${cp.origin}\n${cp.size}\n${Buffer.from(cp.root).toString('base64')}\n${cp.time}\n`;
}

/** The signed note text of a checkpoint, signed with the log's key under its name. */
export function signCheckpoint(cp: Checkpoint, key: Pick<LogKey, 'name' | 'privateKey' | 'publicKey'>): string {
  checkKeyName(key.name);
  const body = checkpointBody(cp);
  const signature = sign(null, Buffer.from(body, 'utf8'), key.privateKey);
  const keyId = keyIdOf(key.name, Buffer.from(key.publicKey, 'base64'));
  return `${body}\n${DASH} ${key.name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
}

const malformed = (why: string): ParsedCheckpoint => ({ ok: false, reason: `malformed checkpoint: ${why}` });

/** The checkpoint and its signature lines, unverified. */
export function parseCheckpoint(text: unknown): ParsedCheckpoint {
  if (typeof text !== 'string') return malformed('it is not text');
  if (text.length > MAX_CHECKPOINT_BYTES) return malformed(`longer than ${MAX_CHECKPOINT_BYTES} characters`);
  if (FORBIDDEN.test(text)) return malformed('it holds a control character');
  if (!text.endsWith('\n')) return malformed('it does not end with a newline');
  const split = text.indexOf('\n\n');
  if (split < 0) return malformed('no blank line between the body and the signatures');
  const body = text.slice(0, split + 1);
  const lines = body.slice(0, -1).split('\n');
  if (lines.length !== 4) return malformed(`the body has ${lines.length} lines, not 4 (origin, size, root, time)`);
  const [origin, sizeText, rootText, timeText] = lines as [string, string, string, string];
  const badOrigin = checkOrigin(origin);
  if (badOrigin) return malformed(badOrigin);
  if (!DECIMAL.test(sizeText) || !Number.isSafeInteger(Number(sizeText)))
    return malformed(`the size ${JSON.stringify(sizeText)} is not a decimal whole number`);
  const root = decodeBase64(rootText);
  if (!root || root.length !== HASH_BYTES) return malformed(`the root ${JSON.stringify(rootText)} is not a base64 ${HASH_BYTES}-byte hash`);
  if (!DECIMAL.test(timeText) || Number(timeText) > MAX_TIME)
    return malformed(`the time ${JSON.stringify(timeText)} is not ms since the epoch`);

  const block = text.slice(split + 2);
  if (!block) return malformed('it has no signature');
  const signatures: NoteSignature[] = [];
  for (const line of block.slice(0, -1).split('\n')) {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m) return malformed(`the signature line ${JSON.stringify(line.slice(0, 80))} is not "${DASH} NAME BASE64"`);
    const bytes = decodeBase64(m[2]!);
    if (!bytes || bytes.length < 5) return malformed(`the signature by ${m[1]} is not base64 of a key id and a signature`);
    signatures.push({ name: m[1]!, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) });
  }
  return { ok: true, checkpoint: { origin, size: Number(sizeText), root, time: Number(timeText) }, body, signatures };
}

/**
 * The checkpoint, if this key signed it. Fails with the reason: malformed text, a signature
 * by another key, or a signature that does not match the text (changed after signing). With
 * expectOrigin, a checkpoint of another log fails too.
 */
export function verifyCheckpoint(text: unknown, publicKey: LogPublicKey | string, expectOrigin?: string): CheckpointVerdict {
  const parsed = parseCheckpoint(text);
  if (!parsed.ok) return parsed;
  let key: LogPublicKey;
  try {
    key = typeof publicKey === 'string' ? parsePublicKey(publicKey) : publicKey;
  } catch (e) {
    return { ok: false, reason: `the public key is not usable: ${(e as Error).message}` };
  }
  const mine = parsed.signatures.filter((s) => s.keyId.equals(keyIdOf(s.name, key.raw)));
  if (!mine.length) {
    const by = parsed.signatures.map((s) => `${s.name} (key id ${s.keyId.toString('hex')})`).join(', ');
    return { ok: false, reason: `signed by another key: the checkpoint is signed by ${by}, not by the key given (${key.fingerprint})` };
  }
  const message = Buffer.from(parsed.body, 'utf8');
  const good = mine.find((s) => s.signature.length === SIGNATURE_BYTES && verify(null, message, key.key, s.signature));
  if (!good) {
    return {
      ok: false,
      reason: `bad signature: the checkpoint's text does not match its signature by ${mine[0]!.name} (changed after signing, or not signed by this key)`,
    };
  }
  const cp = parsed.checkpoint;
  if (expectOrigin !== undefined && cp.origin !== expectOrigin) {
    return { ok: false, reason: `the checkpoint is of the log ${JSON.stringify(cp.origin)}, not ${JSON.stringify(expectOrigin)}` };
  }
  return { ok: true, checkpoint: cp, keyName: good.name, keyId: good.keyId.toString('hex') };
}

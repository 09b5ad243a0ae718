// An inclusion proof file: one log entry with what it takes to show, on another install with
// only the log's public key, that the log holds it at its place:
//   { "format": "vigil-inclusion-proof/1", "entry": {…}, "leafIndex": n, "treeSize": n,
//     "path": ["base64", …], "checkpoint": "<signed note text>" }
// The entry's leaf data is canonicalJson(entry); the path leads from its leaf hash to the root
// of the checkpoint, which the log signed. Everything in a file is treated as hostile.
import { parseCheckpoint, verifyCheckpoint, type Checkpoint } from './checkpoint';
import { decodeBase64 } from './base64';
import { checkLogEntry, logEntryLeafHash, type LogEntry } from './log-entry';
import type { LogPublicKey } from './log-key';
import { HASH_BYTES, verifyInclusion } from './merkle';

export const PROOF_FORMAT = 'vigil-inclusion-proof/1';
/** Far above any real proof (about 1.6 kB for a log of a million entries). */
export const MAX_PROOF_FILE_BYTES = 1024 * 1024;
/** A path is at most one hash per level of a tree of 2^53 leaves. */
const MAX_PATH = 53;

export interface InclusionProofFile {
  format: typeof PROOF_FORMAT;
  entry: LogEntry;
  leafIndex: number;
  treeSize: number;
  path: string[];
  checkpoint: string;
}

export interface ProofFileInput {
  entry: LogEntry;
  leafIndex: number;
  treeSize: number;
  /** The inclusion proof, leaf to root (assembleInclusion's answer). */
  path: readonly Uint8Array[];
  /** The signed checkpoint of treeSize entries. */
  checkpoint: string;
}

export type ProofFileVerdict =
  | {
      ok: true;
      summary: string;
      entry: LogEntry;
      leafIndex: number;
      treeSize: number;
      checkpoint: Checkpoint;
      keyName: string;
      keyId: string;
    }
  | { ok: false; problem: string };

/**
 * The proof file's text (compact JSON). Throws when the pieces do not make a proof: an entry
 * of the wrong shape, a checkpoint of another size, a path that does not lead to its root.
 */
export function buildProofFile(input: ProofFileInput): string {
  const checked = checkLogEntry(input.entry);
  if (!checked.ok) throw new Error(`cannot build a proof file: ${checked.problem}`);
  const parsed = parseCheckpoint(input.checkpoint);
  if (!parsed.ok) throw new Error(`cannot build a proof file: ${parsed.reason}`);
  if (parsed.checkpoint.size !== input.treeSize)
    throw new Error(`cannot build a proof file: the checkpoint is of ${parsed.checkpoint.size} entries, the proof of ${input.treeSize}`);
  const held = verifyInclusion(input.leafIndex, input.treeSize, logEntryLeafHash(input.entry), input.path, parsed.checkpoint.root);
  if (!held.ok) throw new Error(`cannot build a proof file: ${held.reason}`);
  const file: InclusionProofFile = {
    format: PROOF_FORMAT,
    entry: input.entry,
    leafIndex: input.leafIndex,
    treeSize: input.treeSize,
    path: input.path.map((h) => Buffer.from(h).toString('base64')),
    checkpoint: input.checkpoint,
  };
  return JSON.stringify(file);
}

const problem = (text: string): ProofFileVerdict => ({ ok: false, problem: text });

/**
 * Text from a log entry or a checkpoint, fit for a terminal: controls (escape sequences),
 * bidi overrides and line separators are shown as U+FFFD, and long values are cut.
 */
export function printable(text: string, max = 80): string {
  const clean = text.replace(/[\p{Cc}\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, '\uFFFD');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "remove on x/item-42 was logged at 2026-12-07 14:02 UTC by sam (supervisor): entry 1,235 of 1,000,000, accepted" */
export function summarizeEntry(entry: LogEntry, leafIndex: number, treeSize: number): string {
  const who = `${printable(entry.by, 64)} (${printable(entry.role, 32)}${entry.actor !== entry.by ? `, written as "${printable(entry.actor, 64)}"` : ''})`;
  const verdict = entry.verdict ? ` (${printable(entry.verdict, 160)})` : '';
  const place = `entry ${(leafIndex + 1).toLocaleString('en-US')} of ${treeSize.toLocaleString('en-US')}`;
  return `${printable(entry.action, 32)} on ${printable(entry.platform, 32)}/${printable(entry.externalId)} was logged at ${utcMinute(entry.receivedAt)} by ${who}: ${place}, ${entry.status}${verdict}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks a proof file (its text, or the parsed JSON) against the log's public key: the
 * format, the entry's shape, the checkpoint's signature, that the proof is of the
 * checkpoint's size, and that the path leads from the entry's leaf hash to the signed root.
 * The problem says which failed.
 */
export function verifyProofFile(json: unknown, publicKey: LogPublicKey | string): ProofFileVerdict {
  try {
    return check(json, publicKey);
  } catch (e) {
    // Only a caller's own object (not parsed JSON) can get here, through a getter or a toString.
    return problem(`the proof could not be read: ${(e as Error).message}`);
  }
}

function check(json: unknown, publicKey: LogPublicKey | string): ProofFileVerdict {
  let file: unknown = json;
  if (typeof json === 'string') {
    if (json.length > MAX_PROOF_FILE_BYTES)
      return problem(`the file is over ${MAX_PROOF_FILE_BYTES / 1024 / 1024} MiB, far too large to be a proof file`);
    try {
      file = JSON.parse(json);
    } catch (e) {
      return problem(`the file is not JSON (${(e as Error).message})`);
    }
  }
  if (!isRecord(file)) return problem('the file is not a JSON object');
  if (file.format !== PROOF_FORMAT) {
    return problem(
      `the file is not a Vigil inclusion proof: its format is ${JSON.stringify(printable(String(file.format ?? 'missing'), 64))}, expected ${JSON.stringify(PROOF_FORMAT)}`,
    );
  }
  const unknownKey = Object.keys(file).find((k) => !['format', 'entry', 'leafIndex', 'treeSize', 'path', 'checkpoint'].includes(k));
  if (unknownKey !== undefined) return problem(`the file has a field a proof file does not: ${JSON.stringify(printable(unknownKey, 64))}`);
  const { leafIndex, treeSize, path, checkpoint } = file;
  if (typeof treeSize !== 'number' || !Number.isSafeInteger(treeSize) || treeSize < 1)
    return problem('"treeSize" must be a whole number from 1');
  if (typeof leafIndex !== 'number' || !Number.isSafeInteger(leafIndex) || leafIndex < 0)
    return problem('"leafIndex" must be a whole number from 0');
  if (leafIndex >= treeSize) return problem(`"leafIndex" ${leafIndex} is not inside a log of ${treeSize} entries`);
  if (!Array.isArray(path) || path.length > MAX_PATH) return problem(`"path" must be a list of at most ${MAX_PATH} hashes`);
  const hashes: Buffer[] = [];
  for (let i = 0; i < path.length; i++) {
    const h = typeof path[i] === 'string' ? decodeBase64(path[i] as string) : null;
    if (!h || h.length !== HASH_BYTES) return problem(`"path" element ${i} is not a base64 ${HASH_BYTES}-byte hash`);
    hashes.push(h);
  }
  const checked = checkLogEntry(file.entry);
  if (!checked.ok) return problem(checked.problem);
  const entry = checked.entry;

  const signed = verifyCheckpoint(checkpoint, publicKey);
  if (!signed.ok) return problem(`the checkpoint does not hold: ${signed.reason}`);
  const cp = signed.checkpoint;
  if (cp.size !== treeSize)
    return problem(`"treeSize" is ${treeSize.toLocaleString('en-US')} but the checkpoint is of ${cp.size.toLocaleString('en-US')} entries`);

  let leaf: Buffer;
  try {
    leaf = logEntryLeafHash(entry);
  } catch (e) {
    return problem(`the entry cannot be written as canonical JSON, so it cannot be a logged entry: ${(e as Error).message}`);
  }
  const included = verifyInclusion(leafIndex, treeSize, leaf, hashes, cp.root);
  if (!included.ok) {
    const why = included.reason.includes('does not lead')
      ? 'the entry (or its index, or the path) is not what the log holds: its leaf hash and the path do not lead to the signed root'
      : included.reason;
    return problem(`the entry is not proved to be in the log: ${why}`);
  }
  return {
    ok: true,
    summary: summarizeEntry(entry, leafIndex, treeSize),
    entry,
    leafIndex,
    treeSize,
    checkpoint: cp,
    keyName: signed.keyName,
    keyId: signed.keyId,
  };
}

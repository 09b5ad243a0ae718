// The Merkle tree hash of RFC 9162 §2.1 (the tree of RFC 6962), SHA-256 throughout:
//   leaf  = SHA-256(0x00 || data)
//   node  = SHA-256(0x01 || left || right)
//   MTH of n > 1 leaves = node(MTH(first k), MTH(rest)), k the largest power of two below n.
// Inclusion and consistency proofs are checked exactly as §2.1.3.2 and §2.1.4.2 say; a
// failed check answers with a reason, it never throws.
import { hash } from 'node:crypto';
import { isPowerOfTwo } from './bits';

export const HASH_BYTES = 32;

/**
 * Hashes inside loops travel as latin1 strings (one char per byte). Asking crypto.hash for a
 * Buffer makes it allocate one in C++, which costs about three times the SHA-256 of a
 * 65-byte node on this machine; a string digest, copied into pooled Buffers where a Buffer is
 * needed, is the fastest way Node offers to hash millions of small inputs.
 */
export type BinaryHash = string;

const NODE_INPUT = Buffer.alloc(1 + 2 * HASH_BYTES);
NODE_INPUT[0] = 0x01;
/** Leaf data up to this size is framed in one reused buffer; larger data gets its own. */
const LEAF_SCRATCH_BYTES = 64 * 1024;
const LEAF_INPUT = Buffer.alloc(LEAF_SCRATCH_BYTES);

/** MTH({}) = SHA-256 of nothing. Code here uses its own copy, so a caller changing this Buffer changes nothing. */
export const EMPTY_ROOT: Buffer = hash('sha256', Buffer.alloc(0), 'buffer');
export const EMPTY_BINARY: BinaryHash = hash('sha256', Buffer.alloc(0), 'binary');

export function toBinary(h: Uint8Array): BinaryHash {
  return Buffer.from(h.buffer, h.byteOffset, h.byteLength).toString('latin1');
}

export function fromBinary(h: BinaryHash): Buffer {
  return Buffer.from(h, 'latin1');
}

/** The leaf hash of data (a string is hashed as its UTF-8 bytes). */
export function leafBinary(data: Uint8Array | string): BinaryHash {
  const length = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;
  const input = length < LEAF_SCRATCH_BYTES ? LEAF_INPUT : Buffer.allocUnsafe(length + 1);
  input[0] = 0x00;
  if (typeof data === 'string') input.write(data, 1, length, 'utf8');
  else input.set(data, 1);
  return hash('sha256', input.subarray(0, length + 1), 'binary');
}

export function nodeBinary(left: BinaryHash, right: BinaryHash): BinaryHash {
  NODE_INPUT.write(left, 1, HASH_BYTES, 'latin1');
  NODE_INPUT.write(right, 1 + HASH_BYTES, HASH_BYTES, 'latin1');
  return hash('sha256', NODE_INPUT, 'binary');
}

/** The hex digit of each nibble as a character code, lower and upper case. */
const HEX_LOWER = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const HEX_UPPER = Array.from('0123456789ABCDEF', (c) => c.charCodeAt(0));
const isDigit = (code: number, nibble: number) => code === HEX_LOWER[nibble] || code === HEX_UPPER[nibble];

/**
 * Whether a hash given as hex text (either case) is this binary hash. A database hands a
 * million stored hashes over far more cheaply as hex text than as Buffers, so a check that
 * compares each one reads them so and compares here, character by character, allocating
 * nothing. Anything that is not 64 hex digits is not the hash.
 */
export function sameAsHex(h: BinaryHash, hex: string): boolean {
  if (hex.length !== 2 * HASH_BYTES || h.length !== HASH_BYTES) return false;
  for (let i = 0; i < HASH_BYTES; i++) {
    const byte = h.charCodeAt(i);
    if (!isDigit(hex.charCodeAt(2 * i), byte >> 4) || !isDigit(hex.charCodeAt(2 * i + 1), byte & 15)) return false;
  }
  return true;
}

export function leafHash(data: Uint8Array | string): Buffer {
  return fromBinary(leafBinary(data));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.byteLength !== HASH_BYTES || right.byteLength !== HASH_BYTES) {
    throw new Error(`nodeHash needs two ${HASH_BYTES}-byte hashes (got ${left.byteLength} and ${right.byteLength} bytes)`);
  }
  return fromBinary(nodeBinary(toBinary(left), toBinary(right)));
}

/**
 * MTH of the leaves whose hashes these are. Pairing neighbours level by level, an odd last
 * node rising unchanged, gives the same tree as splitting at the largest power of two.
 * The array is used as scratch space.
 */
export function rootOfBinaries(level: BinaryHash[]): BinaryHash {
  let n = level.length;
  if (n === 0) return EMPTY_BINARY;
  while (n > 1) {
    let w = 0;
    for (let i = 0; i + 1 < n; i += 2) level[w++] = nodeBinary(level[i]!, level[i + 1]!);
    if (n % 2 === 1) level[w++] = level[n - 1]!;
    n = w;
  }
  return level[0]!;
}

/** MTH of the tree whose leaf hashes these are, in order. */
export function rootOf(leafHashes: readonly Uint8Array[]): Buffer {
  const level = new Array<BinaryHash>(leafHashes.length);
  for (let i = 0; i < leafHashes.length; i++) {
    const h = leafHashes[i]!;
    if (h.byteLength !== HASH_BYTES) throw new Error(`rootOf: leaf hash ${i} is ${h.byteLength} bytes, not ${HASH_BYTES}`);
    level[i] = toBinary(h);
  }
  return fromBinary(rootOfBinaries(level));
}

/** MTH of the tree over these leaves' data (leaf hashing included). */
export function rootOfData(leaves: readonly (Uint8Array | string)[]): Buffer {
  const level = new Array<BinaryHash>(leaves.length);
  for (let i = 0; i < leaves.length; i++) level[i] = leafBinary(leaves[i]!);
  return fromBinary(rootOfBinaries(level));
}

export type Verdict = { ok: true } | { ok: false; reason: string };

const fail = (reason: string): Verdict => ({ ok: false, reason });

function badSize(name: string, n: number): string | null {
  return Number.isSafeInteger(n) && n >= 0 ? null : `${name} must be a whole number from 0 (got ${String(n)})`;
}

function badHashes(what: string, hashes: readonly Uint8Array[]): string | null {
  if (!Array.isArray(hashes)) return `the ${what} is not a list of hashes`;
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i];
    if (!(h instanceof Uint8Array) || h.byteLength !== HASH_BYTES) return `element ${i} of the ${what} is not a ${HASH_BYTES}-byte hash`;
  }
  return null;
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

/**
 * The root an inclusion proof leads to from this leaf at leafIndex of a tree of treeSize
 * leaves (RFC 9162 §2.1.3.2 before its last comparison), or why the proof cannot be one.
 */
export function rootFromInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): { ok: true; root: Buffer } | { ok: false; reason: string } {
  const bad =
    badSize('the leaf index', leafIndex) ??
    badSize('the tree size', treeSize) ??
    badHashes('inclusion proof', proof) ??
    badHashes('leaf', [leaf]);
  if (bad) return { ok: false, reason: bad };
  if (leafIndex >= treeSize) return { ok: false, reason: `leaf index ${leafIndex} is not inside a tree of ${treeSize} leaves` };
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = toBinary(leaf);
  for (const element of proof) {
    if (sn === 0)
      return { ok: false, reason: `the inclusion proof has more hashes than a tree of ${treeSize} leaves needs for leaf ${leafIndex}` };
    const p = toBinary(element);
    if (isOdd(fn) || fn === sn) {
      r = nodeBinary(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeBinary(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0)
    return { ok: false, reason: `the inclusion proof has fewer hashes than a tree of ${treeSize} leaves needs for leaf ${leafIndex}` };
  return { ok: true, root: fromBinary(r) };
}

/** RFC 9162 §2.1.3.2: is the leaf with this hash at leafIndex of the tree of treeSize leaves with this root? */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Verdict {
  const badRoot = badHashes('root', [root]);
  if (badRoot) return fail(badRoot);
  const walked = rootFromInclusion(leafIndex, treeSize, leaf, proof);
  if (!walked.ok) return walked;
  if (!walked.root.equals(root)) return fail('the inclusion proof does not lead from the leaf to the root hash');
  return { ok: true };
}

/** RFC 9162 §2.1.4.2: is the tree of size2 leaves with root2 an extension of the tree of size1 leaves with root1? */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): Verdict {
  const bad =
    badSize('the first size', size1) ??
    badSize('the second size', size2) ??
    badHashes('consistency proof', proof) ??
    badHashes('roots', [root1, root2]);
  if (bad) return fail(bad);
  if (size1 > size2) return fail(`the first tree (${size1} leaves) is larger than the second (${size2}): a log only grows`);
  if (size1 === size2) {
    if (proof.length) return fail('trees of the same size need an empty consistency proof');
    return toBinary(root1) === toBinary(root2) ? { ok: true } : fail(`two different roots for the same size ${size1}`);
  }
  // Every tree extends the empty one.
  if (size1 === 0) return proof.length ? fail('a consistency proof from the empty tree must be empty') : { ok: true };
  if (proof.length === 0) return fail(`the consistency proof from ${size1} to ${size2} leaves is empty`);

  const path = proof.map(toBinary);
  let fn = size1 - 1;
  let sn = size2 - 1;
  // size1 a power of two: its root is a node of the second tree, and the proof starts above it.
  if (isPowerOfTwo(size1)) path.unshift(toBinary(root1));
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (let i = 1; i < path.length; i++) {
    if (sn === 0) return fail(`the consistency proof has more hashes than ${size1} to ${size2} leaves needs`);
    const c = path[i]!;
    if (isOdd(fn) || fn === sn) {
      fr = nodeBinary(c, fr);
      sr = nodeBinary(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeBinary(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail(`the consistency proof has fewer hashes than ${size1} to ${size2} leaves needs`);
  if (fr !== toBinary(root1))
    return fail(`the consistency proof does not lead to the root of the first ${size1} leaves: the log changed what it had`);
  if (sr !== toBinary(root2)) return fail(`the consistency proof does not lead to the root of the ${size2}-leaf tree`);
  return { ok: true };
}

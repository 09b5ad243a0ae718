// Proofs from stored hashes. A log keeps the hash of every perfect subtree it has completed,
// addressed as (level, index): the subtree over leaves [index·2^level, (index+1)·2^level),
// level 0 being the leaves. Any proof (RFC 9162 §2.1.3.1 inclusion, §2.1.4.1 consistency) and
// any past root is made of such nodes: an element of a proof is either one perfect node or
// the root of a tree's incomplete right edge, which is its perfect nodes folded from the
// right. The *Nodes functions say which nodes a proof needs, so that a store can fetch them
// all in one query; the assemble* functions build the proof from what it fetched.
import { floorLog2, splitPoint } from './bits';
import { fromBinary, nodeBinary, toBinary, HASH_BYTES, EMPTY_BINARY, type BinaryHash } from './merkle';

export interface NodeId {
  level: number;
  index: number;
}

export interface PerfectNode extends NodeId {
  hash: Buffer;
}

/** One element of a proof: the root over these perfect nodes, left to right (mostly one node). */
export type ProofPart = readonly NodeId[];

export interface NodeNeeds {
  /** The proof's elements, in the order the proof lists them. */
  parts: ProofPart[];
  /** Every node the parts name, each once: what to fetch. */
  nodes: NodeId[];
}

/** Where assembly finds a stored hash; null or undefined when the store has none. */
export type NodeLookup = (level: number, index: number) => Uint8Array | null | undefined;

export function nodeKey(level: number, index: number): string {
  return `${level}:${index}`;
}

/** A lookup over nodes fetched from a store (or a Frontier's nodes()). */
export function lookupOf(nodes: Iterable<PerfectNode>): NodeLookup {
  const byKey = new Map<string, Uint8Array>();
  for (const n of nodes) byKey.set(nodeKey(n.level, n.index), n.hash);
  return (level, index) => byKey.get(nodeKey(level, index));
}

function checkCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number from 0 (got ${String(n)})`);
}

/** The perfect nodes that cover [start, start + count), largest first. start is a multiple of the first one's width. */
function rangeNodes(start: number, count: number): NodeId[] {
  const out: NodeId[] = [];
  let pos = start;
  let left = count;
  while (left > 0) {
    const level = floorLog2(left);
    const width = 2 ** level;
    out.push({ level, index: pos / width });
    pos += width;
    left -= width;
  }
  return out;
}

function needsOf(partsTopDown: ProofPart[]): NodeNeeds {
  const parts = partsTopDown.reverse();
  return { parts, nodes: parts.flat() };
}

/** The nodes of the inclusion proof (RFC 9162 PATH) of leaf index in the tree of the first size leaves. */
export function inclusionNodes(index: number, size: number): NodeNeeds {
  checkCount('the leaf index', index);
  checkCount('the tree size', size);
  if (index >= size) throw new RangeError(`leaf index ${index} is not inside a tree of ${size} leaves`);
  const parts: ProofPart[] = [];
  let lo = 0;
  let n = size;
  while (n > 1) {
    const k = splitPoint(n);
    if (index - lo < k) {
      parts.push(rangeNodes(lo + k, n - k));
      n = k;
    } else {
      parts.push(rangeNodes(lo, k));
      lo += k;
      n -= k;
    }
  }
  return needsOf(parts);
}

/** The nodes of the consistency proof (RFC 9162 PROOF) from the first m leaves to the first n. */
export function consistencyNodes(m: number, n: number): NodeNeeds {
  checkCount('the first size', m);
  checkCount('the second size', n);
  if (m > n) throw new RangeError(`no consistency proof from ${m} leaves back to ${n}: a log only grows`);
  if (m === 0 || m === n) return { parts: [], nodes: [] };
  const parts: ProofPart[] = [];
  let lo = 0;
  let size = n;
  let mm = m;
  // Whether the subtree reached so far starts the tree, whose root the verifier already has.
  let whole = true;
  while (mm !== size) {
    const k = splitPoint(size);
    if (mm <= k) {
      parts.push(rangeNodes(lo + k, size - k));
      size = k;
    } else {
      parts.push(rangeNodes(lo, k));
      lo += k;
      size -= k;
      mm -= k;
      whole = false;
    }
  }
  if (!whole) parts.push(rangeNodes(lo, size));
  return needsOf(parts);
}

/** The perfect nodes whose combination is the root of the first size leaves (one part; none for 0). */
export function rootNodes(size: number): NodeNeeds {
  checkCount('the tree size', size);
  const nodes = rangeNodes(0, size);
  return { parts: nodes.length ? [nodes] : [], nodes };
}

function partHash(part: ProofPart, lookup: NodeLookup): BinaryHash {
  let acc: BinaryHash | null = null;
  for (let i = part.length - 1; i >= 0; i--) {
    const { level, index } = part[i]!;
    const h = lookup(level, index);
    if (!h) throw new Error(`no stored hash for the tree node at level ${level}, index ${index}`);
    if (h.byteLength !== HASH_BYTES)
      throw new Error(`the stored hash for the tree node at level ${level}, index ${index} is ${h.byteLength} bytes, not ${HASH_BYTES}`);
    const b = toBinary(h);
    acc = acc === null ? b : nodeBinary(b, acc);
  }
  if (acc === null) throw new Error('an empty proof part');
  return acc;
}

function assemble(needs: NodeNeeds, lookup: NodeLookup | Iterable<PerfectNode>): Buffer[] {
  const find = typeof lookup === 'function' ? lookup : lookupOf(lookup);
  return needs.parts.map((part) => fromBinary(partHash(part, find)));
}

/** The inclusion proof (leaf to root) from the stored hashes of inclusionNodes(). Throws when the store lacks one. */
export function assembleInclusion(needs: NodeNeeds, lookup: NodeLookup | Iterable<PerfectNode>): Buffer[] {
  return assemble(needs, lookup);
}

/** The consistency proof from the stored hashes of consistencyNodes(). Throws when the store lacks one. */
export function assembleConsistency(needs: NodeNeeds, lookup: NodeLookup | Iterable<PerfectNode>): Buffer[] {
  return assemble(needs, lookup);
}

/** The root from the stored hashes of rootNodes(); the empty tree's root for size 0. */
export function assembleRoot(needs: NodeNeeds, lookup: NodeLookup | Iterable<PerfectNode>): Buffer {
  if (needs.parts.length === 0) return fromBinary(EMPTY_BINARY);
  if (needs.parts.length !== 1) throw new Error('a root is one part: pass what rootNodes() answered');
  return assemble(needs, lookup)[0]!;
}

/** The root of the first size leaves, from perfect nodes that include rootNodes(size) (a Frontier's nodes() do). */
export function rootAtSize(size: number, nodes: NodeLookup | Iterable<PerfectNode>): Buffer {
  return assembleRoot(rootNodes(size), nodes);
}

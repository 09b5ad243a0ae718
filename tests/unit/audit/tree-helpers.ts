// Shared by the Merkle tests: a log grown leaf by leaf with every completed node kept (what
// the server stores), and RFC 9162's recursive definitions of MTH, PATH and PROOF written out
// as the RFC states them, as a second opinion on the iterative code.
import { createHash } from 'node:crypto';
import { Frontier, nodeKey, type NodeLookup } from '../../../src/core/index';

export const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const refLeaf = (d: Uint8Array) => sha256(Buffer.of(0), d);
const refNode = (l: Buffer, r: Buffer) => sha256(Buffer.of(1), l, r);

function k(n: number): number {
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
}

/** MTH(D[n]) straight from the definition. */
export function refRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0]!;
  const s = k(leaves.length);
  return refNode(refRoot(leaves.slice(0, s)), refRoot(leaves.slice(s)));
}

/** PATH(m, D[n]). */
export function refPath(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const s = k(leaves.length);
  if (m < s) return [...refPath(m, leaves.slice(0, s)), refRoot(leaves.slice(s))];
  return [...refPath(m - s, leaves.slice(s)), refRoot(leaves.slice(0, s))];
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
export function refProof(m: number, leaves: readonly Buffer[]): Buffer[] {
  const sub = (mm: number, d: readonly Buffer[], b: boolean): Buffer[] => {
    if (mm === d.length) return b ? [] : [refRoot(d)];
    const s = k(d.length);
    if (mm <= s) return [...sub(mm, d.slice(0, s), b), refRoot(d.slice(s))];
    return [...sub(mm - s, d.slice(s), false), refRoot(d.slice(0, s))];
  };
  return m === 0 || m === leaves.length ? [] : sub(m, leaves, true);
}

export function leafData(i: number): Buffer {
  return Buffer.from(`{"entry":${i},"text":"leaf number ${i}"}`);
}

export interface GrownLog {
  leaves: Buffer[];
  /** Every perfect node the Frontier reported, as a store keeps them. */
  store: Map<string, Buffer>;
  lookup: NodeLookup;
  /** Root after each size (index = size). */
  roots: Buffer[];
  frontiers: string[];
}

/** A log of n distinct leaves, its stored nodes, and its Frontier's root at every size. */
export function growLog(n: number): GrownLog {
  const f = new Frontier();
  const store = new Map<string, Buffer>();
  const leaves: Buffer[] = [];
  const roots: Buffer[] = [f.root()];
  const frontiers: string[] = [JSON.stringify(f)];
  for (let i = 0; i < n; i++) {
    const data = leafData(i);
    leaves.push(refLeaf(data));
    for (const node of f.appendData(data)) {
      const key = nodeKey(node.level, node.index);
      if (store.has(key)) throw new Error(`node ${key} reported twice`);
      store.set(key, node.hash);
    }
    roots.push(f.root());
    frontiers.push(JSON.stringify(f));
  }
  return { leaves, store, lookup: (level, index) => store.get(nodeKey(level, index)), roots, frontiers };
}

export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
export const hexes = (bs: readonly Uint8Array[]) => bs.map(hex);

// The compact right edge of a log's tree: for a tree of n leaves grown from leaf 0, the hash
// of each perfect subtree it is made of, one per set bit of n, largest (leftmost) first. That
// is enough to append the next leaf and to give the root, so a server appends in O(log n)
// and a workstation keeps a log's state between pulls in a few hundred bytes.
import { popcount } from './bits';
import { decodeBase64 } from './base64';
import { EMPTY_BINARY, fromBinary, HASH_BYTES, leafBinary, nodeBinary, sameAsHex, toBinary, type BinaryHash } from './merkle';
import { rootNodes, lookupOf, type NodeLookup, type PerfectNode } from './tree-nodes';

export interface FrontierJSON {
  size: number;
  /** Base64 hashes of the perfect subtrees, largest first. */
  nodes: string[];
}

export class Frontier {
  #size = 0;
  /** Largest subtree first; latin1 binary hashes (see merkle.ts). */
  #nodes: BinaryHash[] = [];

  get size(): number {
    return this.#size;
  }

  /**
   * Appends the leaf with this hash. Answers the perfect nodes the append completed, the leaf
   * itself (level 0) first, then each parent it closed, for the caller to store.
   */
  append(leaf: Uint8Array): PerfectNode[] {
    if (leaf.byteLength !== HASH_BYTES) throw new Error(`a leaf hash is ${HASH_BYTES} bytes (got ${leaf.byteLength})`);
    return this.#push(toBinary(leaf));
  }

  /**
   * Hashes the leaf data (a string as UTF-8) and appends it; answers whether the leaf's hash
   * is the one given as hex text (a check grows a million of them, each against its logged
   * hash, and keeps nothing else).
   */
  appendLeafMatching(data: Uint8Array | string, loggedHex: string): boolean {
    const leaf = leafBinary(data);
    this.#grow(leaf);
    return sameAsHex(leaf, loggedHex);
  }

  /** Hashes the leaf data (a string as UTF-8) and appends it; answers as append() does. */
  appendData(data: Uint8Array | string): PerfectNode[] {
    return this.#push(leafBinary(data));
  }

  #push(leaf: BinaryHash): PerfectNode[] {
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new RangeError('the log is full');
    const at = this.#size;
    const done: PerfectNode[] = [{ level: 0, index: at, hash: fromBinary(leaf) }];
    let h = leaf;
    let level = 0;
    // Each trailing 1 bit of the old size is a subtree of the same width now closed by h.
    for (let s = at; s % 2 === 1; s = (s - 1) / 2) {
      h = nodeBinary(this.#nodes.pop()!, h);
      level++;
      done.push({ level, index: Math.floor(at / 2 ** level), hash: fromBinary(h) });
    }
    this.#nodes.push(h);
    this.#size = at + 1;
    return done;
  }

  /** As #push, keeping nothing of the nodes it closes. */
  #grow(leaf: BinaryHash): void {
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new RangeError('the log is full');
    let h = leaf;
    for (let s = this.#size; s % 2 === 1; s = (s - 1) / 2) h = nodeBinary(this.#nodes.pop()!, h);
    this.#nodes.push(h);
    this.#size++;
  }

  /** MTH of the leaves appended so far. */
  root(): Buffer {
    const n = this.#nodes.length;
    if (n === 0) return fromBinary(EMPTY_BINARY);
    let r = this.#nodes[n - 1]!;
    for (let i = n - 2; i >= 0; i--) r = nodeBinary(this.#nodes[i]!, r);
    return fromBinary(r);
  }

  /** The perfect nodes it holds, with their addresses (rootNodes(size) of the tree). */
  nodes(): PerfectNode[] {
    const ids = rootNodes(this.#size).nodes;
    return ids.map((id, i) => ({ ...id, hash: fromBinary(this.#nodes[i]!) }));
  }

  toJSON(): FrontierJSON {
    return { size: this.#size, nodes: this.#nodes.map((h) => fromBinary(h).toString('base64')) };
  }

  /** From what toJSON() wrote. Throws, saying what is wrong, on anything else. */
  static fromJSON(json: unknown): Frontier {
    const o = json as Partial<FrontierJSON> | null;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new Error('a saved frontier is an object {size, nodes}');
    const { size, nodes } = o;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
      throw new Error(`a saved frontier's size must be a whole number from 0 (got ${JSON.stringify(size)})`);
    if (!Array.isArray(nodes)) throw new Error("a saved frontier's nodes must be a list");
    const want = popcount(size);
    if (nodes.length !== want) throw new Error(`a frontier of size ${size} holds ${want} hashes, not ${nodes.length}`);
    const f = new Frontier();
    f.#nodes = nodes.map((n, i) => {
      const bytes = typeof n === 'string' ? decodeBase64(n) : null;
      if (!bytes || bytes.length !== HASH_BYTES) throw new Error(`hash ${i} of a saved frontier is not a base64 ${HASH_BYTES}-byte hash`);
      return toBinary(bytes);
    });
    f.#size = size;
    return f;
  }

  /** The frontier of the first size leaves from stored perfect nodes (those of rootNodes(size)): how a server resumes appending. */
  static fromNodes(size: number, nodes: NodeLookup | Iterable<PerfectNode>): Frontier {
    const find = typeof nodes === 'function' ? nodes : lookupOf(nodes);
    const f = new Frontier();
    f.#nodes = rootNodes(size).nodes.map(({ level, index }) => {
      const h = find(level, index);
      if (!h || h.byteLength !== HASH_BYTES)
        throw new Error(`no stored ${HASH_BYTES}-byte hash for the tree node at level ${level}, index ${index}`);
      return toBinary(h);
    });
    f.#size = size;
    return f;
  }
}

// Properties over logs of up to a few thousand leaves: proofs assembled from the stored
// perfect nodes are RFC 9162's PATH and PROOF, they verify against the roots rootOf gives,
// and any change to them fails.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assembleConsistency,
  assembleInclusion,
  consistencyNodes,
  Frontier,
  inclusionNodes,
  leafHash,
  rootAtSize,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from '../../../src/core/index';
import { growLog, hex, hexes, refPath, refProof, refRoot } from './tree-helpers';

const MAX = 3000;
const log = growLog(MAX);
const roots = new Map<number, Buffer>();
/** rootOf the first n leaves (kept: many checks ask for the same sizes). */
function rootAt(n: number): Buffer {
  let r = roots.get(n);
  if (!r) roots.set(n, (r = rootOf(log.leaves.slice(0, n))));
  return r;
}

const size = fc.integer({ min: 1, max: MAX });
const leafIn = size.chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 })));
const sizePair = size.chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));

function flip(proof: Buffer[], i: number, byte: number, bit: number): Buffer[] {
  return proof.map((p, j) => {
    if (j !== i) return p;
    const c = Buffer.from(p);
    c[byte]! ^= 1 << bit;
    return c;
  });
}

describe('inclusion proofs from stored nodes', () => {
  it('are RFC 9162 PATH and verify against rootOf, for every leaf of every size up to 48', () => {
    const wrong: string[] = [];
    for (let n = 1; n <= 48; n++) {
      const root = rootAt(n);
      expect(hex(root)).toBe(hex(refRoot(log.leaves.slice(0, n))));
      for (let i = 0; i < n; i++) {
        const proof = assembleInclusion(inclusionNodes(i, n), log.lookup);
        if (hexes(proof).join() !== hexes(refPath(i, log.leaves.slice(0, n))).join()) wrong.push(`not PATH: ${i} of ${n}`);
        if (!verifyInclusion(i, n, log.leaves[i]!, proof, root).ok) wrong.push(`fails: ${i} of ${n}`);
        // Every other index of the same tree, with the same proof, fails.
        for (let j = 0; j < n; j++)
          if (j !== i && verifyInclusion(j, n, log.leaves[i]!, proof, root).ok) wrong.push(`${i} holds as ${j} of ${n}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('verify at random sizes, and the same as PATH', () => {
    fc.assert(
      fc.property(leafIn, ([n, i]) => {
        const proof = assembleInclusion(inclusionNodes(i, n), log.lookup);
        expect(verifyInclusion(i, n, log.leaves[i]!, proof, rootAt(n))).toEqual({ ok: true });
        if (n <= 1500) expect(hexes(proof)).toEqual(hexes(refPath(i, log.leaves.slice(0, n))));
      }),
      { numRuns: 150 },
    );
  });

  it('fail for a flipped bit, another leaf index, another size, swapped, truncated or extended proofs', () => {
    fc.assert(
      fc.property(
        leafIn,
        fc.nat(),
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 1, max: MAX }),
        ([n, i], pick, byte, bit, otherSize) => {
          const proof = assembleInclusion(inclusionNodes(i, n), log.lookup);
          const root = rootAt(n);
          const leaf = log.leaves[i]!;
          const fails = (what: string, index: number, sz: number, p: Buffer[], r = root, l = leaf) =>
            expect(verifyInclusion(index, sz, l, p, r).ok, `${what}: leaf ${i} of ${n}`).toBe(false);
          if (proof.length) {
            fails('flipped bit', i, n, flip(proof, pick % proof.length, byte, bit));
            fails('truncated', i, n, proof.slice(0, -1));
            fails('first dropped', i, n, proof.slice(1));
          }
          fails('extended', i, n, [...proof, root]);
          fails('extended at the front', i, n, [leaf, ...proof]);
          if (proof.length >= 2) {
            const a = pick % proof.length;
            const b = (a + 1) % proof.length;
            const swapped = proof.map((p, k) => (k === a ? proof[b]! : k === b ? proof[a]! : p));
            fails('swapped', i, n, swapped);
          }
          const j = (i + 1 + (pick % Math.max(1, n - 1))) % n;
          if (j !== i) fails('another index', j, n, proof);
          if (otherSize !== n && i < otherSize) fails('another size, its root', i, otherSize, proof, rootAt(otherSize));
          if (n < MAX) fails('size + 1', i, n + 1, proof, rootAt(n + 1));
          fails('the neighbour leaf', i, n, proof, root, log.leaves[(i + 1) % MAX]!);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('consistency proofs from stored nodes', () => {
  it('are RFC 9162 PROOF and verify, for every pair of sizes up to 48', () => {
    const wrong: string[] = [];
    for (let n = 1; n <= 48; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = assembleConsistency(consistencyNodes(m, n), log.lookup);
        if (hexes(proof).join() !== hexes(refProof(m, log.leaves.slice(0, n))).join()) wrong.push(`not PROOF: ${m} to ${n}`);
        if (!verifyConsistency(m, n, proof, rootAt(m), rootAt(n)).ok) wrong.push(`fails: ${m} to ${n}`);
        if (m === n) continue;
        for (let other = 1; other < n; other++) {
          if (other !== m && verifyConsistency(other, n, proof, rootAt(other), rootAt(n)).ok) wrong.push(`${m} to ${n} holds as ${other}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('verify at random sizes, and the same as PROOF', () => {
    fc.assert(
      fc.property(sizePair, ([m, n]) => {
        const proof = assembleConsistency(consistencyNodes(m, n), log.lookup);
        expect(verifyConsistency(m, n, proof, rootAt(m), rootAt(n))).toEqual({ ok: true });
        if (n <= 1500) expect(hexes(proof)).toEqual(hexes(refProof(m, log.leaves.slice(0, n))));
      }),
      { numRuns: 150 },
    );
  });

  it('fail for a flipped bit, other sizes, swapped roots, swapped, truncated or extended proofs', () => {
    fc.assert(
      fc.property(
        sizePair.filter(([m, n]) => m < n),
        fc.nat(),
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 0, max: 7 }),
        ([m, n], pick, byte, bit) => {
          const proof = assembleConsistency(consistencyNodes(m, n), log.lookup);
          const r1 = rootAt(m);
          const r2 = rootAt(n);
          const fails = (what: string, s1: number, s2: number, p: Buffer[], a = r1, b = r2) =>
            expect(verifyConsistency(s1, s2, p, a, b).ok, `${what}: ${m} to ${n}`).toBe(false);
          fails('flipped bit', m, n, flip(proof, pick % proof.length, byte, bit));
          fails('truncated', m, n, proof.slice(0, -1));
          fails('extended', m, n, [...proof, r2]);
          fails('extended at the front', m, n, [r1, ...proof]);
          fails('empty', m, n, []);
          fails('swapped roots', m, n, proof, r2, r1);
          if (proof.length >= 2) {
            const a = pick % proof.length;
            const b = (a + 1) % proof.length;
            fails(
              'swapped',
              m,
              n,
              proof.map((p, k) => (k === a ? proof[b]! : k === b ? proof[a]! : p)),
            );
          }
          if (m > 1) fails('first size - 1', m - 1, n, proof, rootAt(m - 1));
          if (m + 1 < n) fails('first size + 1', m + 1, n, proof, rootAt(m + 1));
          if (n < MAX) fails('second size + 1', m, n + 1, proof, r1, rootAt(n + 1));
          fails('backwards', n, m, proof, r2, r1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('Frontier', () => {
  it('has the root rootOf gives at every size', () => {
    for (let n = 0; n <= 1100; n++) expect(hex(log.roots[n]!), `size ${n}`).toBe(hex(rootAt(n)));
    fc.assert(
      fc.property(fc.integer({ min: 1100, max: MAX }), (n) => {
        expect(hex(log.roots[n]!)).toBe(hex(rootAt(n)));
      }),
      { numRuns: 40 },
    );
  });

  it('reports each perfect node once, the leaf first, with the right address and hash', () => {
    const f = new Frontier();
    const seen: string[] = [];
    for (let i = 0; i < 16; i++) seen.push(...f.append(log.leaves[i]!).map((n) => `${n.level}:${n.index}`));
    expect(seen).toEqual(
      '0:0 0:1 1:0 0:2 0:3 1:1 2:0 0:4 0:5 1:2 0:6 0:7 1:3 2:1 3:0 0:8 0:9 1:4 0:10 0:11 1:5 2:2 0:12 0:13 1:6 0:14 0:15 1:7 2:3 3:1 4:0'.split(
        ' ',
      ),
    );
    // A completed node's hash is the root of the leaves it covers.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.nat(), (level, k) => {
        const width = 2 ** level;
        const index = k % Math.floor(MAX / width);
        const stored = log.store.get(`${level}:${index}`)!;
        expect(hex(stored)).toBe(hex(rootOf(log.leaves.slice(index * width, (index + 1) * width))));
      }),
    );
  });

  it('appendLeafMatching grows as appendData does and says whether the leaf is the hash given in hex', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(63), fc.integer({ min: 0, max: 0xffff }), (data, at, code) => {
        const hexed = leafHash(data).toString('hex');
        const a = new Frontier();
        const b = new Frontier();
        expect(a.appendLeafMatching(data, hexed)).toBe(true);
        b.appendData(data);
        expect(hex(a.root())).toBe(hex(b.root()));
        expect(new Frontier().appendLeafMatching(data, hexed.toUpperCase())).toBe(true);
        // Any other character anywhere, a missing or an extra one: not the hash.
        const other = String.fromCharCode(code);
        if (other.toLowerCase() !== hexed[at])
          expect(new Frontier().appendLeafMatching(data, hexed.slice(0, at) + other + hexed.slice(at + 1))).toBe(false);
        expect(new Frontier().appendLeafMatching(data, hexed.slice(1))).toBe(false);
        expect(new Frontier().appendLeafMatching(data, `${hexed}0`)).toBe(false);
        expect(new Frontier().appendLeafMatching(data, '')).toBe(false);
      }),
    );
  });

  it('toJSON/fromJSON round-trips, and the copy grows as the original', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX - 50 }), (n) => {
        const copy = Frontier.fromJSON(JSON.parse(log.frontiers[n]!));
        expect(copy.size).toBe(n);
        expect(hex(copy.root())).toBe(hex(log.roots[n]!));
        expect(JSON.stringify(copy)).toBe(log.frontiers[n]);
        for (let i = n; i < n + 50; i++) copy.append(log.leaves[i]!);
        expect(hex(copy.root())).toBe(hex(log.roots[n + 50]!));
      }),
      { numRuns: 60 },
    );
  });

  it('is rebuilt from the stored nodes of any size, and gives past roots (rootAtSize)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), (n) => {
        const f = Frontier.fromNodes(n, log.lookup);
        expect(JSON.stringify(f)).toBe(log.frontiers[n]);
        expect(hex(rootAtSize(n, log.lookup))).toBe(hex(log.roots[n]!));
        expect(hex(rootAtSize(n, f.nodes()))).toBe(hex(log.roots[n]!));
      }),
      { numRuns: 80 },
    );
  });

  it('refuses a saved state that is not one', () => {
    const good = JSON.parse(log.frontiers[5]!) as { size: number; nodes: string[] };
    const bad: [unknown, RegExp][] = [
      [null, /object/],
      [[], /object/],
      [{ ...good, size: -1 }, /whole number/],
      [{ ...good, size: 1.5 }, /whole number/],
      [{ ...good, size: 7 }, /holds 3 hashes, not 2/],
      [{ ...good, nodes: 'x' }, /list/],
      [{ ...good, nodes: [good.nodes[0], 'not base64!'] }, /hash 1/],
      [{ ...good, nodes: [good.nodes[0], Buffer.alloc(31).toString('base64')] }, /32-byte/],
      [{ ...good, nodes: [good.nodes[0], 7] }, /hash 1/],
    ];
    for (const [json, message] of bad) expect(() => Frontier.fromJSON(json), JSON.stringify(json)).toThrow(message);
  });

  it('assembly says which stored node is missing', () => {
    const needs = inclusionNodes(5, 100);
    const missing = needs.nodes[1]!;
    const lookup = (level: number, index: number) =>
      level === missing.level && index === missing.index ? undefined : log.lookup(level, index);
    expect(() => assembleInclusion(needs, lookup)).toThrow(`level ${missing.level}, index ${missing.index}`);
    expect(() => Frontier.fromNodes(100, () => undefined)).toThrow(/no stored/);
  });
});

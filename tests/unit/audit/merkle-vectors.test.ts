// Known values: the RFC 6962 test vectors of the Certificate Transparency reference code
// (transparency-dev/merkle: rfc6962/rfc6962_test.go, proof/verify_test.go and the node lists
// of proof/proof_test.go), and its corrupted-proof probes.
import { describe, expect, it } from 'vitest';
import {
  assembleConsistency,
  assembleInclusion,
  consistencyNodes,
  EMPTY_ROOT,
  Frontier,
  inclusionNodes,
  leafHash,
  nodeHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
  type NodeLookup,
} from '../../../src/core/index';
import { hex, hexes } from './tree-helpers';

const dh = (h: string) => Buffer.from(h, 'hex');

const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(dh);

const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** [leaf (1-based, as the reference writes it), tree size, proof] */
const INCLUSION: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [3, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    2,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

/** [size1, size2, proof] */
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const SOME_HASH = dh('abacaba000000000000000000000000000000000000000000060061e00123456');
const EMPTY_TREE = dh('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');

/** The 8-leaf log of the vectors, its perfect nodes as a server stores them. */
function vectorLog(): { lookup: NodeLookup; leafHashes: Buffer[] } {
  const f = new Frontier();
  const store = new Map<string, Buffer>();
  for (const data of LEAVES) for (const n of f.appendData(data)) store.set(`${n.level}:${n.index}`, n.hash);
  return { lookup: (l, i) => store.get(`${l}:${i}`), leafHashes: LEAVES.map((d) => leafHash(d)) };
}

function flipped(proof: Buffer[], i: number, bit: number): Buffer[] {
  return proof.map((p, j) => (j === i ? Buffer.from(p.map((b, k) => (k === 0 ? b ^ bit : b))) : p));
}

describe('RFC 6962 hashes (reference vectors)', () => {
  it('the empty tree, the empty leaf and a leaf', () => {
    expect(hex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(rootOf([]))).toBe(hex(EMPTY_ROOT));
    expect(hex(new Frontier().root())).toBe(hex(EMPTY_ROOT));
    expect(hex(leafHash(Buffer.alloc(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(hex(leafHash(Buffer.from('L123456')))).toBe('395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56');
    expect(hex(leafHash('L123456'))).toBe('395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56');
  });

  it('a node hash depends on the order of its children, and differs from the leaf of their concatenation', () => {
    const a = leafHash('Hello');
    const b = leafHash('World');
    expect(hex(nodeHash(a, b))).not.toBe(hex(nodeHash(b, a)));
    expect(hex(nodeHash(a, b))).not.toBe(hex(leafHash(Buffer.concat([a, b]))));
    expect(() => nodeHash(Buffer.from('N123'), Buffer.from('N456'))).toThrow(/32-byte/);
  });

  it('the roots of the first 1..8 leaves, by rootOf and by a Frontier', () => {
    const f = new Frontier();
    for (let n = 1; n <= 8; n++) {
      f.appendData(LEAVES[n - 1]!);
      expect(hex(rootOf(LEAVES.slice(0, n).map((d) => leafHash(d)))), `size ${n}`).toBe(ROOTS[n - 1]);
      expect(hex(f.root()), `frontier size ${n}`).toBe(ROOTS[n - 1]);
    }
  });
});

describe('inclusion proofs (reference vectors)', () => {
  it.each(INCLUSION)('leaf %i of %i: assembled from stored nodes, it is the reference proof, and it verifies', (leaf, size, proof) => {
    const { lookup, leafHashes } = vectorLog();
    const assembled = assembleInclusion(inclusionNodes(leaf - 1, size), lookup);
    expect(hexes(assembled)).toEqual(proof);
    expect(verifyInclusion(leaf - 1, size, leafHashes[leaf - 1]!, proof.map(dh), dh(ROOTS[size - 1]!))).toEqual({ ok: true });
  });

  it.each(INCLUSION.filter(([, , p]) => p.length > 0))('leaf %i of %i: every corrupted probe fails', (leaf, size, hexProof) => {
    const proof = hexProof.map(dh);
    const root = dh(ROOTS[size - 1]!);
    const i = leaf - 1;
    const lh = leafHash(LEAVES[i]!);
    const probes: [string, number, number, Buffer, Buffer[], Buffer][] = [
      ['index - 1', i - 1, size, lh, proof, root],
      ['index + 1', i + 1, size, lh, proof, root],
      ['index ^ 2', i ^ 2, size, lh, proof, root],
      ['size * 2', i, size * 2, lh, proof, root],
      ['size / 2', i, Math.floor(size / 2), lh, proof, root],
      ['wrong leaf', i, size, Buffer.from('WrongLeaf'), proof, root],
      ['empty root', i, size, lh, proof, EMPTY_TREE],
      ['random root', i, size, lh, proof, SOME_HASH],
      ['trailing garbage', i, size, lh, [...proof, Buffer.alloc(0)], root],
      ['trailing root', i, size, lh, [...proof, root], root],
      ['preceding garbage', i, size, lh, [Buffer.alloc(0), ...proof], root],
      ['preceding root', i, size, lh, [root, ...proof], root],
      ['removed component', i, size, lh, proof.slice(0, -1), root],
      ...proof.map((_, j): [string, number, number, Buffer, Buffer[], Buffer] => [
        `proof[${j}] bit 3`,
        i,
        size,
        lh,
        flipped(proof, j, 8),
        root,
      ]),
    ];
    if (proof.length > 1) probes.push(['inserted component', i, size, lh, [proof[0]!, SOME_HASH, ...proof.slice(1)], root]);
    for (const [what, index, sz, leafH, p, r] of probes) {
      const v = verifyInclusion(index, sz, leafH, p, r);
      expect(v.ok, what).toBe(false);
      if (!v.ok) expect(v.reason, what).toMatch(/\w/);
    }
  });

  it('leaf indexes outside the tree and mismatched empty values fail', () => {
    for (const [index, size] of [
      [0, 0],
      [1, 0],
      [2, 1],
      [1, 1],
    ] as const) {
      expect(verifyInclusion(index, size, SOME_HASH, [], EMPTY_TREE).ok).toBe(false);
    }
    const h = leafHash('data');
    expect(verifyInclusion(0, 1, h, [], h)).toEqual({ ok: true });
    expect(verifyInclusion(0, 1, h, [], Buffer.alloc(0)).ok).toBe(false);
    expect(verifyInclusion(0, 1, Buffer.alloc(0), [], h).ok).toBe(false);
  });
});

describe('consistency proofs (reference vectors)', () => {
  it.each(CONSISTENCY)('%i to %i: assembled from stored nodes, it is the reference proof, and it verifies', (m, n, proof) => {
    const { lookup } = vectorLog();
    expect(hexes(assembleConsistency(consistencyNodes(m, n), lookup))).toEqual(proof);
    expect(verifyConsistency(m, n, proof.map(dh), dh(ROOTS[m - 1]!), dh(ROOTS[n - 1]!))).toEqual({ ok: true });
  });

  it.each(CONSISTENCY.filter(([, , p]) => p.length > 0))('%i to %i: every corrupted probe fails', (m, n, hexProof) => {
    const proof = hexProof.map(dh);
    const r1 = dh(ROOTS[m - 1]!);
    const r2 = dh(ROOTS[n - 1]!);
    const probes: [string, number, number, Buffer[], Buffer, Buffer][] = [
      ['size1 - 1', m - 1, n, proof, r1, r2],
      ['size1 + 1', m + 1, n, proof, r1, r2],
      ['size1 ^ 2', m ^ 2, n, proof, r1, r2],
      ['size2 * 2', m, n * 2, proof, r1, r2],
      ['size2 / 2', m, Math.floor(n / 2), proof, r1, r2],
      ['wrong root1', m, n, proof, Buffer.from('WrongRoot'), r2],
      ['wrong root2', m, n, proof, r1, Buffer.from('WrongRoot')],
      ['swapped roots', m, n, proof, r2, r1],
      ['empty proof', m, n, [], r1, r2],
      ['trailing garbage', m, n, [...proof, Buffer.alloc(0)], r1, r2],
      ['trailing root1', m, n, [...proof, r1], r1, r2],
      ['trailing root2', m, n, [...proof, r2], r1, r2],
      ['preceding garbage', m, n, [Buffer.alloc(0), ...proof], r1, r2],
      ['preceding root1', m, n, [r1, ...proof], r1, r2],
      ['preceding root2', m, n, [r2, ...proof], r1, r2],
      ['preceding proof[0]', m, n, [proof[0]!, ...proof], r1, r2],
      ['truncated proof', m, n, proof.slice(0, -1), r1, r2],
      ...proof.map((_, j): [string, number, number, Buffer[], Buffer, Buffer] => [
        `proof[${j}] bit 4`,
        m,
        n,
        flipped(proof, j, 16),
        r1,
        r2,
      ]),
    ];
    for (const [what, s1, s2, p, a, b] of probes) expect(verifyConsistency(s1, s2, p, a, b).ok, what).toBe(false);
  });

  it('the edge cases of the reference: equal sizes, the empty tree, time travel', () => {
    const r1 = leafHash("don't care 1");
    const r2 = leafHash("don't care 2");
    const cases: [number, number, Buffer, Buffer, Buffer[], boolean][] = [
      [0, 0, r1, r2, [], false],
      [1, 1, r1, r2, [], false],
      [0, 0, r1, r1, [], true],
      [0, 1, r1, r2, [], true],
      [1, 1, r2, r2, [], true],
      [1, 0, r1, r2, [], false],
      [2, 1, r1, r2, [], false],
      [1, 2, r1, r2, [], false],
      [0, 0, EMPTY_TREE, r2, [], false],
      [1, 1, EMPTY_TREE, r2, [], false],
      [0, 0, EMPTY_TREE, EMPTY_TREE, [EMPTY_TREE], false],
      [0, 1, EMPTY_TREE, EMPTY_TREE, [EMPTY_TREE], false],
      [1, 1, EMPTY_TREE, EMPTY_TREE, [EMPTY_TREE], false],
    ];
    for (const [s1, s2, a, b, p, ok] of cases) expect(verifyConsistency(s1, s2, p, a, b).ok, `${s1}→${s2}`).toBe(ok);
  });
});

describe('which stored nodes a proof needs (the reference node lists)', () => {
  // Each part lists the perfect nodes (level, index) whose root is one proof element, left to right.
  const parts = (...ps: [number, number][][]) => ps.map((p) => p.map(([level, index]) => ({ level, index })));

  it.each([
    [
      7,
      0,
      parts(
        [[0, 1]],
        [[1, 1]],
        [
          [1, 2],
          [0, 6],
        ],
      ),
    ],
    [
      7,
      2,
      parts(
        [[0, 3]],
        [[1, 0]],
        [
          [1, 2],
          [0, 6],
        ],
      ),
    ],
    [7, 4, parts([[0, 5]], [[0, 6]], [[2, 0]])],
    [7, 6, parts([[1, 2]], [[2, 0]])],
    [1, 0, parts()],
    [2, 1, parts([[0, 0]])],
    [3, 1, parts([[0, 0]], [[0, 2]])],
    [5, 3, parts([[0, 2]], [[1, 0]], [[0, 4]])],
    [6, 4, parts([[0, 5]], [[2, 0]])],
    [
      15,
      10,
      parts(
        [[0, 11]],
        [[1, 4]],
        [
          [1, 6],
          [0, 14],
        ],
        [[3, 0]],
      ),
    ],
    [
      31,
      24,
      parts(
        [[0, 25]],
        [[1, 13]],
        [
          [1, 14],
          [0, 30],
        ],
        [[3, 2]],
        [[4, 0]],
      ),
    ],
    [
      95,
      81,
      parts(
        [[0, 80]],
        [[1, 41]],
        [[2, 21]],
        [
          [2, 22],
          [1, 46],
          [0, 94],
        ],
        [[4, 4]],
        [[6, 0]],
      ),
    ],
  ] as const)('inclusion in %i leaves of leaf %i', (size, index, want) => {
    const needs = inclusionNodes(index, size);
    expect(needs.parts).toEqual(want);
    expect(needs.nodes).toEqual(want.flat());
  });

  it.each([
    [1, 2, parts([[0, 1]])],
    [1, 4, parts([[0, 1]], [[1, 1]])],
    [1, 6, parts([[0, 1]], [[1, 1]], [[1, 2]])],
    [2, 3, parts([[0, 2]])],
    [2, 8, parts([[1, 1]], [[2, 1]])],
    [
      3,
      7,
      parts(
        [[0, 2]],
        [[0, 3]],
        [[1, 0]],
        [
          [1, 2],
          [0, 6],
        ],
      ),
    ],
    [
      4,
      7,
      parts([
        [1, 2],
        [0, 6],
      ]),
    ],
    [5, 7, parts([[0, 4]], [[0, 5]], [[0, 6]], [[2, 0]])],
    [6, 7, parts([[1, 2]], [[0, 6]], [[2, 0]])],
    [7, 8, parts([[0, 6]], [[0, 7]], [[1, 2]], [[2, 0]])],
    [5, 5, parts()],
    [3, 5, parts([[0, 2]], [[0, 3]], [[1, 0]], [[0, 4]])],
    [
      1,
      7,
      parts(
        [[0, 1]],
        [[1, 1]],
        [
          [1, 2],
          [0, 6],
        ],
      ),
    ],
    [
      10,
      15,
      parts(
        [[1, 4]],
        [[1, 5]],
        [
          [1, 6],
          [0, 14],
        ],
        [[3, 0]],
      ),
    ],
    [
      24,
      31,
      parts(
        [[3, 2]],
        [
          [2, 6],
          [1, 14],
          [0, 30],
        ],
        [[4, 0]],
      ),
    ],
    [
      81,
      95,
      parts(
        [[0, 80]],
        [[0, 81]],
        [[1, 41]],
        [[2, 21]],
        [
          [2, 22],
          [1, 46],
          [0, 94],
        ],
        [[4, 4]],
        [[6, 0]],
      ),
    ],
  ] as const)('consistency from %i to %i leaves', (m, n, want) => {
    expect(consistencyNodes(m, n).parts).toEqual(want);
  });

  it('refuses what no tree has', () => {
    expect(() => inclusionNodes(0, 0)).toThrow(/not inside/);
    expect(() => inclusionNodes(8, 7)).toThrow(/not inside/);
    expect(() => inclusionNodes(-1, 7)).toThrow(/whole number/);
    expect(() => consistencyNodes(9, 8)).toThrow(/only grows/);
    expect(() => consistencyNodes(1.5, 8)).toThrow(/whole number/);
  });
});

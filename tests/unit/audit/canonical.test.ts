import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError, CANONICAL_MAX_DEPTH } from '../../../src/core/index';

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson('a"b\\c\n\u2028é')).toBe(JSON.stringify('a"b\\c\n\u2028é'));
  });

  it('gives one text whatever the key order, and reads back as the same value', () => {
    const json = fc.jsonValue({ maxDepth: 6 });
    fc.assert(
      fc.property(json, (v) => {
        const text = canonicalJson(v);
        const reordered = JSON.parse(JSON.stringify(v), (_k, x: unknown) =>
          x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x,
        ) as unknown;
        expect(canonicalJson(reordered)).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        expect(text).not.toMatch(/^\s|\s$/);
      }),
    );
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ b: 0, a: 0, B: 0, é: 0, '\u{1F600}': 0, '\uFB33': 0, '': 0, '10': 0, '9': 0 })).toBe(
      '{"":0,"10":0,"9":0,"B":0,"a":0,"b":0,"é":0,"\u{1F600}":0,"\uFB33":0}',
    );
  });

  it('writes numbers as JSON does and refuses those JSON cannot carry', () => {
    expect(canonicalJson([0, -0, 1.5, 1e21, -2e-7, 12345678901234])).toBe('[0,0,1.5,1e+21,-2e-7,12345678901234]');
    for (const [v, what] of [
      [NaN, 'NaN'],
      [Infinity, 'Infinity'],
      [{ a: [1, -Infinity] }, '-Infinity'],
    ] as const) {
      expect(() => canonicalJson(v)).toThrow(CanonicalJsonError);
      expect(() => canonicalJson(v)).toThrow(what);
    }
    expect(() => canonicalJson({ payload: { x: NaN } })).toThrow('at $.payload.x');
  });

  it('refuses undefined in a list, non-plain objects and other non-JSON values; leaves out undefined properties', () => {
    expect(() => canonicalJson([1, undefined])).toThrow('undefined (at $[1])');
    expect(() => canonicalJson(undefined)).toThrow(/undefined/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow('a Date object (at $.d)');
    expect(() => canonicalJson({ m: new Map() })).toThrow(/Map/);
    expect(() => canonicalJson({ b: Buffer.from('x') })).toThrow(/Buffer/);
    class Point {
      x = 1;
    }
    expect(() => canonicalJson([new Point()])).toThrow(/Point/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/BigInt/);
    expect(() => canonicalJson({ s: Symbol('s') })).toThrow(/symbol/);
    expect(() => canonicalJson({ 'odd key': [{ x: NaN }] })).toThrow('at $["odd key"][0].x');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson(Object.assign(Object.create(null) as object, { k: 1 }))).toBe('{"k":1}');
    // A key named __proto__ from JSON.parse is data like any other.
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":2}'))).toBe('{"__proto__":{"x":1},"a":2}');
  });

  it(`takes ${CANONICAL_MAX_DEPTH} levels of nesting and refuses deeper input clearly, even very deep hostile input`, () => {
    const nest = (depth: number, leaf: unknown = 1): unknown => {
      let v: unknown = leaf;
      for (let i = 0; i < depth; i++) v = i % 2 ? { k: v } : [v];
      return v;
    };
    expect(canonicalJson(nest(CANONICAL_MAX_DEPTH))).toMatch(/^\{"k":\[\{"k":/);
    expect(() => canonicalJson(nest(CANONICAL_MAX_DEPTH + 1))).toThrow(`nested deeper than ${CANONICAL_MAX_DEPTH} levels`);
    const hostile = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) as unknown;
    expect(() => canonicalJson(hostile)).toThrow(CanonicalJsonError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow(/cycle/);
  });
});

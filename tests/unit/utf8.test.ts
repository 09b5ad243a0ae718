// Import files are read as strict UTF-8: the first invalid byte stops the file, by line.
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, InvalidUtf8Error, Utf8Reader } from '../../src/shared/utf8';
import { readChunks } from '../../src/renderer/src/features/import/readChunks';

const enc = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Decodes `bytes` in pieces of `size`, as the renderer and the command line do. */
function decodeIn(bytes: Uint8Array, size: number): string {
  const r = new Utf8Reader();
  let text = '';
  for (let i = 0; i < bytes.length; i += size) text += r.decode(bytes.subarray(i, i + size), i + size >= bytes.length);
  return text;
}

function failure(bytes: Uint8Array, size: number): InvalidUtf8Error {
  try {
    decodeIn(bytes, size);
  } catch (e) {
    if (e instanceof InvalidUtf8Error) return e;
    throw e;
  }
  throw new Error('decoded without an error');
}

describe('Utf8Reader', () => {
  const good = 'line one\nÜnïcödé 😀 €\n中文 and ǂ\n';

  it('decodes valid text cut at every byte', () => {
    const bytes = enc(good);
    for (let size = 1; size <= bytes.length; size++) expect(decodeIn(bytes, size)).toBe(good);
  });

  it.each([
    ['a stray continuation byte', Uint8Array.of(0x80)],
    ['an overlong slash', Uint8Array.of(0xc0, 0xaf)],
    ['a UTF-16 surrogate', Uint8Array.of(0xed, 0xa0, 0x80)],
    ['a Latin-1 é', Uint8Array.of(0xe9, 0x20)],
    ['a code point above U+10FFFF', Uint8Array.of(0xf5, 0x80, 0x80, 0x80)],
  ])('stops at %s with its line and byte, however the file is cut', (_name, bad) => {
    const before = enc('{"a":1}\n{"b":"😀"}\n{"c":"');
    const bytes = cat(before, bad, enc('"}\n{"d":4}\n'));
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const e = failure(bytes, size);
      expect([e.line, e.byte]).toEqual([3, before.length]);
      expect(e.message).toBe(`not valid UTF-8 at line 3 (byte ${before.length}): save the file as UTF-8 and import it again`);
    }
  });

  it('refuses a file that ends half-way through a character', () => {
    const bytes = cat(enc('ok\n'), Uint8Array.of(0xe2, 0x82));
    expect([failure(bytes, 1).line, failure(bytes, 100).byte]).toEqual([2, 3]);
  });

  it('firstInvalidUtf8 leaves an unfinished character to the next chunk unless it is the last', () => {
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0xe2, 0x82), false)).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0xe2, 0x82), true)).toBe(1);
  });

  it('readChunks, the renderer reading a dropped file, stops at the invalid line', async () => {
    const file = new Blob([enc('{"a":1}\n'), Uint8Array.of(0xff), enc('\n')]);
    const texts: string[] = [];
    await expect(async () => {
      for await (const c of readChunks(file, 4)) texts.push(c.text);
    }).rejects.toThrow(/not valid UTF-8 at line 2 \(byte 8\)/);
    expect(texts.join('')).toBe('{"a":1}\n');
  });
});

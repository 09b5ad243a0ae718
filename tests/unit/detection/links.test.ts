// The link scanner finds what the spam detector's link pattern found, in one pass.
import { describe, expect, it } from 'vitest';
import { firstLink } from '../../../src/core/detection/links';

/** The pattern the scanner replaces (quadratic on "a-a-a-…"): the reference on short texts. */
const OLD_LINK = /\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+\.(?:com|net|org|ly|io|co|me|info|biz|tk)\b\S*/i;
const reference = (t: string) => OLD_LINK.exec(t)?.[0] ?? null;

describe('firstLink', () => {
  it.each([
    ['check http://bit.ly/xyz now', 'http://bit.ly/xyz'],
    ['HTTPS://Example.org/a?b=c, thanks', 'HTTPS://Example.org/a?b=c,'],
    ['go to www.shop.example now', 'www.shop.example'],
    ['my-site.com/promo is the best', 'my-site.com/promo'],
    ['_a-b.com', '-b.com'],
    ['x.company', null],
    ['see x.co.uk', 'x.co.uk'],
    ['e-mail me: ana@example.com', 'example.com'],
    ['http:// nothing', null],
    ['https:x', null],
    ['www. nothing', null],
    ['http\u001a//x', null],
    ['\u00a0bit.ly/x\u00a0y', 'bit.ly/x'],
    ['no link at all', null],
    ['. then a.com', 'a.com'],
    ['.www.x', 'www.x'],
    ['see https://a and http://b', 'https://a'],
    ['xhttp://a www.b', 'www.b'],
  ])('%j → %j', (text, link) => {
    expect(firstLink(text)).toBe(link);
    expect(reference(text)).toBe(link);
  });

  it('agrees with the old pattern on random texts made of the characters that matter', () => {
    const alphabet = [
      'a',
      'Z',
      '0',
      '-',
      '_',
      '.',
      ':',
      '/',
      ' ',
      '\t',
      '\u00a0',
      'w',
      'W',
      'h',
      't',
      'p',
      's',
      'com',
      'ly',
      'co',
      'http',
      'www.',
      '://',
      'é',
    ];
    let seed = 12345;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let i = 0; i < 50_000; i++) {
      let t = '';
      const len = rand(14);
      for (let k = 0; k < len; k++) t += alphabet[rand(alphabet.length)];
      expect(firstLink(t), JSON.stringify(t)).toBe(reference(t));
    }
  });

  it('reads 100,000 characters of "a-" in one pass', () => {
    const t = 'a-'.repeat(50_000);
    expect(firstLink(t)).toBeNull();
    expect(firstLink(`${t}.com`)).toBe(`${t}.com`);
  });
});

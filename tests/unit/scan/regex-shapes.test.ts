// The checker behind the linear-time scan test, on patterns known to backtrack
// super-linearly and on patterns known to run in linear time.
import { describe, expect, it } from 'vitest';
import { regexFindings } from './regex-shapes';

const shapes = (re: RegExp) => regexFindings(re.source, re.flags).map((f) => f.shape);

describe('regexFindings', () => {
  it.each([
    [/\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+\.(?:com|net|org|ly|io|co|me|info|biz|tk)\b\S*/i, 'sliding'],
    [/['-]+$/, 'sliding'],
    [/^-+|-+$/g, 'sliding'],
    [/a\w+x/, 'sliding'],
    [/\b(lawyer|discriminat\w*|press)\b/i, 'sliding'],
    [/^(a+)+$/, 'nested'],
    [/^(@\w+\s+)+/, 'nested'],
    [/^(\w+\s?)*$/, 'nested'],
    [/^(?:\s*,){3}/, 'nested'],
    [/^(a|ab)*c/, 'alternation'],
    [/^(?:x|y|)+z/, 'alternation'],
    [/^\d+\d+x/, 'adjacent'],
    [/^\s*,?\s*;/, 'adjacent'],
    [/^.*.*=.*/, 'adjacent'],
    [/x(?=a+b)/, 'lookaround'],
    [/^(a*)\1b/, 'backreference'],
  ])('rejects %s (%s)', (re, shape) => {
    expect(shapes(re)).toContain(shape);
  });

  it.each([
    /\bhttps?:\/\/\S+/,
    /https?:\/\/\S+|www\.\S+|@\w+/gi,
    /[\p{L}\p{N}']+|[!?$€£]/gu,
    /^[a-z-]+$/,
    /^[ -~\s]*$/,
    /\b(never|not yet|didn'?t)\s+(arrived?|received?)\b/i,
    /\b(charged|billed)\s+(me\s+)?(twice|again)/i,
    /\b(free|\$\d+|make \$)\b/i,
    /\b(?:(?:court|police)\b|discriminat\w*|harass\w*)/i,
    /(.)\1$/,
    /\s+/,
    /[^a-z0-9]+/g,
    /^-|-$/g,
    /\p{M}+/gu,
    /^(?:[a-z]|\d)+$/,
  ])('passes %s', (re) => {
    expect(shapes(re)).toEqual([]);
  });

  it('reports a pattern it cannot read instead of passing it', () => {
    expect(regexFindings('(a', '').map((f) => f.shape)).toEqual(['unparsed']);
  });
});

// An entry's leaf data is its canonical JSON: the fast writer every append and check uses must
// spell every entry exactly as the general one does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/audit/canonical';
import { entryJson, makeLogEntry } from '../../../src/core/audit/log-entry';

describe('entryJson', () => {
  it('writes exactly what canonicalJson writes, for any entry', () => {
    const text = fc.string({ maxLength: 12 });
    const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 5 }), tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.nat(),
          status: fc.constantFrom('accepted', 'conflict', 'rejected'),
          verdict: fc.option(text),
          by: text,
          role: text,
          receivedAt: fc.nat(),
          id: text,
          clientId: text,
          clientSeq: fc.nat(),
          platform: text,
          externalId: fc.string(),
          action: text,
          baseVersion: fc.nat(),
          actor: fc.string(),
          createdAt: fc.nat(),
          reason: fc.option(fc.string()),
          labels: fc.array(text, { maxLength: 3 }),
          note: fc.option(fc.string()),
          payload: fc.option(fc.dictionary(fc.string({ maxLength: 6 }), json, { maxKeys: 4 })),
          undoOf: fc.option(text),
        }),
        (fields) => {
          const entry = makeLogEntry(fields as Parameters<typeof makeLogEntry>[0]);
          expect(entryJson(entry)).toBe(canonicalJson(entry));
        },
      ),
      { numRuns: 500 },
    );
  });
});

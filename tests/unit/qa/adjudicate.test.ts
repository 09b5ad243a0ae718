import { describe, expect, it } from 'vitest';
import { referenceOf } from '../../../src/shared/qa/adjudicate';

describe('the reference answer: two thirds agree', () => {
  it('a decision and a review that agree settle it; one that disagrees does not', () => {
    expect(referenceOf(['remove', 'remove'])).toBe('remove');
    expect(referenceOf(['remove', 'approve'])).toBeNull();
  });

  it('a third answer settles a split when it sides with either; a three-way split needs more', () => {
    expect(referenceOf(['remove', 'approve', 'approve'])).toBe('approve');
    expect(referenceOf(['remove', 'approve', 'spam'])).toBeNull();
    expect(referenceOf(['remove', 'approve', 'spam', 'approve'])).toBeNull();
    expect(referenceOf(['remove', 'approve', 'spam', 'approve', 'approve', 'approve'])).toBe('approve');
  });

  it('one answer alone is no reference', () => {
    expect(referenceOf(['remove'])).toBeNull();
    expect(referenceOf([])).toBeNull();
  });
});

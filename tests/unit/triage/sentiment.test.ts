import { describe, expect, it } from 'vitest';
import { wordValue } from '../../../src/core/triage/classify/lexicon';
import { lexiconSentiment, strengthOf } from '../../../src/core/triage/classify/sentiment';
import { tokenize } from '../../../src/core/triage/classify/tokens';

const s = (text: string) => lexiconSentiment(text).score;
const why = (text: string) => lexiconSentiment(text).reasons.join(' ');

describe('negation scope', () => {
  it('reaches the first feeling word of its clause, a few words on', () => {
    expect(s('It was not one of the better hotels I know.')).toBeLessThan(0);
    expect(s('This is not a hotel I would recommend.')).toBeLessThan(0);
    expect(why('The staff were not at all helpful.')).toContain('not helpful');
  });

  it('stops at the end of its clause and at a "but"', () => {
    expect(s('I did not like the lobby, the room was lovely.')).toBeGreaterThan(s('I did not like the lobby.'));
    expect(s('We did not mind the noise, the room was lovely.')).toBeGreaterThan(0);
    expect(s('The lobby was not much to look at but the room was lovely.')).toBeGreaterThan(0);
    // Only the first feeling word is turned round: "dirty" stays dirty.
    expect(why('The staff were not friendly and the room was dirty.')).toContain('“dirty”');
  });

  it('carries over "and", "or" and "nor" to a second word of the same kind', () => {
    const v = lexiconSentiment('The staff were not friendly or helpful.');
    expect(v.sentiment).toBe('negative');
    expect(v.reasons[0]).toContain('not helpful');
    expect(s('The room was not clean and not quiet.')).toBeLessThan(s('The room was not clean.'));
  });

  it('knows two-word negators and "not only… but also"', () => {
    expect(s('The room was less than clean.')).toBeLessThan(0);
    expect(s('The service was far from perfect.')).toBeLessThan(0);
    expect(s('The street was anything but quiet.')).toBeLessThan(0);
    expect(s('Not only was the room clean, but the staff were also lovely.')).toBeGreaterThan(0.5);
  });

  it('turns phrases round too, and does not count the negator as a feeling', () => {
    expect(s('The spa was not a waste of money.')).toBeGreaterThan(0);
    expect(why('Hardly the best hotel in town.')).not.toContain('hardly');
  });
});

describe('contrast and concession', () => {
  it('counts the main clause over an "although" clause, whichever comes first', () => {
    expect(s('Although the staff were friendly, the room was filthy.')).toBeLessThan(0);
    expect(s('The room was filthy, although the staff were friendly.')).toBeLessThan(0);
    expect(s('Although the room was small, the staff were wonderful.')).toBeGreaterThan(0);
    expect(s('Although the room was dirty, the view was nice.')).toBeGreaterThan(s('The room was dirty and the view was nice.'));
    expect(s('A great stay except for the noise.')).toBeGreaterThan(0);
  });

  it('lets a sentence opening with "However" turn against the one before', () => {
    const plain = 'The lobby was lovely and the bar was great. The room was dirty.';
    const turned = 'The lobby was lovely and the bar was great. However, the room was dirty.';
    expect(s(turned)).toBeLessThan(s(plain));
    expect(s(turned)).toBeLessThan(0);
  });

  it('finds no contrast in "nothing but", "but also" or an afterthought "though"', () => {
    expect(s('Nothing but praise for the team.')).toBeGreaterThan(0);
    expect(s('The room was clean, though.')).toBeGreaterThan(0);
    expect(s('Still waiting for a refund.')).toBeLessThan(0);
  });
});

describe('intensifiers and softeners', () => {
  it('strengthen or soften the word after them without counting as feelings themselves', () => {
    expect(s('The staff were incredibly rude.')).toBeLessThan(s('The staff were rude.'));
    expect(why('The staff were incredibly rude.')).not.toContain('incredibly');
    expect(s('The staff were a bit rude.')).toBeGreaterThan(s('The staff were rude.'));
    expect(s('The staff were terribly helpful.')).toBeGreaterThan(0);
  });

  it('turns a comparative round with "less" and "least"', () => {
    expect(s('The staff were less friendly than last year.')).toBeLessThan(0);
    expect(s('The least comfortable bed I have slept in.')).toBeLessThan(0);
  });
});

describe('verdicts and comparisons', () => {
  it('reads coming back, or not, as a verdict', () => {
    expect(s('We will definitely be back!')).toBeGreaterThan(0.5);
    expect(s("We won't be back.")).toBeLessThan(-0.5);
    expect(s('I would never stay here again.')).toBeLessThan(-0.5);
    expect(why('I would never stay here again.')).toContain('not coming back');
    // A question about coming back is not an answer.
    expect(lexiconSentiment('Would I come back?').sentiment).toBe('neutral');
  });

  it('knows the stock complaints and a rating put in words', () => {
    for (const t of ['Not worth the money.', 'We expected better.', 'The room fell short.', 'Save your money and stay elsewhere.'])
      expect(s(t)).toBeLessThan(0);
    expect(s('I would give it 2 out of 5.')).toBeLessThan(0);
    expect(s('9 out of 10.')).toBeGreaterThan(0);
  });

  it('discounts praise in a question or a hope', () => {
    expect(s('Is the room clean?')).toBeLessThan(s('The room is clean.'));
    expect(s('We wanted a relaxing weekend.')).toBeLessThan(s('We had a relaxing weekend.'));
  });
});

describe('words', () => {
  it('finds inflections and negative prefixes from the base word', () => {
    expect(wordValue('friendliest')).toBeGreaterThan(0);
    expect(wordValue('rudest')).toBeLessThan(0);
    expect(wordValue('uninviting')).toBeLessThan(0);
    expect(wordValue('disorganized')).toBeLessThan(0);
    expect(wordValue('hassle-free')).toBeGreaterThan(0);
    expect(wordValue('hotel')).toBeUndefined();
  });

  it('reads emoji and emoticons, and splits "not-so-clean" into its words', () => {
    expect(s('great stay 👍')).toBeGreaterThan(s('great stay'));
    expect(s('awful :(')).toBeLessThan(s('awful'));
    expect(tokenize('a not-so-clean room').map((t) => t.word)).toEqual(['a', 'not', 'so', 'clean', 'room']);
    expect(s('a not-so-clean room')).toBeLessThan(0);
  });

  it('gives no praise to a word held in scare quotes', () => {
    expect(s('The "luxury" suite was small.')).toBeLessThan(s('The luxury suite was small.'));
    expect(tokenize('the “deluxe” room')[1]!.quoted).toBe(true);
  });

  it('counts the same word less each time it is said again', () => {
    expect(s('Nice. Nice. Nice. Nice.')).toBeLessThan(s('Nice. Clean. Tidy. Fresh.'));
  });
});

describe('text edges', () => {
  it('reads the last word of a text that has no full stop', () => {
    expect(s('The staff were rude')).toBe(s('The staff were rude.'));
    expect(s('great')).toBeGreaterThan(0);
  });
});

describe('strength', () => {
  it('is strong for a one-sided text and mild for one whose praise and complaints nearly cancel', () => {
    const oneSided = 'The room was lovely, the staff were friendly, the breakfast was delicious and the bed was comfortable.';
    const mixed = 'The room was lovely, the staff were friendly, the breakfast was delicious but the bed was uncomfortable.';
    expect(strengthOf(s(oneSided))).toBe('strong');
    expect(Math.abs(s(mixed))).toBeLessThan(Math.abs(s(oneSided)));
    expect(strengthOf(s(mixed))).not.toBe('strong');
  });
});

// What the type trainer sees of a text: the rules' own type (one input per class, so the model
// learns how far to trust each of their calls), the lexicon's tone and whether it asks with a
// question mark (the words alone drop punctuation), beside the same hashed words and word pairs
// the sentiment trainer reads. The rules read the text alone here, not the tone a moderator
// or the sentiment model gave: the same text always gives the same features.
import { CORRECTABLE_TYPES } from '../../../shared/model';
import { hashedNgrams } from '../../detection/text';
import type { Example } from '../../detection/trainer';
import { markNegation } from './features';
import { lexiconSentiment } from './sentiment';
import { classifyType } from './type';

/** The classes the type model tells apart, in the order of its parts (spam and fake are detection's). */
export const TYPE_CLASSES = CORRECTABLE_TYPES;
export type TypeClass = (typeof TYPE_CLASSES)[number];

/** The rules' type of a text on its own (no detection, no corrected tone), as a class index; -1 when not one of the four. */
export function rulesTypeOf(text: string, tone = lexiconSentiment(text).score): number {
  return (TYPE_CLASSES as readonly string[]).indexOf(classifyType(text, tone).type);
}

export function typeExample(text: string): Example {
  const tone = lexiconSentiment(text).score;
  const rules = rulesTypeOf(text, tone);
  return {
    dense: [...TYPE_CLASSES.map((_, c) => (c === rules ? 1 : 0)), tone, /[?？¿]/.test(text) ? 1 : 0],
    sparse: hashedNgrams(markNegation(text)),
  };
}

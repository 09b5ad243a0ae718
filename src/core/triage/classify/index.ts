// One message's classification: sentiment, type, action needed and language, each with the
// reasons behind it. Rules by default; the team's trained sentiment and type models where they
// are switched on (detection's spam and fake still win over the type model); a moderator's
// correction above all (it is kept as it is and only reasons around it move).
import type { ActionNeeded, ClassifiedBy, ItemKind, ItemTriage, Sentiment, TriageType } from '../../../shared/model';
import { actionNeeded } from './action';
import { detectLanguage } from './language';
import { lexiconSentiment, sentimentOf, type SentimentVerdict } from './sentiment';
import { classifyType } from './type';
import type { TypeClass } from './type-features';

export { lexiconSentiment, sentimentOf, strengthOf } from './sentiment';
export { detectLanguage, languageReady } from './language';

/** The team's trained sentiment model: a score in [-1, 1] from the text and the lexicon's verdict. */
export type SentimentModel = (text: string, lexicon: SentimentVerdict) => number;

/** The team's trained type model: one of the four types from the text, with its model's score. */
export type TypeModel = (text: string) => { type: TypeClass; probability: number };

export interface ClassifyInput {
  text: string;
  kind: ItemKind;
  rating: number | null;
  /** The language the platform gave, if any. */
  lang: string | null;
  /** Detection's say, where it already calls the item spam or fake. */
  detection?: { type: 'spam' | 'fake'; reason: string } | undefined;
  /** Genuine followers of the author (fake ones taken out), null when unknown. */
  reach: number | null;
  /** What a moderator set; it wins. */
  corrected?: { type?: TriageType | undefined; sentiment?: Sentiment | undefined } | undefined;
  model?: SentimentModel | undefined;
  /** A sentiment score already worked out (stored by an earlier pass): kept, not recomputed. */
  given?: { score: number; by: 'rules' | 'model' } | undefined;
  typeModel?: TypeModel | undefined;
  /** The type model's answer from an earlier pass (stored): kept, not recomputed. */
  givenType?: TypeClass | undefined;
  /**
   * The language an earlier pass found in the same text (stored): kept, not guessed again. The
   * text's language does not change when detection or a moderator changes its type.
   */
  givenLanguage?: string | null | undefined;
}

/**
 * The classification, and what the type model said of the text when one did (kept with it
 * even where detection or a moderator overrode it, so that a later re-classification without
 * the model at hand — a correction undone, an item out of a spam queue — gives it back).
 */
export type Classification = ItemTriage & { learntType?: TypeClass };

/** A star rating says as much as the words: 1 is -1, 3 is 0, 5 is 1. */
function withRating(score: number, rating: number | null): number {
  if (rating === null || rating < 1 || rating > 5) return score;
  return (score + (rating - 3) / 2) / 2;
}

export function classify(input: ClassifyInput): Classification {
  const lexicon = lexiconSentiment(input.text);
  let score = lexicon.score;
  let sentimentBy: ClassifiedBy = 'rules';
  const sentimentReasons = [...lexicon.reasons];
  const model = input.given?.by === 'model' || (!input.given && input.model);
  if (model) sentimentReasons.unshift('the team’s model, trained on its corrections');
  if (input.given) {
    score = input.given.score;
    sentimentBy = input.given.by;
  } else {
    if (input.model) {
      score = input.model(input.text, lexicon);
      sentimentBy = 'model';
    }
    if (input.rating !== null && input.kind === 'review' && input.rating >= 1 && input.rating <= 5) score = withRating(score, input.rating);
  }
  if (input.rating !== null && input.kind === 'review' && input.rating >= 1 && input.rating <= 5)
    sentimentReasons.push(`rated ${input.rating} of 5`);
  let sentiment = sentimentOf(score);
  const correctedSentiment = input.corrected?.sentiment;
  if (correctedSentiment) {
    sentiment = correctedSentiment;
    sentimentBy = 'moderator';
  }
  // The type rules read the tone as it now stands: a moderator's "negative" makes a complaint likelier.
  const toneForType = correctedSentiment
    ? correctedSentiment === sentimentOf(score)
      ? score
      : { negative: -0.5, neutral: 0, positive: 0.5 }[correctedSentiment]
    : score;
  const typed = classifyType(input.text, toneForType, input.detection);
  let type = typed.type;
  let typeBy: ClassifiedBy = 'rules';
  let typeReasons = typed.reasons;
  const learnt = input.givenType ?? input.typeModel?.(input.text).type;
  if (learnt && !input.detection) {
    type = learnt;
    typeBy = 'model';
    typeReasons = [
      'the team’s model, trained on its corrections',
      ...(learnt === typed.type ? typed.reasons : [`the rules said ${typed.type}`]),
    ];
  }
  if (input.corrected?.type) {
    typeReasons = [`set by a moderator (the ${typeBy === 'model' ? 'model' : 'rules'} said ${type})`];
    type = input.corrected.type;
    typeBy = 'moderator';
  }
  const action = actionNeeded(input.text, type, toneForType, input.reach);
  const language = input.lang?.trim() ? input.lang.trim().toLowerCase().slice(0, 8) : (input.givenLanguage ?? detectLanguage(input.text));
  return {
    type,
    typeBy,
    sentiment,
    sentimentScore: score,
    sentimentBy,
    action: action.action as ActionNeeded,
    language,
    reach: input.reach,
    reasons: {
      type: typeReasons,
      sentiment:
        sentimentBy === 'moderator' ? [`set by a moderator (${sentimentOf(score)} by the ${model ? 'model' : 'rules'})`] : sentimentReasons,
      action: action.reasons,
    },
    ...(learnt ? { learntType: learnt } : {}),
  };
}

// The team's trained models, when one is switched on, take over from the built-in detectors
// for their kind. The built-in reasons are still given: a fitted weight vector explains
// nothing a moderator can check, the signals behind the rules do.
import type { AccountSignals } from '../accounts';
import type { SentimentModel, TypeModel } from '../../triage/classify';
import type { Verdict } from '../reasons';

export interface Models {
  accounts?: { account(signals: AccountSignals, now: number): Verdict };
  reviews?: { review(text: string, rules: Verdict): Verdict };
  spam?: { spam(text: string, rules: Verdict): Verdict };
  /** Sentiment learnt from moderators' corrections; it classifies in the scoring pass. */
  sentiment?: SentimentModel;
  /** Type (question, complaint, compliment, other) learnt from the same corrections; it too classifies in the scoring pass. */
  type?: TypeModel;
}

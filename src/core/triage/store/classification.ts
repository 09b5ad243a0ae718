// Classification as stored on the items row: the columns of migration 0014 written from a
// Classification, read back for the detail pane, and rewritten when a moderator's correction
// (a folded `classify` event) comes or goes.
import type { Database } from 'better-sqlite3';
import type { ClassifiedBy, ItemKind, ItemTriage, Sentiment, TriageType } from '../../../shared/model';
import { stmt } from '../../db/statements';
import { adjustedFollowers } from '../../queue/priority';
import { classify, type Classification, type SentimentModel } from '../classify';
import { languageLoaded } from '../classify/language';
import type { TypeClass } from '../classify/type-features';

/** The columns, in the order `triageValues` gives them. */
export const TRIAGE_SET =
  'triage_type = ?, type_by = ?, sentiment = ?, sentiment_score = ?, sentiment_by = ?, action_needed = ?, language = ?, triage = ?';
export const TRIAGE_COLUMNS = 'triage_type, type_by, sentiment, sentiment_score, sentiment_by, action_needed, language, triage';

export type TriageValues = [string, string, string, number, string, string, string, string];

export function triageValues(c: Classification): TriageValues {
  const score = Math.max(-1, Math.min(1, c.sentimentScore));
  const extra = { reach: c.reach, reasons: c.reasons, ...(c.learntType ? { learntType: c.learntType } : {}) };
  return [c.type, c.typeBy, c.sentiment, score, c.sentimentBy, c.action, c.language, JSON.stringify(extra)];
}

/** Detection queues say spam or fake: their names are what the type shows. */
export function detectionType(queue: string): { type: 'spam' | 'fake'; reason: string } | undefined {
  if (queue === 'spam-waves') return { type: 'spam', reason: 'part of a spam wave' };
  if (queue === 'spam') return { type: 'spam', reason: 'detection scores it as likely spam' };
  if (queue === 'fake-reviews') return { type: 'fake', reason: 'detection scores it as a likely fake review' };
  if (queue === 'fake-accounts') return { type: 'fake', reason: 'its author looks like a fake account' };
  return undefined;
}

/** What a stored row says a moderator set, to be kept by any re-classification. */
export interface StoredTriage {
  triage_type: TriageType | null;
  type_by: ClassifiedBy | null;
  sentiment: Sentiment | null;
  sentiment_by: ClassifiedBy | null;
}

export function correctionsOf(r: StoredTriage): { type?: TriageType; sentiment?: Sentiment } {
  return {
    ...(r.type_by === 'moderator' && r.triage_type ? { type: r.triage_type } : {}),
    ...(r.sentiment_by === 'moderator' && r.sentiment ? { sentiment: r.sentiment } : {}),
  };
}

interface ItemRow extends StoredTriage {
  text: string;
  triage: string | null;
  kind: ItemKind;
  rating: number | null;
  lang: string | null;
  queue: string;
  sentiment_score: number | null;
  action_needed: string | null;
  language: string | null;
  followers: number | null;
  share: number | null;
}

function itemRow(db: Database, itemId: number): ItemRow | undefined {
  return stmt<[number], ItemRow>(
    db,
    `SELECT i.text, i.kind, i.rating, i.lang, i.queue, i.triage_type, i.type_by, i.sentiment, i.sentiment_score, i.sentiment_by,
       i.action_needed, i.language, i.triage, a.followers, a.fake_follower_share AS share
     FROM items i LEFT JOIN accounts a ON a.id = i.author_id WHERE i.id = ?`,
  ).get(itemId);
}

/**
 * What the classifier reads of a stored row; the language found before is kept. A row never
 * classified (stored before classification existed, waiting for its first scoring pass) has
 * none: it reads 'und' while the detector has not loaded, rather than holding up a decision or
 * the detail pane for it; a scoring pass waits for the detector.
 */
function inputOf(r: ItemRow) {
  return {
    text: r.text,
    kind: r.kind,
    rating: r.rating,
    lang: r.lang,
    givenLanguage: r.language ?? (languageLoaded() ? null : 'und'),
    detection: detectionType(r.queue),
    reach: adjustedFollowers(r.followers, r.share),
  };
}

/**
 * Classifies a stored item again with these corrections (what the fold says a moderator set;
 * left out, those stored stay), for instance once detection moved it into or out of a spam queue,
 * keeping the classifier's stored sentiment score (the rules' or the model's) rather than
 * recomputing it without the model, which only the scoring pass holds.
 */
export function reclassify(db: Database, itemId: number, corrections?: { type?: TriageType; sentiment?: Sentiment }): void {
  const r = itemRow(db, itemId);
  if (!r) return;
  // What the type model said when it classified the item (only the scoring pass holds the model).
  const learntType = r.triage ? (JSON.parse(r.triage) as { learntType?: TypeClass }).learntType : undefined;
  // Without corrections given, the stored ones stay.
  const corrected = corrections ?? correctionsOf(r);
  const stored = r.sentiment_score;
  const byModel = r.sentiment_by === 'model';
  const c = classify({
    ...inputOf(r),
    corrected,
    ...(stored !== null ? { given: { score: stored, by: byModel ? 'model' : 'rules' } } : {}),
    givenType: learntType,
  });
  stmt(db, `UPDATE items SET ${TRIAGE_SET} WHERE id = ?`).run(...triageValues(c), itemId);
}

/** Whether the stored row and the fold disagree on what a moderator set. */
export function correctionsDiffer(r: StoredTriage, corrected: { type?: TriageType; sentiment?: Sentiment }): boolean {
  const had = correctionsOf(r);
  return had.type !== corrected.type || had.sentiment !== corrected.sentiment;
}

/** The item's classification for the detail pane; one made on the spot (not stored) for an item not classified yet. */
export function triageOf(db: Database, itemId: number, model?: SentimentModel): ItemTriage | null {
  const r = itemRow(db, itemId);
  if (!r) return null;
  if (r.triage_type === null || r.triage === null) {
    return classify({ ...inputOf(r), model });
  }
  const extra = JSON.parse(r.triage) as { reach: number | null; reasons: ItemTriage['reasons'] };
  return {
    type: r.triage_type,
    typeBy: r.type_by ?? 'rules',
    sentiment: r.sentiment ?? 'neutral',
    sentimentScore: r.sentiment_score ?? 0,
    sentimentBy: r.sentiment_by ?? 'rules',
    action: (r.action_needed ?? 'no-action') as ItemTriage['action'],
    language: r.language ?? 'und',
    reach: extra.reach,
    reasons: extra.reasons,
  };
}

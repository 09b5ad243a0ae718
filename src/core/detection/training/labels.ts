// The team's decisions as training labels. Spam: items (not reviews) decided spam against
// items approved, answered or escalated. Reviews: reviews decided spam or fake against reviews
// approved or answered. Accounts: authors with an item decided fake against authors whose
// items were only approved or answered. Removed items say nothing of which it was, so they
// are left out. The newest decisions count when there are more than the cap.
import type { Database } from 'better-sqlite3';
import { stmt } from '../../db/statements';
import { accountVerdict } from '../accounts';
import { spamVerdict } from '../comments';
import { reviewVerdict } from '../reviews';
import { lexiconSentiment } from '../../triage/classify/sentiment';
import { rulesTypeOf, TYPE_CLASSES } from '../../triage/classify/type-features';
import { ACCOUNT_COLUMNS, signalsOf, type AccountRow } from '../scores/account-scores';
import type { Example } from '../trainer';
import { accountExample, textExample, type ModelKind } from './kinds';

export const MAX_LABELS = 50_000;

export interface Labelled {
  examples: Example[];
  labels: boolean[];
  /** The built-in rules' score of each example, to compare with. */
  rules: number[];
}

// Sentiment: what moderators corrected to positive or to negative (neutral is the band
// between them, not a class the model learns).
const TEXT_SQL: Record<'spam' | 'reviews' | 'sentiment', { where: string; positive: string }> = {
  sentiment: { where: "sentiment_by = 'moderator' AND sentiment IN ('positive', 'negative')", positive: "sentiment = 'positive'" },
  spam: { where: "kind != 'review' AND status IN ('spam', 'approved', 'replied', 'escalated')", positive: "status = 'spam'" },
  reviews: { where: "kind = 'review' AND status IN ('spam', 'fake', 'approved', 'replied')", positive: "status IN ('spam', 'fake')" },
};

const ACCOUNTS_SQL = `FROM items i JOIN accounts a ON a.id = i.author_id
  WHERE i.status IN ('fake', 'approved', 'replied') AND a.stub = 0 GROUP BY a.id`;

/**
 * Type: every type a moderator set (a `y` correction), and the rules' type where a moderator
 * answered or escalated the item without correcting it. Those confirmations are in on purpose:
 * corrections alone are by construction the messages the rules got wrong, so a model fitted on
 * them alone never sees the ordinary question that is a question, and the rules, measured on
 * them, would score near nothing — a comparison that says nothing of whether switching on helps.
 * With the confirmations the model must keep what the rules get right as well as fix what they
 * get wrong, and the two are compared on the same honest mix. Only a reply or an escalation
 * confirms (the type decides how one answers, and the panel shows it); an approval or a removal
 * says nothing of the type. Only the rules' types are confirmed, never the model's own: a model
 * learning its own answers back would only grow surer of them.
 */
export const TYPE_LABELS_WHERE =
  "triage_type IN ('question', 'complaint', 'compliment', 'other') AND (type_by = 'moderator' OR (type_by = 'rules' AND status IN ('replied', 'escalated')))";

/** Type labels per class, in TYPE_CLASSES order. */
export function typeLabelCounts(db: Database): { label: string; n: number }[] {
  const rows = stmt<[], { t: string; n: number }>(
    db,
    `SELECT triage_type AS t, count(*) AS n FROM items WHERE ${TYPE_LABELS_WHERE} GROUP BY triage_type`,
  ).all();
  return TYPE_CLASSES.map((label) => ({ label, n: rows.find((r) => r.t === label)?.n ?? 0 }));
}

export interface ClassLabelled {
  examples: Example[];
  /** Index into the kind's classes. */
  classes: number[];
  /** The built-in rules' call on each example, one score per class (1 for the class they say). */
  rules: number[][];
}

export function labelledTypes(db: Database): ClassLabelled {
  const out: ClassLabelled = { examples: [], classes: [], rules: [] };
  const rows = stmt<[number], { text: string; t: string }>(
    db,
    `SELECT text, triage_type AS t FROM items WHERE ${TYPE_LABELS_WHERE} ORDER BY id DESC LIMIT ?`,
  ).all(MAX_LABELS);
  for (const r of rows) {
    out.examples.push(textExample('type', r.text));
    out.classes.push((TYPE_CLASSES as readonly string[]).indexOf(r.t));
    const rules = rulesTypeOf(r.text);
    out.rules.push(TYPE_CLASSES.map((_, c) => (c === rules ? 1 : 0)));
  }
  return out;
}

export function labelCounts(db: Database, kind: ModelKind): { positive: number; negative: number } {
  if (kind === 'type') return { positive: typeLabelCounts(db).reduce((a, c) => a + c.n, 0), negative: 0 };
  const q = kind === 'accounts' ? null : TEXT_SQL[kind];
  const r = stmt<[], { positive: number | null; negative: number | null }>(
    db,
    q
      ? `SELECT sum(${q.positive}) AS positive, sum(NOT (${q.positive})) AS negative FROM items WHERE ${q.where}`
      : `SELECT sum(fake) AS positive, sum(1 - fake) AS negative FROM (SELECT max(i.status = 'fake') AS fake ${ACCOUNTS_SQL})`,
  ).get()!;
  return { positive: r.positive ?? 0, negative: r.negative ?? 0 };
}

export function labelledExamples(db: Database, kind: Exclude<ModelKind, 'type'>, now: number): Labelled {
  const out: Labelled = { examples: [], labels: [], rules: [] };
  if (kind === 'accounts') {
    const rows = stmt<[number], AccountRow & { fake: number }>(
      db,
      `SELECT ${ACCOUNT_COLUMNS.split(', ')
        .map((c) => `a.${c}`)
        .join(', ')}, max(i.status = 'fake') AS fake, max(i.decided_at) AS last
       ${ACCOUNTS_SQL} ORDER BY last DESC LIMIT ?`,
    ).all(MAX_LABELS);
    for (const r of rows) {
      const s = signalsOf(r);
      out.examples.push(accountExample(s, now));
      out.labels.push(r.fake === 1);
      out.rules.push(accountVerdict(s, now).score);
    }
    return out;
  }
  const q = TEXT_SQL[kind];
  const rows = stmt<[number], { text: string; positive: number }>(
    db,
    `SELECT text, ${q.positive} AS positive FROM items WHERE ${q.where} ORDER BY ${kind === 'sentiment' ? 'id' : 'decided_at'} DESC LIMIT ?`,
  ).all(MAX_LABELS);
  for (const r of rows) {
    out.examples.push(textExample(kind, r.text));
    out.labels.push(r.positive === 1);
    out.rules.push(
      kind === 'spam'
        ? spamVerdict(r.text).score
        : kind === 'sentiment'
          ? (lexiconSentiment(r.text).score + 1) / 2
          : reviewVerdict(r.text).score,
    );
  }
  return out;
}

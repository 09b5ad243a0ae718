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
import { ACCOUNT_COLUMNS, signalsOf, type AccountRow } from '../store/accounts';
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

export function labelCounts(db: Database, kind: ModelKind): { positive: number; negative: number } {
  const q = kind === 'accounts' ? null : TEXT_SQL[kind];
  const r = stmt<[], { positive: number | null; negative: number | null }>(
    db,
    q
      ? `SELECT sum(${q.positive}) AS positive, sum(NOT (${q.positive})) AS negative FROM items WHERE ${q.where}`
      : `SELECT sum(fake) AS positive, sum(1 - fake) AS negative FROM (SELECT max(i.status = 'fake') AS fake ${ACCOUNTS_SQL})`,
  ).get()!;
  return { positive: r.positive ?? 0, negative: r.negative ?? 0 };
}

export function labelledExamples(db: Database, kind: ModelKind, now: number): Labelled {
  const out: Labelled = { examples: [], labels: [], rules: [] };
  if (kind === 'accounts') {
    const rows = stmt<[number], AccountRow & { fake: number }>(
      db,
      `SELECT ${ACCOUNT_COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')}, max(i.status = 'fake') AS fake, max(i.decided_at) AS last
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
    out.rules.push(kind === 'spam' ? spamVerdict(r.text).score : kind === 'sentiment' ? (lexiconSentiment(r.text).score + 1) / 2 : reviewVerdict(r.text).score);
  }
  return out;
}

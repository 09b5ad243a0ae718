// `npm run eval`: the default detectors and the app's trainer, measured on labelled CSV
// folders (accounts.csv, reviews.csv, comments.csv; columns as in docs/cli.md, eval;
// extra columns ignored, optional ones may be missing). Test labels are used for scoring only.
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountVerdict, type AccountSignals } from './accounts';
import { spamVerdict } from './comments';
import { binaryMetrics, scoreSpread, type BinaryMetrics, type ScoreSpread } from './learn/metrics';
import { reviewVerdict } from './reviews';
import { accountExample, SPARSE_DIM, textExample, TRAIN_OPTIONS } from './training/kinds';
import { fit, score, type Example } from './trainer';
import { evaluateSentiment } from '../triage/classify/evaluate';

export type EvalKind = 'accounts' | 'reviews' | 'comments';
export const EVAL_KINDS: readonly EvalKind[] = ['accounts', 'reviews', 'comments'];

export interface KindResult {
  zeroShot: BinaryMetrics;
  trained?: BinaryMetrics;
  /** Where the scores fall: ROC AUC, and the share of each class scoring high (see ScoreSpread). */
  spread?: { zeroShot: ScoreSpread; trained?: ScoreSpread };
}

type Row = Record<string, string>;

interface Labelled {
  label: boolean;
  zeroShot: number;
  example: Example;
}

function readRows(file: string): Row[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as Row[];
}

const POSITIVE: Record<EvalKind, string> = { accounts: 'fake', reviews: 'deceptive', comments: 'spam' };

const num = (v: string | undefined): number | null => {
  if (v === undefined || v.trim() === '' || v === 'NULL') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};
const flag = (v: string | undefined): boolean => !!v && v !== '0' && v.toLowerCase() !== 'false' && v !== 'NULL';
const text = (v: string | undefined): string | null => (v && v !== 'NULL' ? v : null);

function accountOf(r: Row): AccountSignals {
  const created = r.created_at ? Date.parse(r.created_at) : NaN;
  return {
    followers: num(r.followers_count),
    following: num(r.friends_count),
    posts: num(r.statuses_count),
    likes: num(r.favourites_count),
    listed: num(r.listed_count),
    createdAt: Number.isFinite(created) ? created : null,
    verified: flag(r.verified),
    defaultAvatar: flag(r.default_profile_image),
    defaultProfile: flag(r.default_profile),
    bio: text(r.description),
    url: text(r.url),
    hasBanner: !!text(r.profile_banner_url),
    geoEnabled: flag(r.geo_enabled),
  };
}

function load(kind: EvalKind, file: string): Labelled[] {
  const rows = readRows(file).filter((r) => r.label);
  if (kind === 'accounts') {
    const accounts = rows.map(accountOf);
    // The collection's own "now": its newest account, not today.
    const now = Math.max(...accounts.map((a) => a.createdAt ?? 0));
    return rows.map((r, i) => ({
      label: r.label === POSITIVE.accounts,
      zeroShot: accountVerdict(accounts[i]!, now).score,
      example: accountExample(accounts[i]!, now),
    }));
  }
  if (kind === 'reviews') {
    return rows.map((r) => ({
      label: r.label === POSITIVE.reviews,
      zeroShot: reviewVerdict(r.text ?? '').score,
      example: textExample('reviews', r.text ?? ''),
    }));
  }
  return rows.map((r) => ({
    label: r.label === POSITIVE.comments,
    zeroShot: spamVerdict(r.text ?? '').score,
    example: textExample('spam', r.text ?? ''),
  }));
}

export function evaluateKind(kind: EvalKind, trainFile: string | null, testFile: string): KindResult {
  const test = load(kind, testFile);
  const labels = test.map((t) => t.label);
  const zeroShot = test.map((t) => t.zeroShot);
  const result: KindResult = { zeroShot: binaryMetrics(labels, zeroShot), spread: { zeroShot: scoreSpread(labels, zeroShot) } };
  if (trainFile) {
    const train = load(kind, trainFile);
    // The same trainer, features and settings as the app's (training/kinds.ts).
    const mk = kind === 'comments' ? 'spam' : kind;
    const model = fit(
      train.map((t) => t.example),
      train.map((t) => t.label),
      SPARSE_DIM[mk],
      TRAIN_OPTIONS[mk],
    );
    const trained = test.map((t) => score(model, t.example));
    result.trained = binaryMetrics(labels, trained);
    result.spread!.trained = scoreSpread(labels, trained);
  }
  return result;
}

/** What `eval` reports: each detector, and sentiment where reviews.csv carries a polarity. */
export type EvalReport = Partial<Record<EvalKind | 'sentiment', KindResult>>;

export function evaluateFolders(trainDir: string, testDir: string): EvalReport {
  const out: EvalReport = {};
  for (const kind of EVAL_KINDS) {
    const testFile = join(testDir, `${kind}.csv`);
    if (!existsSync(testFile)) continue;
    const trainFile = join(trainDir, `${kind}.csv`);
    out[kind] = evaluateKind(kind, existsSync(trainFile) ? trainFile : null, testFile);
    if (kind === 'reviews') {
      const sentiment = evaluateSentiment(existsSync(trainFile) ? trainFile : null, testFile);
      if (sentiment) out.sentiment = sentiment;
    }
  }
  return out;
}

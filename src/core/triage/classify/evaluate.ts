// `npm run eval`'s sentiment figures: the lexicon as it ships (zeroShot) and the app's
// sentiment trainer fitted on the train folder's reviews (trained), on the test folder's
// reviews.csv with its `polarity` column as the label (positive is the positive class).
// Files without that column have nothing to say of sentiment.
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { binaryMetrics, type BinaryMetrics } from '../../detection/learn/metrics';
import { fit, score } from '../../detection/trainer';
import { SPARSE_DIM, TRAIN_OPTIONS } from '../../detection/training/kinds';
import { sentimentExample } from './features';
import { lexiconSentiment } from './sentiment';

interface Labelled {
  text: string;
  positive: boolean;
}

function load(file: string): Labelled[] | null {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as Record<
    string,
    string
  >[];
  if (!rows.length || !('polarity' in rows[0]!)) return null;
  return rows
    .filter((r) => r.polarity === 'positive' || r.polarity === 'negative')
    .map((r) => ({ text: r.text ?? '', positive: r.polarity === 'positive' }));
}

export function evaluateSentiment(trainFile: string | null, testFile: string): { zeroShot: BinaryMetrics; trained?: BinaryMetrics } | null {
  const test = load(testFile);
  if (!test?.length) return null;
  const labels = test.map((t) => t.positive);
  // The lexicon's score in [-1, 1] as a probability of positive; a neutral 0 falls on the positive side.
  const out: { zeroShot: BinaryMetrics; trained?: BinaryMetrics } = {
    zeroShot: binaryMetrics(
      labels,
      test.map((t) => (lexiconSentiment(t.text).score + 1) / 2),
    ),
  };
  const train = trainFile ? load(trainFile) : null;
  if (train?.length) {
    // The same features and settings as the app's trainer (training/kinds.ts).
    const model = fit(
      train.map((t) => sentimentExample(t.text)),
      train.map((t) => t.positive),
      SPARSE_DIM.sentiment,
      TRAIN_OPTIONS.sentiment,
    );
    out.trained = binaryMetrics(
      labels,
      test.map((t) => score(model, sentimentExample(t.text))),
    );
  }
  return out;
}

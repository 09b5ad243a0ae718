// The trainer the app and `npm run eval` share: standardised dense features (accounts) or
// hashed text features plus a few dense ones (reviews, comments), logistic regression on top.
import { train, predict, type LogisticModel, type SparseVector, type TrainOptions } from './learn/logistic';

export interface Example {
  dense: number[];
  /** Hashed sparse features (index → value), already scaled. */
  sparse?: Map<number, number>;
}

export interface TrainedModel {
  model: LogisticModel;
  mean: number[];
  scale: number[];
  denseDim: number;
}

export function fit(examples: readonly Example[], labels: readonly boolean[], sparseDim: number, opts: TrainOptions = {}): TrainedModel {
  const denseDim = examples[0]?.dense.length ?? 0;
  const mean = new Array<number>(denseDim).fill(0);
  const scale = new Array<number>(denseDim).fill(0);
  for (const x of examples) x.dense.forEach((v, i) => (mean[i]! += v / examples.length));
  for (const x of examples) x.dense.forEach((v, i) => (scale[i]! += (v - mean[i]!) ** 2 / examples.length));
  for (let i = 0; i < denseDim; i++) scale[i] = Math.sqrt(scale[i]!) || 1;
  const shaped = { mean, scale, denseDim };
  const xs = examples.map((x) => vectorOf(shaped, x));
  const model = train(xs, labels, denseDim + sparseDim, { positiveWeight: 'balanced', ...opts });
  return { model, ...shaped };
}

function vectorOf(m: Pick<TrainedModel, 'mean' | 'scale' | 'denseDim'>, x: Example): SparseVector {
  const n = m.denseDim + (x.sparse?.size ?? 0);
  const idx = new Int32Array(n);
  const val = new Float64Array(n);
  for (let i = 0; i < m.denseDim; i++) {
    idx[i] = i;
    val[i] = ((x.dense[i] ?? 0) - m.mean[i]!) / m.scale[i]!;
  }
  let k = m.denseDim;
  if (x.sparse) {
    for (const [f, v] of x.sparse) {
      idx[k] = m.denseDim + f;
      val[k] = v;
      k++;
    }
  }
  return { idx, val };
}

export function score(m: TrainedModel, x: Example): number {
  return predict(m.model, vectorOf(m, x));
}

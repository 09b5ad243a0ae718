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

export interface FitOptions extends TrainOptions {
  /**
   * Scales each sparse feature by its naive-Bayes log-count ratio before fitting (NB-LR,
   * Wang & Manning 2012), with this smoothing: on small text sets it lets words that tell the
   * classes apart start ahead. The scale is folded into the weights afterwards, so the model
   * scores raw features like any other.
   */
  nbAlpha?: number;
}

/** log((p_f + α) / (P + α)) − log((q_f + α) / (Q + α)) over feature presence, per sparse feature. */
function logCountRatios(examples: readonly Example[], labels: readonly boolean[], alpha: number): Map<number, number> {
  const pos = new Map<number, number>();
  const neg = new Map<number, number>();
  let p = 0;
  let q = 0;
  examples.forEach((x, i) => {
    const side = labels[i] ? pos : neg;
    if (labels[i]) p++;
    else q++;
    for (const [f, v] of x.sparse ?? []) if (v !== 0) side.set(f, (side.get(f) ?? 0) + 1);
  });
  const out = new Map<number, number>();
  for (const f of new Set([...pos.keys(), ...neg.keys()])) {
    out.set(f, Math.log(((pos.get(f) ?? 0) + alpha) / (p + alpha)) - Math.log(((neg.get(f) ?? 0) + alpha) / (q + alpha)));
  }
  return out;
}

export function fit(examples: readonly Example[], labels: readonly boolean[], sparseDim: number, opts: FitOptions = {}): TrainedModel {
  const denseDim = examples[0]?.dense.length ?? 0;
  if (opts.nbAlpha !== undefined && sparseDim > 0) {
    const r = logCountRatios(examples, labels, opts.nbAlpha);
    const scaled = examples.map((x) => ({
      dense: x.dense,
      sparse: new Map([...(x.sparse ?? [])].map(([f, v]) => [f, v * (r.get(f) ?? 0)])),
    }));
    const m = fit(scaled, labels, sparseDim, { ...opts, nbAlpha: undefined });
    // w · (x ∘ r) = (w ∘ r) · x: the scale moves into the weights (unseen features get 0).
    for (let f = 0; f < sparseDim; f++) m.model.weights[denseDim + f]! *= r.get(f) ?? 0;
    return m;
  }
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

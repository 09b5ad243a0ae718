// Logistic regression over sparse feature vectors, written here so that it runs the same in
// Node and in a worker: L2-regularised, fitted with Adam over mini-batches, deterministic for
// a given seed. Dense features are sparse vectors with every index present.

export interface SparseVector {
  idx: Int32Array;
  val: Float64Array;
}

export interface LogisticModel {
  dim: number;
  weights: Float64Array;
  bias: number;
}

export interface TrainOptions {
  /** L2 strength, per example. */
  l2?: number;
  epochs?: number;
  learningRate?: number;
  batch?: number;
  seed?: number;
  /** Weight of positive examples relative to negatives (1: as they come; 'balanced': by class frequency). */
  positiveWeight?: number | 'balanced';
  onProgress?: (done: number, total: number) => void;
}

export function dense(values: readonly number[]): SparseVector {
  return { idx: Int32Array.from(values.keys()), val: Float64Array.from(values) };
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function margin(m: LogisticModel, x: SparseVector): number {
  let z = m.bias;
  for (let k = 0; k < x.idx.length; k++) z += m.weights[x.idx[k]!]! * x.val[k]!;
  return z;
}

export function predict(m: LogisticModel, x: SparseVector): number {
  return sigmoid(margin(m, x));
}

/** A small deterministic generator (mulberry32) for shuffling. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function train(xs: readonly SparseVector[], ys: readonly boolean[], dim: number, opts: TrainOptions = {}): LogisticModel {
  const n = xs.length;
  if (n !== ys.length) throw new Error('examples and labels differ in length');
  const l2 = opts.l2 ?? 1e-4;
  const epochs = opts.epochs ?? 30;
  const lr = opts.learningRate ?? 0.05;
  const batch = Math.max(1, opts.batch ?? 32);
  const pos = ys.filter(Boolean).length;
  const wPos = opts.positiveWeight === 'balanced' ? (pos ? (n - pos) / pos : 1) : (opts.positiveWeight ?? 1);
  const w = new Float64Array(dim);
  let b = 0;
  // Adam moments, updated lazily per touched weight; L2 applied to touched weights.
  const m1 = new Float64Array(dim);
  const m2 = new Float64Array(dim);
  let bm1 = 0;
  let bm2 = 0;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const grad = new Float64Array(dim);
  const touched = new Int32Array(dim);
  const touchedList: number[] = [];
  const order = Array.from({ length: n }, (_, i) => i);
  const random = rng(opts.seed ?? 1);
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < n; start += batch) {
      const end = Math.min(n, start + batch);
      let gb = 0;
      touchedList.length = 0;
      for (let t = start; t < end; t++) {
        const e = order[t]!;
        const x = xs[e]!;
        const y = ys[e] ? 1 : 0;
        const weight = ys[e] ? wPos : 1;
        let z = b;
        for (let k = 0; k < x.idx.length; k++) z += w[x.idx[k]!]! * x.val[k]!;
        const err = (sigmoid(z) - y) * weight;
        gb += err;
        for (let k = 0; k < x.idx.length; k++) {
          const f = x.idx[k]!;
          if (touched[f] !== step + 1) {
            touched[f] = step + 1;
            grad[f] = 0;
            touchedList.push(f);
          }
          grad[f] = grad[f]! + err * x.val[k]!;
        }
      }
      step++;
      const size = end - start;
      const c1 = 1 - beta1 ** step;
      const c2 = 1 - beta2 ** step;
      for (const f of touchedList) {
        const g = grad[f]! / size + l2 * w[f]!;
        m1[f] = beta1 * m1[f]! + (1 - beta1) * g;
        m2[f] = beta2 * m2[f]! + (1 - beta2) * g * g;
        w[f] = w[f]! - (lr * (m1[f]! / c1)) / (Math.sqrt(m2[f]! / c2) + eps);
      }
      const g = gb / size;
      bm1 = beta1 * bm1 + (1 - beta1) * g;
      bm2 = beta2 * bm2 + (1 - beta2) * g * g;
      b -= (lr * (bm1 / c1)) / (Math.sqrt(bm2 / c2) + eps);
    }
    opts.onProgress?.(epoch + 1, epochs);
  }
  return { dim, weights: w, bias: b };
}

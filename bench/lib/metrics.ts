// Figures, not verdicts: each benchmark prints one JSON object per line on stdout
// (`{"name","value","unit"}`, plus `baseline` and `ratio` where both were measured in the
// same run). Progress and context go to stderr so stdout stays machine-readable.

export interface Metric {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  /** What was measured, in words: sample count, sizes, targets. */
  note?: string;
}

export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank: the smallest sample with at least p % of samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function emit(m: Metric): void {
  const out: Metric = { name: m.name, value: round(m.value), unit: m.unit };
  if (m.baseline !== undefined) out.baseline = round(m.baseline);
  if (m.ratio !== undefined) out.ratio = round(m.ratio);
  if (m.note) out.note = m.note;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

export function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

export async function timed<T>(label: string, f: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await f();
  log(`${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return r;
}

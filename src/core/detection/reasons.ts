/** What a detector says of one account or item: a score in [0, 1] and why, in words with numbers. */
export interface Verdict {
  score: number;
  reasons: string[];
}

/** One piece of evidence: its log-odds contribution and the sentence that explains it. */
export interface Evidence {
  weight: number;
  reason: string;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Combines evidence as a naive log-odds sum on top of a prior, and keeps as reasons the
 * pieces that pushed the score the way it went, strongest first.
 */
export function verdictOf(prior: number, evidence: readonly Evidence[], maxReasons = 4): Verdict {
  const z = prior + evidence.reduce((s, e) => s + e.weight, 0);
  const score = sigmoid(z);
  const towards = score >= 0.5 ? 1 : -1;
  const reasons = evidence
    .filter((e) => Math.sign(e.weight) === towards)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, maxReasons)
    .map((e) => e.reason);
  return { score, reasons };
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en');
}

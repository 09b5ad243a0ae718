import type { Sureness } from '../../shared/model';

/**
 * What a detector says of one account or item: a score in [0, 1], why (in words with numbers),
 * and how sure it is.
 */
export interface Verdict {
  score: number;
  reasons: string[];
  sure: Sureness;
}

/** One piece of evidence: its log-odds contribution and the sentence that explains it. */
export interface Evidence {
  weight: number;
  reason: string;
  /**
   * Signals that say much the same thing share a group (how the text is written, how the
   * profile is kept): within a group, the strongest one pointing each way counts in full and
   * each further one half as much as the one before, and the group is one signal when it comes
   * to how sure the verdict is. Evidence without a group is a signal of its own.
   */
  group?: string;
}

/**
 * A signal at least this strong (in log-odds) can carry a verdict alone: a link out of the
 * platform, a burst of same-star reviews, a handful of followers. Weaker ones need others
 * that agree.
 */
export const STRONG = 2.5;

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export const logit = (p: number): number => Math.log(Math.max(1e-9, p) / Math.max(1e-9, 1 - p));

/** Weights one way, strongest first, each further one half the one before (sorts `weights` in place). */
function damped(weights: number[]): number {
  if (weights.length < 2) return weights[0] ?? 0;
  weights.sort((a, b) => b - a);
  let sum = 0;
  for (let k = 0; k < weights.length; k++) sum += weights[k]! / 2 ** k;
  return sum;
}

/**
 * The net log-odds of each independent signal (a group, or an ungrouped piece of evidence).
 * Run for every account and item scored: one pass, no copies.
 */
export function signalsOf(evidence: readonly Evidence[]): number[] {
  const out: number[] = [];
  // A verdict has a handful of groups: a list searched in order beats a Map made per call.
  const names: string[] = [];
  const ups: number[][] = [];
  const downs: number[][] = [];
  for (const e of evidence) {
    if (e.weight === 0) continue;
    if (e.group === undefined) {
      out.push(e.weight);
      continue;
    }
    let g = names.indexOf(e.group);
    if (g < 0) {
      g = names.push(e.group) - 1;
      ups.push([]);
      downs.push([]);
    }
    if (e.weight > 0) ups[g]!.push(e.weight);
    else downs[g]!.push(-e.weight);
  }
  for (let g = 0; g < names.length; g++) out.push(damped(ups[g]!) - damped(downs[g]!));
  return out;
}

/** Signals that together move the log-odds less than this are weak, however many. */
const WEAK = 1.5;

/**
 * How sure a verdict combined from independent signals is: how many push the score the way it
 * went from the base rate, how strong they are together, and how much pushes the other way.
 *   low:    no signal (the score is the base rate), weak signals only, one signal short of
 *           strong, or signals that disagree (what pushes against is half of what pushes for);
 *   medium: one strong signal, or several that are not strong together, or several with
 *           some against;
 *   high:   several signals that agree, strong together, with little against.
 */
export function sureOf(signals: readonly number[]): Sureness {
  if (!signals.length) return { level: 'low', basis: 'no signals: the base rate' };
  const way = Math.sign(signals.reduce((s, w) => s + w, 0));
  if (way === 0) return { level: 'low', basis: 'signals cancel out' };
  const push = signals.filter((w) => Math.sign(w) === way);
  const forSum = push.reduce((s, w) => s + Math.abs(w), 0);
  const against = signals.filter((w) => Math.sign(w) === -way).reduce((s, w) => s + Math.abs(w), 0);
  const n = push.length;
  if (against >= 0.5 * forSum) return { level: 'low', basis: 'signals disagree' };
  if (forSum < WEAK) return { level: 'low', basis: n === 1 ? 'one weak signal' : `${n} weak signals` };
  if (n === 1) {
    if (forSum >= STRONG && against < 0.25 * forSum) return { level: 'medium', basis: 'one strong signal' };
    return { level: 'low', basis: against ? 'one signal, some against' : 'one signal' };
  }
  if (forSum < STRONG) return { level: 'medium', basis: `${n} signals, none strong` };
  if (against >= 0.25 * forSum) return { level: 'medium', basis: `${n} signals, some against` };
  return { level: 'high', basis: `${n} signals agree` };
}

/**
 * Combines evidence as a log-odds sum on top of a prior (the base rate: with no evidence the
 * score is the share of such items expected to be bad, never an even 0.5), and keeps as
 * reasons the pieces that pushed the score the way it went from there, strongest first.
 */
export function verdictOf(prior: number, evidence: readonly Evidence[], maxReasons = 4): Verdict {
  const signals = signalsOf(evidence);
  const net = signals.reduce((s, w) => s + w, 0);
  const towards = Math.sign(net);
  const reasons = evidence
    .filter((e) => towards !== 0 && Math.sign(e.weight) === towards)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, maxReasons)
    .map((e) => e.reason);
  return { score: sigmoid(prior + net), reasons, sure: sureOf(signals) };
}

/** What is known of a trained model's quality: its cross-validated MCC and on how many labels. */
export interface ModelQuality {
  mcc: number;
  n: number;
}

/**
 * How sure a trained model's score is: from how well the model did in cross-validation on the
 * team's labels, and how far this score is from its decision boundary (in log-odds: 0.85 is
 * a score of 0.3 or 0.7, 2.2 one of 0.1 or 0.9). A weak model, or a score near the
 * boundary, is not sure; a good one far from it is.
 */
export function sureOfModel(quality: ModelQuality | null, z: number): Sureness {
  const q = quality && Number.isFinite(quality.mcc) ? quality : null;
  const grade = !q || q.n < 40 || q.mcc < 0.3 ? 'weak' : q.mcc >= 0.6 && q.n >= 100 ? 'good' : 'fair';
  const distance = Math.abs(z) >= 2.2 ? 'far from' : Math.abs(z) >= 0.85 ? 'clear of' : 'near';
  const about = q ? `team model (MCC ${q.mcc.toFixed(2)} on ${fmt(q.n)} labels)` : 'team model (quality unknown)';
  const level = grade === 'weak' || distance === 'near' ? 'low' : grade === 'good' && distance === 'far from' ? 'high' : 'medium';
  return { level, basis: `${about}, ${distance} its boundary` };
}

/** A verdict's sureness as stored (JSON); one scored before sureness was recorded says so. */
export function storedSure(json: string | null | undefined): Sureness {
  if (json) {
    try {
      const s = JSON.parse(json) as Partial<Sureness> | null;
      if (s && (s.level === 'low' || s.level === 'medium' || s.level === 'high') && typeof s.basis === 'string')
        return { level: s.level, basis: s.basis };
    } catch {
      // A damaged value reads as unknown: the next scoring pass writes it again.
    }
  }
  return { level: 'low', basis: 'not recorded (scored by an older version)' };
}

/**
 * A whole number with thousands separated by commas ("8,250"), as `toLocaleString('en')` writes
 * it but without the locale machinery: every reason of every verdict is formatted, and that call
 * cost more than the scoring around it.
 */
export function fmt(n: number): string {
  const r = Math.round(n);
  if (!Number.isFinite(r) || Math.abs(r) >= 1e21) return r.toLocaleString('en');
  const digits = String(Math.abs(r));
  if (digits.length <= 3) return r < 0 ? `-${digits}` : digits;
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return r < 0 ? `-${out}` : out;
}

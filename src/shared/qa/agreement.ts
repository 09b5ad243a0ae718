// Agreement between people who decide the same items, corrected for chance. A raw "% agreement"
// flatters: when nine items in ten are approved, two people who approve everything agree 90 %
// of the time while telling nothing apart. Cohen's κ (two people) and Krippendorff's α (any
// number of people, missing answers allowed) count only the agreement beyond what chance would
// give with the same mix of answers, and the raw share is kept only to be shown beside them.
//
// Values are nominal: small non-negative integers standing for categories (decision outcomes,
// or a label's presence). Tallies keep only what each statistic needs (κ a contingency table,
// α the count of each distinct unit pattern), so a million decisions fold into a few hundred
// cells, and the bootstrap resamples those cells rather than the units one by one.
import { poisson, seededRandom } from './random';

/** Below this many units a figure is shown with a warning: its interval is wide and it moves with every review. */
export const MIN_UNITS = 50;
/** Bootstrap replicates behind an interval. */
export const REPLICATES = 1000;
/** The interval's coverage. */
export const CONFIDENCE = 0.95;

export interface Agreement {
  /** κ or α; null where it is undefined (every answer the same category: chance and skill cannot be told apart). */
  value: number | null;
  /** The bootstrap interval (percentile, CONFIDENCE), or null where the replicates could not give one. */
  low: number | null;
  high: number | null;
  /** The raw share of agreeing pairs of answers, for showing beside the corrected figure only. */
  percent: number | null;
  /** Units the figure rests on: items both people answered (κ), items with two answers or more (α). */
  units: number;
  /** Fewer than MIN_UNITS units. */
  few: boolean;
}

/** A statistic over weighted cells: resampled by giving each cell a new weight. */
interface Weighted {
  weights: number[];
  stat(weights: ArrayLike<number>): number | null;
}

/**
 * The percentile bootstrap with Poisson weights: each unit is drawn Poisson(1) times instead of
 * resampling exactly n units, which for units grouped into cells of w makes each cell's new
 * weight Poisson(w), one draw per cell. Replicates whose statistic is undefined are left out;
 * when more than a tenth are, no interval is given.
 */
function interval(w: Weighted, seed: number, replicates: number): { low: number | null; high: number | null } {
  const random = seededRandom(seed);
  const out: number[] = [];
  const next = new Float64Array(w.weights.length);
  const exps = w.weights.map((x) => Math.exp(-x));
  for (let r = 0; r < replicates; r++) {
    for (let i = 0; i < w.weights.length; i++) next[i] = poisson(w.weights[i]!, random, exps[i]);
    const s = w.stat(next);
    if (s !== null) out.push(s);
  }
  if (out.length < replicates * 0.9) return { low: null, high: null };
  out.sort((a, b) => a - b);
  const tail = (1 - CONFIDENCE) / 2;
  const at = (q: number) => out[Math.min(out.length - 1, Math.max(0, Math.round(q * (out.length - 1))))]!;
  return { low: at(tail), high: at(1 - tail) };
}

export interface EstimateOptions {
  /** Seeds the bootstrap: the same data and seed give the same interval. */
  seed?: number;
  /** 0 skips the interval. */
  replicates?: number;
}

function estimate(w: Weighted, units: number, percent: number | null, o: EstimateOptions): Agreement {
  const value = units ? w.stat(w.weights) : null;
  const ci =
    value !== null && (o.replicates ?? REPLICATES) > 0 ? interval(w, o.seed ?? 1, o.replicates ?? REPLICATES) : { low: null, high: null };
  return { value, ...ci, percent, units, few: units < MIN_UNITS };
}

/** Cohen's κ between two people, tallied one shared unit at a time. */
export class KappaTally {
  private readonly cells = new Map<number, number>();
  private n = 0;

  /** One unit both answered: the first person's category, the second's. */
  add(a: number, b: number, weight = 1): void {
    const key = a * 65536 + b;
    this.cells.set(key, (this.cells.get(key) ?? 0) + weight);
    this.n += weight;
  }

  get units(): number {
    return this.n;
  }

  estimate(o: EstimateOptions = {}): Agreement {
    const keys = [...this.cells.keys()];
    // Categories renumbered 0..k-1, so a replicate sums into two small arrays and nothing else.
    const dense = new Map<number, number>();
    const at = (c: number) => dense.get(c) ?? (dense.set(c, dense.size), dense.size - 1);
    const rows = Int32Array.from(keys, (k) => at(Math.floor(k / 65536)));
    const cols = Int32Array.from(keys, (k) => at(k % 65536));
    const w: Weighted = { weights: keys.map((k) => this.cells.get(k)!), stat: kappaOf(rows, cols, dense.size) };
    let same = 0;
    keys.forEach((_, i) => {
      if (rows[i] === cols[i]) same += w.weights[i]!;
    });
    return estimate(w, this.n, this.n ? same / this.n : null, o);
  }
}

/** κ of a contingency table given as cells (row category, column category) and their counts, categories 0..k-1. */
function kappaOf(rows: Int32Array, cols: Int32Array, k: number): (weights: ArrayLike<number>) => number | null {
  const row = new Float64Array(k);
  const col = new Float64Array(k);
  return (weights) => {
    row.fill(0);
    col.fill(0);
    let n = 0;
    let same = 0;
    for (let i = 0; i < rows.length; i++) {
      const w = weights[i]!;
      if (!w) continue;
      n += w;
      if (rows[i] === cols[i]) same += w;
      row[rows[i]!]! += w;
      col[cols[i]!]! += w;
    }
    if (!n) return null;
    let chance = 0;
    for (let c = 0; c < k; c++) chance += row[c]! * col[c]!;
    chance /= n * n;
    if (chance >= 1 - 1e-12) return null;
    return (same / n - chance) / (1 - chance);
  };
}

/** κ of a square table of counts, table[first person's category][second's]. */
export function cohenKappa(table: readonly (readonly number[])[]): number | null {
  const t = new KappaTally();
  table.forEach((r, a) => r.forEach((w, b) => w && t.add(a, b, w)));
  return t.estimate({ replicates: 0 }).value;
}

/** One distinct unit pattern: how many values it holds and how many of each category. */
interface Pattern {
  m: number;
  /** Σ over categories of n_c (n_c − 1) / (m − 1): the unit's agreeing pairs, as α weighs them. */
  agree: number;
  cats: number[];
  counts: number[];
}

/**
 * Krippendorff's α for nominal values, tallied one unit at a time. A unit is the values the
 * people who answered it gave; people who did not answer are simply absent (missing data), and
 * a unit with fewer than two values cannot be paired and does not count.
 *
 * With o_cc the coincidences of category c with itself, n_c the pairable values of c and n all
 * pairable values: α = 1 − (n − 1)(n − Σ o_cc) / (n² − Σ n_c²).
 */
export class AlphaTally {
  private readonly patterns = new Map<string, { p: Pattern; w: number }>();
  private total = 0;

  add(values: readonly number[], weight = 1): void {
    if (values.length < 2) return;
    const sorted = [...values].sort((a, b) => a - b);
    const key = sorted.join(',');
    const had = this.patterns.get(key);
    this.total += weight;
    if (had) {
      had.w += weight;
      return;
    }
    const cats: number[] = [];
    const counts: number[] = [];
    for (const v of sorted) {
      if (cats[cats.length - 1] === v) counts[counts.length - 1]!++;
      else {
        cats.push(v);
        counts.push(1);
      }
    }
    const m = sorted.length;
    const agree = counts.reduce((s, c) => s + (c * (c - 1)) / (m - 1), 0);
    this.patterns.set(key, { p: { m, agree, cats, counts }, w: weight });
  }

  get units(): number {
    return this.total;
  }

  estimate(o: EstimateOptions = {}): Agreement {
    const list = [...this.patterns.values()];
    const patterns = list.map((x) => x.p);
    const dense = new Map<number, number>();
    for (const p of patterns) for (const c of p.cats) if (!dense.has(c)) dense.set(c, dense.size);
    const w: Weighted = { weights: list.map((x) => x.w), stat: alphaOf(patterns, dense) };
    let n = 0;
    let agree = 0;
    patterns.forEach((p, i) => {
      n += p.m * w.weights[i]!;
      agree += p.agree * w.weights[i]!;
    });
    return estimate(w, this.total, n ? agree / n : null, o);
  }
}

function alphaOf(patterns: readonly Pattern[], dense: ReadonlyMap<number, number>): (weights: ArrayLike<number>) => number | null {
  const perCat = new Float64Array(dense.size);
  const cats = patterns.map((p) => Int32Array.from(p.cats, (c) => dense.get(c)!));
  return (weights) => {
    perCat.fill(0);
    let n = 0;
    let agree = 0;
    for (let i = 0; i < patterns.length; i++) {
      const w = weights[i]!;
      if (!w) continue;
      const p = patterns[i]!;
      n += p.m * w;
      agree += p.agree * w;
      const pc = cats[i]!;
      for (let j = 0; j < pc.length; j++) perCat[pc[j]!]! += p.counts[j]! * w;
    }
    let squares = 0;
    for (let c = 0; c < perCat.length; c++) squares += perCat[c]! * perCat[c]!;
    const expected = n * n - squares;
    if (n < 2 || expected <= 0) return null;
    return 1 - ((n - 1) * (n - agree)) / expected;
  };
}

/** α of reliability data laid out as in the literature: one row per person, one column per unit, null where missing. */
export function krippendorffAlpha(byPerson: readonly (readonly (number | null)[])[]): number | null {
  const t = new AlphaTally();
  const units = Math.max(0, ...byPerson.map((r) => r.length));
  for (let u = 0; u < units; u++) t.add(byPerson.map((r) => r[u]).filter((v): v is number => v !== null && v !== undefined));
  return t.estimate({ replicates: 0 }).value;
}

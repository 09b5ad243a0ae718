// Trained models kept in the database, and the active ones turned into the detectors that
// scoring uses (store/models.ts). Scores come from the model; reasons stay the rules', which
// point at what a moderator can check. How sure a model's score is comes from the model's
// cross-validated quality on the team's labels and the score's distance from its boundary.
import type { Database } from 'better-sqlite3';
import type { Metrics, ModelInfo } from '../../../shared/model';
import { stmt } from '../../db/statements';
import { accountVerdict } from '../accounts';
import { logit, sigmoid, sureOfModel, type ModelQuality } from '../reasons';
import { reviewVerdict } from '../reviews';
import type { Models } from '../scores/models';
import { score, type TrainedModel } from '../trainer';
import { accountExample, textExample, type ModelKind } from './kinds';
import { TYPE_CLASSES } from '../../triage/classify/type-features';

interface ModelRow {
  id: number;
  kind: ModelKind;
  created_at: number;
  created_by: string;
  positives: number;
  negatives: number;
  metrics: string;
  active: number;
  activated_at: number | null;
}

const INFO_COLUMNS = 'id, kind, created_at, created_by, positives, negatives, metrics, active, activated_at';

function infoOf(r: ModelRow): ModelInfo {
  const m = JSON.parse(r.metrics) as { cv: Metrics; rules: Metrics };
  return {
    id: r.id,
    kind: r.kind,
    createdAt: r.created_at,
    createdBy: r.created_by,
    positives: r.positives,
    negatives: r.negatives,
    cv: m.cv,
    rules: m.rules,
    active: r.active === 1,
    activatedAt: r.activated_at,
  };
}

/** How one trained model is kept: its shape as JSON, its weights as float32 after the others'. */
interface PartShape {
  dim: number;
  bias: number;
  mean: number[];
  scale: number[];
  denseDim: number;
}

const shapeOf = ({ model, mean, scale, denseDim }: TrainedModel): PartShape => ({
  dim: model.dim,
  bias: model.bias,
  mean,
  scale,
  denseDim,
});

/**
 * A binary kind keeps one model (its shape is that model's); a multi-class kind keeps one per
 * class, in its class order (shape: `{ parts: [...] }`, the weights one after the other).
 */
export function saveModel(
  db: Database,
  kind: ModelKind,
  who: { actor: string; now: number },
  counts: { positives: number; negatives: number },
  result: { model: TrainedModel; cv: Metrics; rules: Metrics } | { models: TrainedModel[]; cv: Metrics; rules: Metrics },
): ModelInfo {
  const parts = 'models' in result ? result.models : [result.model];
  const shape = 'models' in result ? { parts: parts.map(shapeOf) } : shapeOf(result.model);
  const flat = new Float32Array(parts.reduce((n, p) => n + p.model.weights.length, 0));
  let at = 0;
  for (const p of parts) {
    flat.set(p.model.weights, at);
    at += p.model.weights.length;
  }
  const weights = Buffer.from(flat.buffer);
  const id = Number(
    stmt(
      db,
      `INSERT INTO models (kind, created_at, created_by, positives, negatives, metrics, shape, weights)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      kind,
      who.now,
      who.actor,
      counts.positives,
      counts.negatives,
      JSON.stringify({ cv: result.cv, rules: result.rules }),
      JSON.stringify(shape),
      weights,
    ).lastInsertRowid,
  );
  return listModels(db, kind).find((m) => m.id === id)!;
}

export function listModels(db: Database, kind: ModelKind, limit = 10): ModelInfo[] {
  return stmt<[string, number], ModelRow>(db, `SELECT ${INFO_COLUMNS} FROM models WHERE kind = ? ORDER BY id DESC LIMIT ?`)
    .all(kind, limit)
    .map(infoOf);
}

/** Switches a model on for its kind (null: back to the built-in rules). */
export function activateModel(db: Database, kind: ModelKind, modelId: number | null, now: number): void {
  db.transaction(() => {
    if (modelId !== null) {
      const found = stmt<[number, string], { id: number }>(db, 'SELECT id FROM models WHERE id = ? AND kind = ?').get(modelId, kind);
      if (!found) throw new Error(`no ${kind} model ${modelId}`);
    }
    stmt(db, 'UPDATE models SET active = 0 WHERE kind = ? AND active = 1').run(kind);
    if (modelId !== null) stmt(db, 'UPDATE models SET active = 1, activated_at = ? WHERE id = ?').run(now, modelId);
  })();
}

/** The model active before the current one (by when each was switched on), or null for the rules. */
export function previousModel(db: Database, kind: ModelKind): number | null {
  const rows = stmt<[string], { id: number; active: number }>(
    db,
    'SELECT id, active FROM models WHERE kind = ? AND activated_at IS NOT NULL ORDER BY activated_at DESC, id DESC LIMIT 2',
  ).all(kind);
  if (rows[0]?.active !== 1) return null;
  return rows[1]?.id ?? null;
}

/** The active model of a kind, as its parts (one for a binary kind, one per class otherwise). */
function loadParts(db: Database, kind: ModelKind): TrainedModel[] | null {
  const r = stmt<[string], { shape: string; weights: Buffer }>(db, 'SELECT shape, weights FROM models WHERE kind = ? AND active = 1').get(
    kind,
  );
  if (!r) return null;
  const shape = JSON.parse(r.shape) as PartShape | { parts: PartShape[] };
  const f32 = new Float32Array(r.weights.buffer, r.weights.byteOffset, r.weights.byteLength / 4);
  let at = 0;
  return ('parts' in shape ? shape.parts : [shape]).map((p) => {
    const weights = Float64Array.from(f32.subarray(at, at + p.dim));
    at += p.dim;
    return { model: { dim: p.dim, bias: p.bias, weights }, mean: p.mean, scale: p.scale, denseDim: p.denseDim };
  });
}

const load = (db: Database, kind: ModelKind): TrainedModel | null => loadParts(db, kind)?.[0] ?? null;

/** The active model's cross-validated MCC and how many labels it was measured on. */
function qualityOf(db: Database, kind: ModelKind): ModelQuality | null {
  const r = stmt<[string], { metrics: string }>(db, 'SELECT metrics FROM models WHERE kind = ? AND active = 1').get(kind);
  if (!r) return null;
  const cv = (JSON.parse(r.metrics) as { cv?: Partial<Metrics> }).cv;
  return typeof cv?.mcc === 'number' && typeof cv.n === 'number' ? { mcc: cv.mcc, n: cv.n } : null;
}

/** The active models as detectors. */
export function activeModels(db: Database): Models {
  const out: Models = {};
  const spam = load(db, 'spam');
  if (spam) {
    const quality = qualityOf(db, 'spam');
    out.spam = {
      spam: (text, rules) => {
        const p = score(spam, textExample('spam', text));
        return { score: p, reasons: rules.reasons, sure: sureOfModel(quality, logit(p)) };
      },
    };
  }
  const reviews = load(db, 'reviews');
  if (reviews) {
    const quality = qualityOf(db, 'reviews');
    out.reviews = {
      review: (text, rules) => {
        // The model reads the text; what the rules know of the reviewer's record is added on top.
        const behaviour = logit(rules.score) - logit(reviewVerdict(text).score);
        const z = logit(score(reviews, textExample('reviews', text))) + behaviour;
        return { score: sigmoid(z), reasons: rules.reasons, sure: sureOfModel(quality, z) };
      },
    };
  }
  const sentiment = load(db, 'sentiment');
  // The model's probability of positive, as a score in [-1, 1] like the lexicon's.
  if (sentiment) out.sentiment = (text) => 2 * score(sentiment, textExample('sentiment', text)) - 1;
  const type = loadParts(db, 'type');
  if (type?.length === TYPE_CLASSES.length) {
    // Each class's model against the rest; the highest wins.
    out.type = (text) => {
      const x = textExample('type', text);
      const scores = type.map((m) => score(m, x));
      const best = scores.reduce((b, v, c) => (v > scores[b]! ? c : b), 0);
      return { type: TYPE_CLASSES[best]!, probability: scores[best]! };
    };
  }
  const accounts = load(db, 'accounts');
  if (accounts) {
    const quality = qualityOf(db, 'accounts');
    out.accounts = {
      account: (signals, now) => {
        const p = score(accounts, accountExample(signals, now));
        return { score: p, reasons: accountVerdict(signals, now).reasons, sure: sureOfModel(quality, logit(p)) };
      },
    };
  }
  return out;
}

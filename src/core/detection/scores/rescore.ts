// One detection pass over what changed: accounts, then follower audits, then items (with
// near-duplicate fingerprints), then the campaigns of the clusters that moved, and finally
// each touched item's risk, priority and queue. Every step reads only rows marked as waiting
// (partial indexes), so the pass after an import costs what the import brought. The item
// step runs in slices so that a caller can report progress and stay responsive between them.
import { setPriority } from '../../queue/order';
import type { Database } from 'better-sqlite3';
import type { ModelKind, RescoreReport } from '../../../shared/model';
import { stmt } from '../../db/statements';
import { auditFollowers, scoreAccounts } from './account-scores';
import { dirtyClusters, recomputeDirty } from './campaigns';
import { ItemScorer, unscoredItem, unscoredItems, type UnscoredRow } from './item-scores';
import type { Models } from './models';
import { fingerprint, type Fingerprint } from '../minhash';
import { NearDupIndex } from './near-dup';
import { settled, settleItem, type Thresholds } from './settle';
import { adjustedFollowers } from '../../queue/priority';
import { classify } from '../../triage/classify';
import { rerouteItems } from '../../triage/rules/apply';
import { routerOf } from '../../triage/rules/store';
import { correctionsOf, detectionType, TRIAGE_SET, triageValues, type StoredTriage } from '../../triage/store/classification';
import { languageLoaded, languageReady } from '../../triage/classify/language';

export interface RescoreOptions {
  thresholds: Thresholds;
  models?: Models;
  /** Stop after about this many items (the rest wait for the next call). */
  maxItems?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Another connection writes to the same file meanwhile (the pass runs in the scoring
   * worker): each row is read again inside the write, and one that changed since it was
   * scored is left for the next pass.
   */
  concurrent?: boolean;
}

/**
 * Rows written per transaction when another connection writes meanwhile. Scoring is worked
 * out before the write, outside any transaction, so a decision made on that connection waits
 * for one short write at most. Alone, a slice is one transaction (fewer commits, each synced).
 */
export const WRITE_BATCH = 500;
/** Clusters whose campaigns are worked out per transaction, likewise. */
const CAMPAIGN_BATCH = 200;

/** Whether more than `n` items wait to be scored (counts at most n + 1 of them). */
export function hasMorePending(db: Database, n: number): boolean {
  return (
    stmt<[number], { c: number }>(db, 'SELECT count(*) AS c FROM (SELECT 1 FROM items WHERE scored_at IS NULL LIMIT ?)').get(n + 1)!.c > n
  );
}

/**
 * Whether an item waiting to be scored has no language yet: only items stored before
 * classification existed. Every item stored since has one, which a pass keeps.
 */
export function waitingWithoutLanguage(db: Database): boolean {
  return stmt<[], { x: number }>(db, 'SELECT 1 AS x FROM items WHERE scored_at IS NULL AND language IS NULL LIMIT 1').get() !== undefined;
}

/** Databases found with no item waiting without a language: none is stored later. */
const allHaveLanguage = new WeakSet<Database>();

/**
 * Before a scoring pass: loads the language detector (46 MB, a third of a second or more) only
 * where the pass meets items stored before classification, which have no language yet. Every
 * item stored since has one, which a pass keeps; the look is made once per database.
 */
export async function languageForPass(db: Database): Promise<void> {
  if (languageLoaded() || allHaveLanguage.has(db)) return;
  if (waitingWithoutLanguage(db)) await languageReady();
  else allHaveLanguage.add(db);
}

export function pendingItems(db: Database): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM items WHERE scored_at IS NULL').get()!.n;
}

/** What a kind of model scores waits to be scored again (its model was switched). */
export function unscoreKind(db: Database, kind: ModelKind): void {
  if (kind === 'accounts') stmt(db, 'UPDATE accounts SET scored_at = NULL WHERE stub = 0 AND scored_at IS NOT NULL').run();
  // Sentiment and type: the waiting items are classified again (decided ones keep what they were decided with).
  else if (kind === 'sentiment' || kind === 'type')
    stmt(db, "UPDATE items SET scored_at = NULL WHERE status = 'new' AND scored_at IS NOT NULL").run();
  else stmt(db, `UPDATE items SET scored_at = NULL WHERE kind ${kind === 'reviews' ? '=' : '!='} 'review' AND scored_at IS NOT NULL`).run();
}

interface Scored {
  row: UnscoredRow;
  fp: Fingerprint | null | undefined;
  decided: number;
  detection: string;
  scores: { spam: number | null; review: number | null; author: number | null; campaign: number | null };
  settled: { risk: number; priority: number; queue: string };
  triage: ReturnType<typeof triageValues>;
  reclassified: boolean;
}

export function rescore(db: Database, now: number, opts: RescoreOptions): RescoreReport {
  const models = opts.models ?? {};
  const concurrent = opts.concurrent ?? false;
  const t0 = performance.now();
  const accounts = scoreAccounts(db, now, models, concurrent);
  const t1 = performance.now();
  const audits = auditFollowers(db, concurrent);
  const t2 = performance.now();
  const total = opts.onProgress ? pendingItems(db) : 0;
  const scorer = new ItemScorer(db, models);
  const dups = new NearDupIndex(db);
  const write = stmt(
    db,
    `UPDATE items SET spam_score = ?, review_score = ?, author_score = ?, detection = ?, scored_at = ?, risk = ?, queue = ?,
       ${TRIAGE_SET} WHERE id = ?`,
  );
  // Most items keep the risk they were stored with: then no priority index needs to move (and
  // of those that change queue, only the queue indexes).
  // Classification goes in with the verdicts: the pass is where the team's sentiment and type
  // models and detection's queues (spam, fake) reach it.
  const confirm = stmt(
    db,
    `UPDATE items SET spam_score = ?, review_score = ?, author_score = ?, detection = ?, scored_at = ?, ${TRIAGE_SET} WHERE id = ?`,
  );
  const route = stmt(
    db,
    `UPDATE items SET spam_score = ?, review_score = ?, author_score = ?, detection = ?, scored_at = ?, queue = ?, ${TRIAGE_SET} WHERE id = ?`,
  );
  const router = routerOf(db);
  const score = (r: UnscoredRow): Scored => {
    const v = scorer.score(r);
    const scores = {
      spam: v.spam?.score ?? null,
      review: v.review?.score ?? null,
      author: v.author?.score ?? null,
      campaign: r.campaign_score,
    };
    const s = settled(r, scores, opts.thresholds);
    const c = classify({
      text: r.text,
      kind: r.kind,
      rating: r.rating,
      lang: r.lang ?? null,
      givenLanguage: r.language,
      detection: detectionType(s.queue),
      reach: adjustedFollowers(r.followers, r.share),
      corrected: correctionsOf(r as StoredTriage),
      model: models.sentiment,
      typeModel: models.type,
    });
    return {
      row: r,
      // Fingerprints go in once, the first time an item is scored.
      fp: r.detection === null ? fingerprint(r.text) : undefined,
      decided: v.decided,
      detection: JSON.stringify({ spam: v.spam ?? undefined, review: v.review ?? undefined, author: v.author ?? undefined }),
      scores,
      settled: s,
      triage: triageValues(c),
      reclassified: r.status === 'new' && (c.type !== r.triage_type || c.sentiment !== r.sentiment),
    };
  };
  const store = (x: Scored): void => {
    const { row: r, scores, settled: s, triage } = x;
    if (x.fp !== undefined) dups.add({ id: r.id, target: r.target, createdAt: r.created_at }, r.text, x.fp);
    if (s.risk === r.risk && s.queue === r.queue) confirm.run(scores.spam, scores.review, scores.author, x.detection, now, ...triage, r.id);
    else if (s.risk === r.risk) route.run(scores.spam, scores.review, scores.author, x.detection, now, s.queue, ...triage, r.id);
    else {
      write.run(scores.spam, scores.review, scores.author, x.detection, now, s.risk, s.queue, ...triage, r.id);
      setPriority(db, r.id, s.priority);
    }
  };
  let items = 0;
  let skipped = 0;
  let after = 0;
  const max = opts.maxItems ?? Infinity;
  while (items + skipped < max) {
    const rows = unscoredItems(db, after);
    if (!rows.length) break;
    const scored = rows.map(score);
    const batch = concurrent ? WRITE_BATCH : scored.length;
    for (let at = 0; at < scored.length; at += batch) {
      db.transaction(() => {
        const reclassified: number[] = [];
        for (const x of scored.slice(at, at + batch)) {
          if (concurrent && !unchanged(db, scorer, x)) {
            skipped++;
            continue;
          }
          store(x);
          items++;
          if (x.reclassified) reclassified.push(x.row.id);
        }
        // Rules read type and sentiment: where the pass changed them (a model switched on or off,
        // detection's call), waiting items are routed again, as a rule change would.
        rerouteItems(db, router, reclassified, now);
      }).immediate();
    }
    after = rows[rows.length - 1]!.id;
    opts.onProgress?.(items, total);
  }
  const t3 = performance.now();
  const remaining = items + skipped < max && skipped === 0 ? 0 : pendingItems(db);
  // Campaigns are cut once everything waiting is scored: a first scoring of a million items
  // in slices cuts them once, not once per slice.
  let places = 0;
  if (remaining === 0) {
    const clusters = dirtyClusters(db);
    const batch = concurrent ? CAMPAIGN_BATCH : Math.max(1, clusters.length);
    for (let at = 0; at < clusters.length; at += batch) {
      db.transaction(() => {
        const r = recomputeDirty(db, now, clusters.slice(at, at + batch));
        places += r.places;
        for (const id of new Set(r.changed)) settleItem(db, id, opts.thresholds);
      }).immediate();
    }
  }
  const t4 = performance.now();
  return {
    accounts,
    audits,
    items,
    campaignsTouched: places,
    remaining,
    ms: { accounts: t1 - t0, audits: t2 - t1, items: t3 - t2, campaigns: t4 - t3 },
  };
}

/** Whether a row scored outside the write is still as it was read (and its author's record too). */
function unchanged(db: Database, scorer: ItemScorer, x: Scored): boolean {
  const now = unscoredItem(db, x.row.id);
  return now !== undefined && JSON.stringify(now) === JSON.stringify(x.row) && scorer.decidedNow(x.row.author_id) === x.decided;
}

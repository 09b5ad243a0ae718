// Item verdicts: each item waiting to be scored (new, changed, or its author re-scored) gets
// the detector for its kind (review deception, or spam for everything else) and its author's
// verdict, with the reviewer's record where the database knows it. Near-duplicate
// fingerprints go in at the same time (see near-dup.ts); campaigns and the final risk,
// priority and queue are settled afterwards (settle.ts).
import type { Database } from 'better-sqlite3';
import type { ClassifiedBy, DetectorVerdict, ItemKind, Sentiment, Sureness, TriageType } from '../../../shared/model';
import { stmt } from '../../db/statements';
import { spamVerdict } from '../comments';
import { fmt, sigmoid, storedSure, type Verdict } from '../reasons';
import { reviewVerdict, type ReviewerRecord } from '../reviews';
import type { Models } from './models';
import type { SettleInput } from './settle';

export interface UnscoredRow extends SettleInput {
  id: number;
  kind: ItemKind;
  text: string;
  target: string | null;
  rating: number | null;
  created_at: number | null;
  author_id: number | null;
  detection: string | null;
  a_score: number | null;
  a_reasons: string | null;
  /** How sure the author's verdict is (JSON), where it was recorded. */
  a_sure?: string | null;
  /** The author's account as imported: its posts and when it was made (its standing as a reviewer). */
  a_posts?: number | null;
  a_created?: number | null;
  campaign_score: number | null;
  /** As stored (by the insert, or the last pass). */
  risk?: number;
  lang?: string | null;
  /** The language classification found in the text, where it has classified it. */
  language?: string | null;
  /** What the classification holds now (a moderator's corrections are kept). */
  triage_type?: TriageType | null;
  type_by?: ClassifiedBy | null;
  sentiment?: Sentiment | null;
  sentiment_by?: ClassifiedBy | null;
}

/** Items are scored in slices of this many, so that a pass after a huge import holds bounded memory. */
export const ITEM_SLICE = 5000;

const UNSCORED = `SELECT i.id, i.kind, i.text, i.target, i.rating, i.created_at, i.author_id, i.detection, i.status, i.queue, i.imported_at, i.risk, o.sla_due,
       i.route_queue, i.route_boost,
       i.campaign_score, i.lang, i.language, i.triage_type, i.type_by, i.sentiment, i.sentiment_by, a.fake_score AS a_score, a.fake_reasons AS a_reasons, a.fake_sure AS a_sure,
       a.posts AS a_posts, a.created_at AS a_created, a.followers, a.fake_follower_share AS share
     FROM items i JOIN item_order o ON o.id = i.id LEFT JOIN accounts a ON a.id = i.author_id`;

export function unscoredItems(db: Database, afterId: number): UnscoredRow[] {
  return stmt<[number, number], UnscoredRow>(db, `${UNSCORED} WHERE i.scored_at IS NULL AND i.id > ? ORDER BY i.id LIMIT ?`).all(
    afterId,
    ITEM_SLICE,
  );
}

/** One item as `unscoredItems` reads it, while it still waits to be scored. */
export function unscoredItem(db: Database, id: number): UnscoredRow | undefined {
  return stmt<[number], UnscoredRow>(db, `${UNSCORED} WHERE i.id = ? AND i.scored_at IS NULL`).get(id);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Reviews on one target with the same rating within this span either side form a burst. */
const BURST_SPAN = 3 * HOUR;

interface TargetStats {
  mean: number | null;
  n: number;
  first: number;
  last: number;
}

/** Per pass: what is known of each reviewed target, and counts that many items share. */
export class ItemScorer {
  private targets = new Map<string, TargetStats>();

  constructor(
    private readonly db: Database,
    private readonly models: Models,
    /** Whether to look at the target's other reviews (mean rating, bursts): the pass does, an insert does not. */
    private readonly withTargets = true,
  ) {}

  private target(target: string): TargetStats {
    let t = this.targets.get(target);
    if (!t) {
      const r = stmt<[string], { mean: number | null; n: number; first: number | null; last: number | null }>(
        this.db,
        `SELECT avg(rating) AS mean, count(*) AS n, min(created_at) AS first, max(created_at) AS last
         FROM items WHERE kind = 'review' AND target = ?`,
      ).get(target)!;
      t = { mean: r.mean, n: r.n, first: r.first ?? 0, last: r.last ?? 0 };
      this.targets.set(target, t);
    }
    return t;
  }

  private record(r: UnscoredRow): ReviewerRecord {
    const reviews =
      r.author_id === null
        ? 1
        : stmt<[number], { n: number }>(
            this.db,
            "SELECT count(*) AS n FROM items INDEXED BY items_author_created WHERE author_id = ? AND kind = 'review'",
          ).get(r.author_id)!.n;
    // id 0: the review is being stored and is not counted yet.
    const out: ReviewerRecord = { reviews: reviews + (r.id === 0 ? 1 : 0), rating: r.rating, targetMean: null };
    if (r.author_id !== null) {
      // The account's age when it wrote this, not today: an old review of a new account stays what it was.
      const age = r.a_created != null && r.created_at !== null ? Math.max(0, (r.created_at - r.a_created) / DAY) : null;
      out.author = { posts: r.a_posts ?? null, followers: r.followers, ageDays: age };
    }
    if (r.target === null || !this.withTargets) return out;
    const t = this.target(r.target);
    // The target's mean without this review's own weight (when there are others).
    if (t.mean !== null && t.n > 1 && r.rating !== null) {
      out.targetMean = (t.mean * t.n - r.rating) / (t.n - 1);
      out.targetRatings = t.n - 1;
    }
    if (r.created_at !== null && r.rating !== null && (r.rating === 1 || r.rating === 5)) {
      const around = stmt<[string, number, number, number], { n: number }>(
        this.db,
        `SELECT count(*) AS n FROM items WHERE kind = 'review' AND target = ? AND created_at BETWEEN ? AND ? AND rating = ?`,
      ).get(r.target, r.created_at - BURST_SPAN, r.created_at + BURST_SPAN, r.rating)!.n;
      // What the target's usual pace would bring into a window that wide.
      const span = Math.max(7 * 24 * HOUR, t.last - t.first);
      out.burst = { count: around, expected: (t.n * 2 * BURST_SPAN) / span, target: r.target };
    }
    return out;
  }

  private rhythms = new Map<number, string | null>();

  /**
   * The author's posting rhythm where their items are known: most of their posts less than
   * a minute apart is a script's pace, not a person's. The reason, or null.
   */
  private rhythm(authorId: number | null): string | null {
    if (authorId === null) return null;
    let found = this.rhythms.get(authorId);
    if (found !== undefined) return found;
    const times = stmt<[number], { t: number }>(
      this.db,
      'SELECT created_at AS t FROM items INDEXED BY items_author_created WHERE author_id = ? AND created_at IS NOT NULL ORDER BY created_at LIMIT 200',
    )
      .all(authorId)
      .map((r) => r.t);
    found = null;
    if (times.length >= 5) {
      let quick = 0;
      for (let i = 1; i < times.length; i++) if (times[i]! - times[i - 1]! < 60_000) quick++;
      if (quick / (times.length - 1) >= 0.5)
        found = `${fmt(quick + 1)} of the author’s ${fmt(times.length)} posts came less than a minute apart`;
    }
    this.rhythms.set(authorId, found);
    return found;
  }

  /** The author's decided record: items the team already called spam or fake. */
  private history(authorId: number | null): number {
    if (authorId === null) return 0;
    return stmt<[number], { n: number }>(
      this.db,
      "SELECT count(*) AS n FROM items INDEXED BY items_author_created WHERE author_id = ? AND status IN ('spam', 'fake')",
    ).get(authorId)!.n;
  }

  /** The author's decided record as it stands now (not remembered). */
  decidedNow(authorId: number | null): number {
    return this.history(authorId);
  }

  /** The verdicts, and `decided`: the author's items decided spam or fake that they counted. */
  score(r: UnscoredRow): { spam: DetectorVerdict | null; review: DetectorVerdict | null; author: DetectorVerdict | null; decided: number } {
    let spam: DetectorVerdict | null = null;
    let review: DetectorVerdict | null = null;
    if (r.kind === 'review') {
      const rules = reviewVerdict(r.text, this.record(r));
      review = this.models.reviews ? { ...this.models.reviews.review(r.text, rules), source: 'model' } : { ...rules, source: 'rules' };
    } else {
      const rules = spamVerdict(r.text);
      spam = this.models.spam ? { ...this.models.spam.spam(r.text, rules), source: 'model' } : { ...rules, source: 'rules' };
    }
    const decided = this.history(r.author_id);
    return { spam, review, author: this.author(r, decided), decided };
  }

  private author(r: UnscoredRow, decided: number): DetectorVerdict | null {
    const rhythm = this.withTargets ? this.rhythm(r.author_id) : null;
    if (r.a_score === null && decided === 0 && rhythm === null) return null;
    let v: Verdict =
      r.a_score === null
        ? { score: 0, reasons: [], sure: { level: 'low', basis: 'the account is not scored' } }
        : { score: r.a_score, reasons: JSON.parse(r.a_reasons ?? '[]') as string[], sure: storedSure(r.a_sure) };
    // Two earlier items called spam or fake make a third one likely: the team's own word, so one is fairly sure and two are sure.
    if (decided > 0) {
      const reason = `${fmt(decided)} of the author’s items ${decided === 1 ? 'was' : 'were'} decided spam or fake`;
      v = strongest(v, sigmoid(-1 + 1.5 * decided), reason, {
        level: decided >= 2 ? 'high' : 'medium',
        basis: decided >= 2 ? 'the team’s decisions agree' : 'one decision by the team',
      });
    }
    // A script's pace is one strong signal.
    if (rhythm) v = strongest(v, 0.8, rhythm, { level: 'medium', basis: 'one strong signal' });
    return { ...v, source: 'rules' };
  }
}

// The author's own items, not every waiting one: left alone, the planner walks the status index.
export const TOUCH_AUTHOR_SQL = `UPDATE items INDEXED BY items_author_created SET scored_at = NULL
  WHERE author_id = (SELECT author_id FROM items WHERE id = ?) AND status = 'new' AND scored_at IS NOT NULL`;

/** Marks the other waiting items of these items' authors as waiting to be scored; returns how many. */
export function touchAuthorsOf(db: Database, itemIds: readonly number[]): number {
  const mark = stmt<[number], unknown>(db, TOUCH_AUTHOR_SQL);
  let n = 0;
  db.transaction(() => {
    for (const id of itemIds) n += mark.run(id).changes;
  })();
  return n;
}

/** The higher of a verdict and another piece of evidence, with every reason kept (the stronger first) and the winner's sureness. */
function strongest(v: Verdict, score: number, reason: string, sure: Sureness): Verdict {
  return score > v.score
    ? { score, reasons: [reason, ...v.reasons].slice(0, 4), sure }
    : { score: v.score, reasons: [...v.reasons, reason].slice(0, 4), sure: v.sure };
}

/**
 * The risk an item starts with as it is stored: its text and its author's standing as they
 * are known at that moment (no model, no campaign; target statistics as the scorer knows them).
 */
export function firstRisk(
  db: Database,
  it: { kind: ItemKind; text: string; target: string | null; rating: number | null; createdAt: number | null },
  author: {
    id: number;
    fakeScore: number | null;
    fakeReasons: string | null;
    posts?: number | null;
    createdAt?: number | null;
    rawFollowers?: number | null;
  } | null,
  scorer = new ItemScorer(db, {}, false),
): number {
  const v = scorer.score({
    id: 0,
    kind: it.kind,
    text: it.text,
    target: it.target,
    rating: it.rating,
    created_at: it.createdAt,
    author_id: author?.id ?? null,
    detection: null,
    a_score: author?.fakeScore ?? null,
    a_reasons: author?.fakeReasons ?? null,
    campaign_score: null,
    a_posts: author?.posts ?? null,
    a_created: author?.createdAt ?? null,
    status: 'new',
    queue: '',
    imported_at: 0,
    sla_due: null,
    followers: author?.rawFollowers ?? null,
    share: null,
  });
  return Math.max(v.spam?.score ?? 0, v.review?.score ?? 0, v.author?.score ?? 0);
}

// A team's history of decisions and reviews, for the quality-review benchmarks and tests: a
// given number of decisions spread over a period by a team of moderators, on the items already
// stored, and a sample of them picked and reviewed (some twice, as adjudication does), written
// into the log as the app writes them (hash chain, projections).
import type { Database } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { DECISION_ACTIONS, type DecisionAction } from '../../shared/model';
import { eventsOfItem, storeEvent } from '../decisions/log';
import { reproject } from '../decisions/project';
import { projectQa } from '../qa/project';
import { Random } from './random';

export interface DecisionWorkloadOptions {
  decisions: number;
  /** Decisions picked and reviewed. */
  reviews: number;
  moderators?: number;
  reviewers?: number;
  days?: number;
  seed?: number;
  /** The period ends here. */
  now?: number;
}

/** How often each decision is made: mostly approvals, as in a real queue. */
const MIX: [DecisionAction, number][] = [
  ['approve', 0.6],
  ['remove', 0.2],
  ['spam', 0.1],
  ['escalate', 0.05],
  ['fake', 0.03],
  ['reply', 0.02],
];

function action(r: Random): DecisionAction {
  let u = r.next();
  for (const [a, p] of MIX) if ((u -= p) < 0) return a;
  return 'approve';
}

const BATCH = 10_000;

export function loadDecisionWorkload(
  db: Database,
  o: DecisionWorkloadOptions,
  onProgress?: (done: number) => void,
): { decisions: number; reviews: number; from: number; to: number } {
  const r = new Random(o.seed ?? 1);
  const to = o.now ?? Date.now();
  const from = to - (o.days ?? 90) * 86_400_000;
  const moderators = Array.from({ length: o.moderators ?? 40 }, (_, i) => `mod-${String(i).padStart(2, '0')}`);
  const reviewers = Array.from({ length: o.reviewers ?? 10 }, (_, i) => `qa-${i}`);
  const items = db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
  if (!items.length) throw new Error('load items first: decisions are made on stored items');
  const seqs = new Map<string, number>();
  const client = (who: string) => {
    const n = (seqs.get(who) ?? 0) + 1;
    seqs.set(who, n);
    return { clientId: `seed-${who}`, clientSeq: n };
  };
  // Each moderator has a leaning: agreement with reviewers is real but imperfect.
  const made: { id: string; itemId: number; action: DecisionAction; by: string; at: number }[] = [];
  const write = db.transaction((n: number) => {
    for (let k = 0; k < n; k++) {
      const i = made.length;
      const by = r.pick(moderators);
      const at = Math.round(from + ((i + r.next()) / o.decisions) * (to - from));
      const a = action(r);
      const itemId = items[i % items.length]!;
      const id = uuidv7({ msecs: at });
      storeEvent(db, { id, itemId, action: a, actor: by, createdAt: at, ...client(by), baseVersion: 0 });
      made.push({ id, itemId, action: a, by, at });
    }
  });
  while (made.length < o.decisions) {
    write(Math.min(BATCH, o.decisions - made.length));
    onProgress?.(made.length);
  }
  // Items' rows follow their last decision, as the app's fold would leave them.
  const touched = [...new Set(made.map((d) => d.itemId))];
  for (let s = 0; s < touched.length; s += BATCH) db.transaction(() => touched.slice(s, s + BATCH).forEach((id) => reproject(db, id)))();

  // Reviews: a random set of decisions, each picked, answered by a reviewer; a tenth twice.
  const chosen = new Set<number>();
  const want = Math.min(o.reviews, made.length);
  while (chosen.size < want) chosen.add(r.int(0, made.length - 1));
  const reviewed = [...chosen].sort((a, b) => a - b);
  const projected = new Set<number>();
  const review = db.transaction((slice: number[]) => {
    for (const idx of slice) {
      const d = made[idx]!;
      const at = Math.min(to, d.at + r.int(3_600_000, 3 * 86_400_000));
      storeEvent(db, {
        id: uuidv7({ msecs: at }),
        itemId: d.itemId,
        action: 'qa-pick',
        actor: 'supervisor',
        createdAt: at,
        ...client('supervisor'),
        baseVersion: 0,
        payload: { of: d.id, draw: 'seed-draw', blind: true },
      });
      const times = r.chance(0.1) ? 2 : 1;
      const who = [...reviewers].sort(() => r.next() - 0.5).slice(0, times);
      for (const q of who) {
        const answer = r.chance(0.8) ? d.action : r.pick(DECISION_ACTIONS);
        storeEvent(db, {
          id: uuidv7({ msecs: at + 60_000 }),
          itemId: d.itemId,
          action: 'qa-review',
          actor: q,
          createdAt: at + 60_000,
          ...client(q),
          baseVersion: 0,
          payload: { of: d.id, answer, blind: true, draw: 'seed-draw' },
        });
      }
      projected.add(d.itemId);
    }
    for (const itemId of projected) projectQa(db, itemId, eventsOfItem(db, itemId));
    projected.clear();
  });
  for (let s = 0; s < reviewed.length; s += BATCH) {
    review(reviewed.slice(s, s + BATCH));
    onProgress?.(made.length + s);
  }
  return { decisions: made.length, reviews: reviewed.length, from, to };
}

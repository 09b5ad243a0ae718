// The quality-review tables, folded from an item's events like its status: the decisions in
// force (for samples), picks not withdrawn, and each reviewer's latest review of each decision,
// not undone, with the decision as it stands (reproject runs again whenever the item's events
// or their verdicts change). Called by reproject
// for every item whose events change; an item that never had a QA event costs nothing here.
import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';
import { isDecision, type FoldEvent } from '../decisions/fold';
import { decisionRowWriter } from './decision-rows';

const isQa = (e: FoldEvent) => e.action === 'qa-pick' || e.action === 'qa-review';
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function projectQa(db: Database, itemId: number, events: readonly FoldEvent[]): void {
  const hasQa = events.some(isQa);
  if (!hasQa && !events.some((e) => isDecision(e.action))) return;
  const undone = new Set<string>();
  for (const e of events) if (e.action === 'undo' && e.undoOf) undone.add(e.undoOf);
  const queue = stmt<[number], { queue: string }>(db, 'SELECT queue FROM items WHERE id = ?').get(itemId)?.queue ?? null;
  const item: ItemEvents = { itemId, events, undone, queue };
  projectDecisions(db, item);
  if (hasQa) projectReviews(db, item);
}

/** What the projections read of one item: its events in force order, the undone ones, its queue. */
interface ItemEvents {
  itemId: number;
  events: readonly FoldEvent[];
  undone: ReadonlySet<string>;
  queue: string | null;
}

/**
 * The item's decisions in force, as qa_decisions rows (sampling reads them). Only what changed
 * is written: a decision adds its row, an undo or a refusal takes one away, and any other event
 * on the item writes nothing, so a decision's commit carries as few pages as it can.
 */
function projectDecisions(db: Database, { itemId, events, undone, queue }: ItemEvents): void {
  const had = new Map(
    stmt<[number], { id: string; moderator: string }>(
      db,
      'SELECT d.event_id AS id, n.name AS moderator FROM qa_decisions d JOIN qa_names n ON n.id = d.moderator WHERE d.item_id = ?',
    )
      .all(itemId)
      .map((r) => [r.id, r.moderator]),
  );
  const add = decisionRowWriter(db);
  const drop = stmt(db, 'DELETE FROM qa_decisions WHERE event_id = ?');
  const keep = new Set<string>();
  for (const e of events) {
    if (!isDecision(e.action) || undone.has(e.id)) continue;
    keep.add(e.id);
    const by = had.get(e.id);
    if (by === e.actor) continue;
    // New, or its author of record changed (the server named who pushed it).
    if (by !== undefined) drop.run(e.id);
    add(e.id, itemId, e.createdAt, e.actor, e.action, queue ?? '');
  }
  for (const id of had.keys()) if (!keep.has(id)) drop.run(id);
}

function projectReviews(db: Database, { itemId, events, undone, queue }: ItemEvents): void {
  stmt(db, 'DELETE FROM qa_picks WHERE item_id = ?').run(itemId);
  stmt(db, 'DELETE FROM qa_reviews WHERE item_id = ?').run(itemId);
  const latest = new Map<string, FoldEvent>();
  // The item's decisions in force: the events here are those the server accepted or has not answered yet.
  const decisions = new Map<string, FoldEvent>();
  for (const e of events) if (isDecision(e.action) && !undone.has(e.id)) decisions.set(e.id, e);
  const pick = stmt(db, 'INSERT INTO qa_picks (event_id, item_id, decision_event, draw, blind, at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const e of events) {
    if (!isQa(e) || undone.has(e.id)) continue;
    const of = str(e.payload?.of);
    if (!of) continue;
    if (e.action === 'qa-pick') {
      const draw = str(e.payload?.draw);
      if (draw) pick.run(e.id, itemId, of, draw, e.payload?.blind === false ? 0 : 1, e.createdAt);
    } else if (str(e.payload?.answer)) latest.set(`${of}\u0000${e.actor}`, e);
  }
  const review = stmt(
    db,
    `INSERT INTO qa_reviews (event_id, item_id, decision_event, reviewer, answer, blind, draw, scores, at, decider, decided, decided_at, queue, in_force)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of latest.values()) {
    const scores = e.payload?.scores;
    const d = decisions.get(str(e.payload?.of) ?? '');
    review.run(
      e.id,
      itemId,
      str(e.payload?.of),
      e.actor,
      str(e.payload?.answer),
      e.payload?.blind === true ? 1 : 0,
      str(e.payload?.draw),
      scores && typeof scores === 'object' ? JSON.stringify(scores) : null,
      e.createdAt,
      d?.actor ?? null,
      d?.action ?? null,
      d?.createdAt ?? null,
      queue,
      d ? 1 : 0,
    );
  }
}

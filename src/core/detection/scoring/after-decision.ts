// A spam or fake call on an item says something of its author's other items: they are marked,
// and scored again just after the decision is answered (the moderator's next item must not
// wait), unless a large scoring is under way, which takes them with the rest.
import type { Database } from 'better-sqlite3';
import { touchAuthorsOf } from '../scores/item-scores';
import { hasMorePending } from '../scores/rescore';
import type { ScoringRunner } from './runner';

/** Re-scoring after a decision happens in passing only up to this many waiting items. */
const AFTER_DECISION_MAX = 2000;

/** Marks the authors' other items of these items, and schedules one pass for every call of the same turn. */
export type RescoreAuthors = (itemIds: readonly number[]) => void;

export function rescoreAfterDecisions(db: Database, scoring: ScoringRunner): RescoreAuthors {
  let scheduled = false;
  return (itemIds) => {
    if (touchAuthorsOf(db, itemIds) === 0 || scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (!db.open || hasMorePending(db, AFTER_DECISION_MAX)) return;
      // Through the runner: never beside a pass under way in the worker.
      scoring.run().catch((e: Error) => {
        if (db.open) console.error(`vigil: re-scoring after a decision failed (the items stay marked for the next pass): ${e.message}`);
      });
    });
  };
}

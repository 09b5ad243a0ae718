import type { ItemKind } from '../../shared/model';

// Priority = risk × reach × urgency, stored as its logarithm so that the order it gives
// never changes with the clock: urgency grows as exp(age / AGE_SCALE), and
//   ln(risk · reach · e^((now − created) / AGE_SCALE)) = ln(risk · reach) − created / AGE_SCALE + now / AGE_SCALE,
// where the last term is the same for every item. The queue can then be served in order
// straight from an index on the stored key, at any hour, without re-sorting.
// Urgency counts from the item's next SLA due where it has one (see urgencyFrom): an item
// due sooner in business time ranks as one that has waited longer.

/** How much harm an unseen item of this kind can do (mentions and reviews reach customers first). */
export const KIND_RISK: Record<ItemKind, number> = {
  mention: 1.0,
  review: 0.9,
  reply: 0.8,
  post: 0.7,
  comment: 0.6,
};

/** One e-fold of urgency per day waited: a day's wait weighs like ~2.7× the reach. */
export const AGE_SCALE_MS = 24 * 60 * 60 * 1000;

/** Reach grows with the log of the audience: 10 followers → 2, 10,000 → 5. */
export function reachOf(followers: number | null | undefined): number {
  return 1 + Math.log10(1 + Math.max(0, followers ?? 0));
}

/**
 * `followers` is the author's audience with bought followers taken out where the follower
 * audit knows them; `risk` is the item's detection score in [0, 1] (spam, fake review, fake
 * author or campaign), which at most doubles the weight of an item: a likely campaign waits
 * less than a genuine remark of the same reach. `boost` is a routing rule's multiplier (1: none).
 */
export function priorityKey(kind: ItemKind, followers: number | null | undefined, createdAt: number, risk = 0, boost = 1): number {
  return Math.log(KIND_RISK[kind] * (1 + risk) * reachOf(followers) * boost) - createdAt / AGE_SCALE_MS;
}

/**
 * The instant urgency counts from: the next SLA due (first response, then resolution) where
 * the item has a policy, else its arrival. Priority stays a stored, indexed key; changing
 * business hours moves dues, and the recompute job (core/triage/sla/recompute.ts) rewrites it.
 */
export function urgencyFrom(r: { sla_due?: number | null; created_at: number | null; imported_at: number }): number {
  return r.sla_due ?? r.created_at ?? r.imported_at;
}

/** The followers that count for reach: the known fake share taken out. */
export function adjustedFollowers(followers: number | null | undefined, fakeShare: number | null | undefined): number | null {
  if (followers === null || followers === undefined) return null;
  return Math.round(followers * (1 - (fakeShare ?? 0)));
}

/** The priority as a number a person can compare, at a given moment (risk × reach × urgency). */
export function priorityAt(key: number, now: number): number {
  return Math.exp(key + now / AGE_SCALE_MS);
}

import type { ItemKind } from '../../shared/model';

// Priority = risk × reach × urgency, stored as its logarithm so that the order it gives
// never changes with the clock: urgency grows as exp(age / AGE_SCALE), and
//   ln(risk · reach · e^((now − created) / AGE_SCALE)) = ln(risk · reach) − created / AGE_SCALE + now / AGE_SCALE,
// where the last term is the same for every item. The queue can then be served in order
// straight from an index on the stored key, at any hour, without re-sorting.

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

export function priorityKey(kind: ItemKind, followers: number | null | undefined, createdAt: number): number {
  return Math.log(KIND_RISK[kind] * reachOf(followers)) - createdAt / AGE_SCALE_MS;
}

/** The priority as a number a person can compare, at a given moment (risk × reach × urgency). */
export function priorityAt(key: number, now: number): number {
  return Math.exp(key + now / AGE_SCALE_MS);
}

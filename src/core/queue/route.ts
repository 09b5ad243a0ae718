import { DEFAULT_QUEUES, type DetectionQueue, type ItemKind } from '../../shared/model';
import { defaultQueueOf } from './default-queue';

export interface Scores {
  spam: number | null;
  review: number | null;
  author: number | null;
  campaign: number | null;
}

const ROUTABLE = new Set<string>([...DEFAULT_QUEUES, 'spam-waves', 'fake-reviews', 'fake-accounts', 'spam']);

/** Whether detection may move an item in this queue (queues set by people or rules stay). */
export function routable(queue: string): boolean {
  return ROUTABLE.has(queue);
}

/**
 * The queue a waiting item belongs in, given its scores: campaign members first (one bulk
 * decision handles them), then fake reviews, fake authors and lone spam; otherwise the
 * queue a routing rule chose, else the default queue of its kind.
 */
export function routeOf(kind: ItemKind, s: Scores, t: Record<DetectionQueue, number>, ruled: string | null = null): string {
  if ((s.campaign ?? 0) >= t['spam-waves']) return 'spam-waves';
  if (kind === 'review' && (s.review ?? 0) >= t['fake-reviews']) return 'fake-reviews';
  if ((s.author ?? 0) >= t['fake-accounts']) return 'fake-accounts';
  if (kind !== 'review' && (s.spam ?? 0) >= t.spam) return 'spam';
  return ruled ?? defaultQueueOf(kind);
}

export function riskOf(s: Scores): number {
  return Math.max(s.spam ?? 0, s.review ?? 0, s.author ?? 0, s.campaign ?? 0);
}

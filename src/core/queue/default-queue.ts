import type { ItemKind } from '../../shared/model';

/** The queue an item lands in before detection or any routing rule moves it. */
export function defaultQueueOf(kind: ItemKind): string {
  if (kind === 'review') return 'reviews';
  if (kind === 'comment') return 'comments';
  return 'mentions';
}

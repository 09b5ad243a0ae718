import type { QueueRow } from '@shared/model';

/** Who holds the item now: a claim is a lease, and past its end nobody does. */
export function holderOf(row: Pick<QueueRow, 'assignee' | 'claimUntil'>, now = Date.now()): string | null {
  if (!row.assignee) return null;
  return row.claimUntil === null || row.claimUntil > now ? row.assignee : null;
}

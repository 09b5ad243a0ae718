import type { QueueRow } from '../../../../shared/model';

/**
 * Fills {name}, {target} and {agent}, and {backAt} and {hours} when the item's team calendar
 * gave them (the out-of-hours answer); anything else stays visible so the moderator sees it
 * needs writing.
 */
export function fillTemplate(body: string, row: QueueRow | undefined, agent: string, sla: { backAt?: string | null; hours?: string | null } = {}): string {
  const name = row?.authorName?.trim().split(/\s+/)[0] || (row?.authorHandle ? `@${row.authorHandle}` : 'there');
  const values: Record<string, string> = { name, target: row?.target ?? 'it', agent: agent || 'the team' };
  if (sla.backAt) values.backAt = sla.backAt;
  if (sla.hours) values.hours = sla.hours;
  // Own keys only: {constructor} or {toString} are unknown placeholders, not Object.prototype's.
  return body.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(values, k) ? values[k]! : m));
}

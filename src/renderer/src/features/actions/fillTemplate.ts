import type { QueueRow } from '../../../../shared/model';

/** Fills {name}, {target} and {agent}; anything else stays visible so the moderator sees it needs writing. */
export function fillTemplate(body: string, row: QueueRow | undefined, agent: string): string {
  const name = row?.authorName?.trim().split(/\s+/)[0] || (row?.authorHandle ? `@${row.authorHandle}` : 'there');
  const values: Record<string, string> = { name, target: row?.target ?? 'it', agent: agent || 'the team' };
  // Own keys only: {constructor} or {toString} are unknown placeholders, not Object.prototype's.
  return body.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(values, k) ? values[k]! : m));
}

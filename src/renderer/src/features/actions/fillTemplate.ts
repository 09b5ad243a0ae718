import type { QueueRow } from '@shared/model';
import { fillBody } from '@shared/templates';

/**
 * Fills {name}, {target} and {agent}, {caseRef} when the case is known, and {backAt} and
 * {hours} when the item's team calendar gave them (the out-of-hours answer); anything else
 * stays visible so the moderator sees it needs writing. The same filling as core's
 * (shared/templates.ts), so the personalisation check sees what the editor offered.
 */
export function fillTemplate(
  body: string,
  row: QueueRow | undefined,
  agent: string,
  more: { backAt?: string | null; hours?: string | null; caseRef?: string | null } = {},
): string {
  return fillBody(body, { authorName: row?.authorName, authorHandle: row?.authorHandle, target: row?.target, agent, ...more });
}

// What routing recorded on one item, for the detail pane: "Routed by rule NAME: why".
import type { Database } from 'better-sqlite3';
import type { ItemRouting } from '../../../shared/rules';
import { stmt } from '../../db/statements';

export function itemRouting(db: Database, itemId: number): ItemRouting | null {
  const r = stmt<
    [number],
    { rule_id: string | null; route_queue: string | null; route_boost: number; sla_policy: string | null; route: string | null }
  >(db, 'SELECT rule_id, route_queue, route_boost, sla_policy, route FROM items WHERE id = ?').get(itemId);
  if (!r?.rule_id) return null;
  const more = JSON.parse(r.route ?? '{}') as { rule?: string; why?: string; assignee?: string; team?: string; labels?: string[] };
  return {
    ruleId: r.rule_id,
    ruleName: more.rule ?? r.rule_id,
    why: more.why ?? '',
    queue: r.route_queue,
    assignee: more.assignee ?? null,
    team: more.team ?? null,
    boost: r.route_boost,
    sla: r.sla_policy,
    labels: more.labels ?? [],
  };
}

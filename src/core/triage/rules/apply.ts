// Where rules meet the items table: on insert (import, sync, ingest all store through
// store/items.ts) and again for waiting items when the rule set changes.
//
// What rules may touch: only waiting items nobody holds — status 'new' and no assignee (a
// claim or an explicit handover sets one). A moderator's decision or a handover is never
// overridden, and decided items stay in the queue they were decided in.
//
// Rules and detection: detection queues win. An item whose scores reach a detection threshold
// goes to that detection queue even if a rule picked another; the rule's queue is kept as
// `route_queue`, and when the item no longer reaches a threshold (thresholds raised, scores
// fell) it goes back there rather than to its kind's default queue (detection/scores/settle.ts).
import { setPriority } from '../../queue/order';
import type { Database } from 'better-sqlite3';
import { rerouteCaseOwner } from '../../cases/project';
import { routedLabelsOf, routedOwnerOf } from './routed';
import { reproject } from '../../decisions/project';
import { DETECTION_QUEUES, type ItemKind } from '../../../shared/model';
import { stmt } from '../../db/statements';
import { defaultQueueOf } from '../../queue/default-queue';
import { routable } from '../../queue/route';
import type { Router } from './compile';
import { routableOf, routingSelect, type RoutingRow } from './read-items';
import type { Routed } from './routable';

const DETECTION = new Set<string>(DETECTION_QUEUES);

/** The routing columns as stored (all null / 1 when no rule matched). */
export interface RoutingColumns {
  rule_id: string | null;
  rule_why: string | null;
  route_queue: string | null;
  route_boost: number;
  sla_policy: string | null;
  route: string | null;
}

export const UNROUTED: RoutingColumns = { rule_id: null, rule_why: null, route_queue: null, route_boost: 1, sla_policy: null, route: null };

export function columnsOf(r: Routed | null): RoutingColumns {
  if (!r) return UNROUTED;
  const more: Record<string, unknown> = { rule: r.ruleName, why: r.why };
  if (r.assignee) more.assignee = r.assignee;
  if (r.team) more.team = r.team;
  if (r.labels.length) more.labels = r.labels;
  return {
    rule_id: r.ruleId,
    rule_why: `${r.ruleName}: ${r.why}`,
    route_queue: r.queue,
    route_boost: r.boost,
    sla_policy: r.sla,
    route: JSON.stringify(more),
  };
}

/**
 * The queue of a waiting item after routing: a detection queue keeps it (detection wins);
 * an item in a default queue or in the queue an earlier rule chose moves to the new rule's
 * queue, or back to its default; any other queue (set by a person) stays.
 */
export function queueAfter(kind: ItemKind, current: string, previousRouteQueue: string | null, next: RoutingColumns): string {
  if (DETECTION.has(current)) return current;
  if (routable(current) || current === previousRouteQueue) return next.route_queue ?? defaultQueueOf(kind);
  return current;
}

/** Waiting items are re-evaluated in transactions of this many. */
export const REEVALUATE_SLICE = 5000;

export interface Reevaluation {
  /** Waiting items nobody holds, looked at. */
  examined: number;
  /** Of those, items whose rule, queue or actions changed. */
  changed: number;
}

/**
 * Runs the rules again over every waiting item nobody holds, in slices of one transaction
 * each, yielding between slices so the host stays responsive. Items whose routing changed are
 * rewritten: rule, why, queue (see queueAfter) and priority (the old boost out, the new in).
 */
export async function reevaluateWaiting(db: Database, router: Router, now: number): Promise<Reevaluation> {
  // Walked in id order along the table itself ("+" keeps the planner off the status index,
  // which would read every waiting item and sort them for each slice).
  const read = stmt<[number, number], RoutingRow>(
    db,
    routingSelect(db, "+i.status = 'new' AND i.assignee IS NULL AND i.id > ?", 'ORDER BY i.id LIMIT ?'),
  );
  const reroute = rerouter(db, router, now);
  let after = 0;
  const out: Reevaluation = { examined: 0, changed: 0 };
  for (;;) {
    if (!db.open) break;
    const rows = read.all(after, REEVALUATE_SLICE);
    if (!rows.length) break;
    db.transaction(() => {
      for (const r of rows) if (reroute(r)) out.changed++;
    })();
    out.examined += rows.length;
    after = rows[rows.length - 1]!.id;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return out;
}

/** Routes one waiting row again and rewrites it when its routing changed; says whether it did. */
function rerouter(db: Database, router: Router, now: number): (r: RoutingRow) => boolean {
  const write = stmt(
    db,
    `UPDATE items SET queue = ?, rule_id = ?, rule_why = ?, route_queue = ?, route_boost = ?, sla_policy = ?, route = ?
     WHERE id = ?`,
  );
  return (r) => {
    const next = columnsOf(router.route(routableOf(r), now));
    const queue = queueAfter(r.kind, r.queue, r.route_queue, next);
    if (
      queue === r.queue &&
      next.rule_id === r.rule_id &&
      next.rule_why === r.rule_why &&
      next.route_queue === r.route_queue &&
      next.route_boost === r.route_boost &&
      next.sla_policy === r.sla_policy &&
      next.route === r.route
    )
      return false;
    const priority = r.priority - Math.log(r.route_boost) + Math.log(next.route_boost);
    write.run(queue, next.rule_id, next.rule_why, next.route_queue, next.route_boost, next.sla_policy, next.route, r.id);
    if (priority !== r.priority) setPriority(db, r.id, priority);
    if (next.route !== r.route) {
      rerouteCaseOwner(db, r.id, routedOwnerOf(next.route));
      // The labels the old rule gave go, the new rule's come (what people added stays).
      if (routedLabelsOf(next.route).join('\n') !== routedLabelsOf(r.route).join('\n')) reproject(db, r.id);
    }
    return true;
  };
}

/**
 * Routes these items again where they still wait with nobody holding them: the scoring pass
 * calls it for items whose type or sentiment it changed (the team's models, detection), since
 * rules read both and the insert routed on the rules' classification. Inside the caller's
 * transaction. Returns how many moved.
 */
export function rerouteItems(db: Database, router: Router, ids: readonly number[], now: number): number {
  if (router.empty || !ids.length) return 0;
  const read = stmt<[number], RoutingRow>(db, routingSelect(db, "i.id = ? AND i.status = 'new' AND i.assignee IS NULL", ''));
  const reroute = rerouter(db, router, now);
  let changed = 0;
  for (const id of ids) {
    const r = read.get(id);
    if (r && reroute(r)) changed++;
  }
  return changed;
}

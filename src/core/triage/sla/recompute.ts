// One pass over the open items (waiting or escalated) under the policies a change concerns:
// dues from each item's arrival in the team's business time, the next due, and priority,
// which counts urgency from it. It reads and writes the narrow ordering rows only
// (item_order, migration 0026), never the wide items rows: in batches by id, written in one
// transaction; the queue indexes move only for items whose due actually moved. The batches
// walk the primary key (NOT INDEXED): a status index would have to be sorted by id again for
// every batch.
import type { Database } from 'better-sqlite3';
import type { SlaPolicy, Team } from '../../../shared/hours';
import { stmt } from '../../db/statements';
import { AGE_SCALE_MS } from '../../queue/priority';
import { duesOf, nextDue } from './dues';
import { policyById, teamById } from './teams';

export interface RecomputeScope {
  /** Only items under this team's policies. */
  teamId?: number;
  /** Only items under this policy. */
  policyId?: number;
}

export interface RecomputeReport {
  /** Open items looked at, and those whose dues or priority moved. */
  items: number;
  changed: number;
  ms: number;
}

/** A row as an array (id, policy, arrival, first response, its due, resolution due, next due, priority, labelled): objects cost 40% more to read. */
type Row = [number, number, number, number | null, number | null, number | null, number | null, number, number];

export const RECOMPUTE_BATCH = 25_000;

export function recomputeDues(db: Database, scope: RecomputeScope = {}, batch = RECOMPUTE_BATCH): RecomputeReport {
  const started = performance.now();
  const clauses = ["status IN ('new', 'escalated')", 'sla_policy_id IS NOT NULL', 'id > ?'];
  const params: number[] = [];
  if (scope.policyId !== undefined) {
    clauses.push('sla_policy_id = ?');
    params.push(scope.policyId);
  }
  if (scope.teamId !== undefined) {
    clauses.push('sla_policy_id IN (SELECT id FROM sla_policies WHERE team_id = ?)');
    params.push(scope.teamId);
  }
  const select = db
    .prepare<unknown[], Row>(
      `SELECT id, sla_policy_id, arrived_at, first_response_at, first_response_due, resolution_due, sla_due, priority, labelled
       FROM item_order NOT INDEXED WHERE ${clauses.join(' AND ')} ORDER BY id LIMIT ?`,
    )
    .raw(true);
  const write = stmt(db, 'UPDATE item_order SET first_response_due = ?, resolution_due = ?, sla_due = ?, priority = ? WHERE id = ?');
  // The label views' copies of priority (queue/order.ts): for labelled items only.
  const writeLabels = stmt(db, 'UPDATE item_labels SET priority = ? WHERE item_id = ?');
  const policies = new Map<number, { policy: SlaPolicy; team: Team } | null>();
  const policyOf = (id: number) => {
    if (!policies.has(id)) {
      const policy = policyById(db, id);
      const team = policy ? teamById(db, policy.teamId) : null;
      policies.set(id, policy && team ? { policy, team } : null);
    }
    return policies.get(id)!;
  };
  // Read in slices by id, write in slices by the old priority: a due moves priority a little,
  // so writing in priority order touches the priority indexes' pages in sequence rather than
  // at random (three times faster at 100,000 items than writing in id order).
  const moves: [number, number | null, number | null, number | null, number, number, number][] = [];
  let after = 0;
  let items = 0;
  for (;;) {
    const rows = select.all(after, ...params, batch);
    if (!rows.length) break;
    for (const [id, policyId, arrived, firstResponseAt, oldFr, oldRes, oldDue, oldPriority, labelled] of rows) {
      const p = policyOf(policyId);
      const dues = p ? duesOf(p.team, p.policy, arrived) : null;
      const due = nextDue(dues, firstResponseAt);
      // Urgency counts from the next due, else the arrival (queue/priority.ts): the rest of the
      // key (kind, reach, risk, boost) is unchanged, so the key moves by the urgency's shift.
      const priority = due === oldDue ? oldPriority : oldPriority + ((oldDue ?? arrived) - (due ?? arrived)) / AGE_SCALE_MS;
      const fr = dues?.firstResponseDue ?? null;
      const res = dues?.resolutionDue ?? null;
      if (due === oldDue && fr === oldFr && res === oldRes) continue;
      moves.push([oldPriority, fr, res, due, priority, id, labelled]);
    }
    items += rows.length;
    after = rows[rows.length - 1]![0];
  }
  moves.sort((x, y) => y[0] - x[0]);
  // One transaction: one commit (and fsync) for the whole change, and the queue never shows
  // half the items under the old hours and half under the new.
  db.transaction(() => {
    for (const [, fr, res, due, priority, id, labelled] of moves) {
      write.run(fr, res, due, priority, id);
      if (labelled) writeLabels.run(priority, id);
    }
  })();
  const changed = moves.length;
  return { items, changed, ms: performance.now() - started };
}

/** Dues of items the migration gave a policy but no dues yet (done once, on the first start after it). */
export function fillPendingDues(db: Database): RecomputeReport | null {
  const pending = stmt<[], { value: string }>(db, "SELECT value FROM meta WHERE key = 'sla_dues_pending'").get();
  if (!pending) return null;
  const report = recomputeDues(db);
  stmt(db, "DELETE FROM meta WHERE key = 'sla_dues_pending'").run();
  return report;
}

// The team's rules (shared/event-rules.ts) checked on this workstation before an event is
// recorded, with what it knows: who holds the item, who owns the case, what an undo's target is
// and who made it. The server judges again with what it knows; this check tells a person at
// once instead of a refusal arriving later.
import type { Database } from 'better-sqlite3';
import { ruleOf, refusal, type LoggedEvent, type RuleContext } from '../../shared/event-rules';
import { VigilFailure } from '../../shared/errors';
import { resolvedBy, ROLES, type Role } from '../../shared/sync';
import { stmt } from '../db/statements';
import { connection } from '../sync/state';
import type { NewEvent } from './log';
import { undoneBySql } from './undone';

/** Who is acting here: the signed-in user's role, or (never signed in) a moderator's. */
export function localRole(db: Database): Role {
  const role = connection(db)?.role;
  return role && (ROLES as readonly string[]).includes(role) ? (role as Role) : 'moderator';
}

interface TargetRow {
  id: string;
  action: string;
  status: LoggedEvent['status'] | null;
  platform: string;
  external_id: string;
  by: string;
  undone_by: string | null;
  payload: string | null;
}

function target(db: Database, id: string): LoggedEvent | null {
  const r = stmt<[string], TargetRow>(
    db,
    `SELECT e.id, e.action, s.status, i.platform, i.external_id, coalesce(s.author, e.actor) AS by,
       ${undoneBySql()} AS undone_by,
       e.payload
     FROM events e JOIN items i ON i.id = e.item_id LEFT JOIN event_sync s ON s.event_id = e.id WHERE e.id = ?`,
  ).get(id);
  if (!r) return null;
  const payload = r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : null;
  return {
    id: r.id,
    action: r.action,
    status: r.status ?? 'pending',
    platform: r.platform,
    externalId: r.external_id,
    by: r.by,
    undoneBy: r.undone_by,
    resolution: !!resolvedBy({ payload }),
  };
}

/** Throws the rule's refusal for this event, made here by `by`; inside the caller's transaction. */
export function checkHere(db: Database, by: RuleContext['by'], e: NewEvent, now: number): void {
  const item = stmt<
    [number],
    { platform: string; external_id: string; assignee: string | null; claim_until: number | null; owner: string | null }
  >(
    db,
    `SELECT i.platform, i.external_id, i.assignee, i.claim_until, CASE WHEN c.owner_routed = 1 THEN NULL ELSE c.owner END AS owner
     FROM items i LEFT JOIN cases c ON c.root_item = i.id WHERE i.id = ?`,
  ).get(e.itemId);
  if (!item) throw new VigilFailure('not_found', `There is no item ${e.itemId}.`, { itemId: e.itemId });
  const needs = ruleOf(e.action)?.needs ?? [];
  const c: RuleContext = { by, now };
  // A claim made before leases had an end holds until released.
  if (needs.includes('lease')) c.lease = item.assignee ? { holder: item.assignee, until: item.claim_until ?? Infinity } : null;
  if (needs.includes('caseOwner')) c.caseOwner = item.owner;
  if (needs.includes('target') || e.undoOf) c.target = e.undoOf ? target(db, e.undoOf) : null;
  if (needs.includes('reviewed')) c.reviewed = typeof e.payload?.of === 'string' ? target(db, e.payload.of) : null;
  const no = refusal(
    {
      action: e.action,
      platform: item.platform,
      externalId: item.external_id,
      undoOf: e.undoOf,
      payload: e.payload,
      labels: e.labels,
      reason: e.reason,
    },
    c,
  );
  if (no)
    throw new VigilFailure(e.action === 'undo' ? 'undo_refused' : 'action_refused', `${no[0]!.toUpperCase()}${no.slice(1)}.`, {
      itemId: e.itemId,
      action: e.action,
    });
}

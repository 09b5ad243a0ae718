// Where items stand against their SLA: one item's time to breach and the team's "back at"
// (detail pane, out-of-hours reply), and the overdue counts per queue and team (sidebar).
import type { Database } from 'better-sqlite3';
import type { ItemSla, SlaSummary, Team } from '../../../shared/hours';
import { VigilFailure } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import { businessTimeBetween, hoursInWords, instantInWords, isOpen, nextOpen, NoOpenHours } from '../hours';
import { listTeams, policyById, teamById } from './teams';

const OPEN = "('new', 'escalated')";
const HOUR = 3_600_000;

function tryNextOpen(team: Team, t: number): number | null {
  try {
    return nextOpen(team, t);
  } catch (e) {
    if (e instanceof NoOpenHours) return null;
    throw e;
  }
}

export function itemSla(db: Database, itemId: number, now: number): ItemSla {
  const r = stmt<
    [number],
    {
      status: string;
      created_at: number | null;
      imported_at: number;
      sla_policy_id: number | null;
      first_response_due: number | null;
      resolution_due: number | null;
      first_response_at: number | null;
      sla_due: number | null;
    }
  >(
    db,
    `SELECT i.status, i.created_at, i.imported_at, i.sla_policy_id, o.first_response_due, o.resolution_due, i.first_response_at, o.sla_due
     FROM items i JOIN item_order o ON o.id = i.id WHERE i.id = ?`,
  ).get(itemId);
  if (!r) throw new VigilFailure('not_found', `There is no item ${itemId}.`, { itemId });
  const policy = r.sla_policy_id === null ? null : policyById(db, r.sla_policy_id);
  const team = policy ? teamById(db, policy.teamId) : null;
  const open = r.status === 'new' || r.status === 'escalated';
  const due = open ? r.sla_due : null;
  const next = due === null ? null : r.first_response_at === null ? 'first-response' : 'resolution';
  const arrival = r.created_at ?? r.imported_at;
  const openNow = team ? isOpen(team, now) : true;
  const arrivedOutOfHours = team ? !isOpen(team, arrival) : false;
  // Closed now: when the team opens next. Open now: when it opened after an out-of-hours arrival.
  const backAt = !team ? null : !openNow ? tryNextOpen(team, now) : arrivedOutOfHours ? tryNextOpen(team, arrival) : null;
  // Still true only while the first opening after the arrival is ahead (none at all: still away).
  const openedAfter = team && arrivedOutOfHours ? tryNextOpen(team, arrival) : null;
  const awaitingOpening = arrivedOutOfHours && (openedAfter === null || openedAfter > now);
  return {
    itemId,
    policy,
    team,
    firstResponseDue: r.first_response_due,
    resolutionDue: r.resolution_due,
    firstResponseAt: r.first_response_at,
    next,
    due,
    businessLeftMs: due === null || !team ? null : businessTimeBetween(team, now, due),
    breached: due !== null && due < now,
    openNow,
    arrivedAt: arrival,
    arrivedOutOfHours,
    awaitingOpening,
    backAt,
    backAtText: team && backAt !== null ? `${instantInWords(team, backAt)} (${team.timeZone})` : null,
    hoursText: team ? hoursInWords(team) : null,
    now,
  };
}

export function slaSummary(db: Database, now: number): SlaSummary {
  const totals = stmt<[number, number, number], { open: number; breached: number; soon: number }>(
    db,
    `SELECT count(*) AS open, coalesce(sum(sla_due < ?), 0) AS breached, coalesce(sum(sla_due >= ? AND sla_due < ?), 0) AS soon
     FROM item_order WHERE status IN ${OPEN} AND sla_due IS NOT NULL`,
  ).get(now, now, now + HOUR)!;
  const queues = stmt<[number], { queue: string; open: number; breached: number }>(
    db,
    `SELECT queue, count(*) AS open, coalesce(sum(sla_due < ?), 0) AS breached
     FROM item_order WHERE status IN ${OPEN} AND sla_due IS NOT NULL GROUP BY queue ORDER BY queue`,
  ).all(now);
  const byPolicy = stmt<[number], { policy: number; open: number; breached: number }>(
    db,
    `SELECT sla_policy_id AS policy, count(*) AS open, coalesce(sum(sla_due < ?), 0) AS breached
     FROM item_order WHERE status IN ${OPEN} AND sla_due IS NOT NULL GROUP BY sla_policy_id`,
  ).all(now);
  const teams = new Map(listTeams(db).map((t) => [t.id, { teamId: t.id, name: t.name, open: 0, breached: 0 }]));
  for (const p of byPolicy) {
    const team = teams.get(policyById(db, p.policy)?.teamId ?? -1);
    if (!team) continue;
    team.open += p.open;
    team.breached += p.breached;
  }
  const late = stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM item_order WHERE first_response_at > first_response_due').get()!.n;
  return {
    now,
    open: totals.open,
    breached: totals.breached,
    dueSoon: totals.soon,
    queues,
    teams: [...teams.values()],
    lateFirstResponses: late,
  };
}

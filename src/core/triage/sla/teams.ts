// Teams (a business calendar each) and SLA policies as stored (migration 0016). A calendar
// object is kept per team until the team is edited, so its compiled form (day spans, zone
// offsets) is reused across an import or a recompute pass.
import type { Database } from 'better-sqlite3';
import type { Holiday, SlaPolicy, Team, WeeklyHours } from '../../../shared/hours';
import { VigilFailure } from '../../../shared/errors';
import { stmt } from '../../db/statements';

interface TeamRow {
  id: number;
  name: string;
  time_zone: string;
  weekly_hours: string;
  holidays: string;
  updated_at: number;
}

interface PolicyRow {
  id: number;
  name: string;
  team_id: number;
  first_response_minutes: number;
  resolution_minutes: number;
  is_default: number;
}

const TEAM_COLS = 'id, name, time_zone, weekly_hours, holidays, updated_at';
const POLICY_COLS = 'id, name, team_id, first_response_minutes, resolution_minutes, is_default';

const cache = new WeakMap<Database, Map<number, { updatedAt: number; team: Team }>>();

function toTeam(db: Database, r: TeamRow): Team {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(r.id);
  if (hit && hit.updatedAt === r.updated_at) return hit.team;
  const team: Team = {
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    weekly: JSON.parse(r.weekly_hours) as WeeklyHours,
    holidays: JSON.parse(r.holidays) as Holiday[],
  };
  perDb.set(r.id, { updatedAt: r.updated_at, team });
  return team;
}

function toPolicy(r: PolicyRow): SlaPolicy {
  return {
    id: r.id,
    name: r.name,
    teamId: r.team_id,
    firstResponseMinutes: r.first_response_minutes,
    resolutionMinutes: r.resolution_minutes,
    isDefault: r.is_default === 1,
  };
}

export function listTeams(db: Database): Team[] {
  return stmt<[], TeamRow>(db, `SELECT ${TEAM_COLS} FROM teams ORDER BY name`)
    .all()
    .map((r) => toTeam(db, r));
}

export function teamById(db: Database, id: number): Team | null {
  const r = stmt<[number], TeamRow>(db, `SELECT ${TEAM_COLS} FROM teams WHERE id = ?`).get(id);
  return r ? toTeam(db, r) : null;
}

export function listPolicies(db: Database): SlaPolicy[] {
  return stmt<[], PolicyRow>(db, `SELECT ${POLICY_COLS} FROM sla_policies ORDER BY name`).all().map(toPolicy);
}

export function policyById(db: Database, id: number): SlaPolicy | null {
  const r = stmt<[number], PolicyRow>(db, `SELECT ${POLICY_COLS} FROM sla_policies WHERE id = ?`).get(id);
  return r ? toPolicy(r) : null;
}

export function defaultPolicy(db: Database): SlaPolicy | null {
  const r = stmt<[], PolicyRow>(db, `SELECT ${POLICY_COLS} FROM sla_policies WHERE is_default = 1`).get();
  return r ? toPolicy(r) : null;
}

export interface TeamInput {
  id?: number | undefined;
  name: string;
  timeZone: string;
  weekly: WeeklyHours;
  holidays: Holiday[];
}

/** Creates or replaces a team; answers it and whether its calendar changed. */
export function saveTeam(db: Database, t: TeamInput, now: number): { team: Team; calendarChanged: boolean } {
  const before = t.id === undefined ? null : teamById(db, t.id);
  if (t.id !== undefined && !before) throw new VigilFailure('not_found', `There is no team ${t.id}.`);
  const clash = stmt<[string, number], { id: number }>(db, 'SELECT id FROM teams WHERE name = ? AND id != ?').get(t.name, t.id ?? -1);
  if (clash) throw new VigilFailure('invalid_args', `Another team is already called “${t.name}”.`);
  const weekly = JSON.stringify(t.weekly);
  const holidays = JSON.stringify([...t.holidays].sort((a, b) => a.date.localeCompare(b.date)));
  // updated_at must move on every edit: it keys the calendar cache.
  const stamp = Math.max(
    now,
    (before ? stmt<[number], { u: number }>(db, 'SELECT updated_at AS u FROM teams WHERE id = ?').get(before.id)!.u : 0) + 1,
  );
  let id = t.id;
  if (id === undefined) {
    id = Number(
      stmt(db, 'INSERT INTO teams (name, time_zone, weekly_hours, holidays, updated_at) VALUES (?, ?, ?, ?, ?)').run(
        t.name,
        t.timeZone,
        weekly,
        holidays,
        stamp,
      ).lastInsertRowid,
    );
  } else {
    stmt(db, 'UPDATE teams SET name = ?, time_zone = ?, weekly_hours = ?, holidays = ?, updated_at = ? WHERE id = ?').run(
      t.name,
      t.timeZone,
      weekly,
      holidays,
      stamp,
      id,
    );
  }
  const team = teamById(db, id)!;
  const calendarChanged =
    !before ||
    before.timeZone !== team.timeZone ||
    JSON.stringify(before.weekly) !== weekly ||
    JSON.stringify(before.holidays) !== holidays;
  return { team, calendarChanged };
}

export interface PolicyInput {
  id?: number | undefined;
  name: string;
  teamId: number;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  isDefault?: boolean | undefined;
}

/** Creates or replaces a policy; answers it and whether its dues move. */
export function savePolicy(db: Database, p: PolicyInput): { policy: SlaPolicy; duesChanged: boolean } {
  const before = p.id === undefined ? null : policyById(db, p.id);
  if (p.id !== undefined && !before) throw new VigilFailure('not_found', `There is no SLA policy ${p.id}.`);
  if (!teamById(db, p.teamId)) throw new VigilFailure('not_found', `There is no team ${p.teamId}.`);
  if (p.resolutionMinutes < p.firstResponseMinutes) {
    throw new VigilFailure('invalid_args', 'The resolution target cannot be shorter than the first-response target.');
  }
  const clash = stmt<[string, number], { id: number }>(db, 'SELECT id FROM sla_policies WHERE name = ? AND id != ?').get(
    p.name,
    p.id ?? -1,
  );
  if (clash) throw new VigilFailure('invalid_args', `Another SLA policy is already called “${p.name}”.`);
  return db.transaction(() => {
    if (p.isDefault) stmt(db, 'UPDATE sla_policies SET is_default = 0 WHERE is_default = 1').run();
    const isDefault = p.isDefault ?? before?.isDefault ?? false;
    let id = p.id;
    if (id === undefined) {
      id = Number(
        stmt(
          db,
          'INSERT INTO sla_policies (name, team_id, first_response_minutes, resolution_minutes, is_default) VALUES (?, ?, ?, ?, ?)',
        ).run(p.name, p.teamId, p.firstResponseMinutes, p.resolutionMinutes, isDefault ? 1 : 0).lastInsertRowid,
      );
    } else {
      stmt(
        db,
        'UPDATE sla_policies SET name = ?, team_id = ?, first_response_minutes = ?, resolution_minutes = ?, is_default = ? WHERE id = ?',
      ).run(p.name, p.teamId, p.firstResponseMinutes, p.resolutionMinutes, isDefault ? 1 : 0, id);
    }
    const policy = policyById(db, id)!;
    const duesChanged =
      !!before &&
      (before.teamId !== policy.teamId ||
        before.firstResponseMinutes !== policy.firstResponseMinutes ||
        before.resolutionMinutes !== policy.resolutionMinutes);
    return { policy, duesChanged };
  })();
}

// Configuration documents and the local tables they stand for: the whole document read from
// what this workstation has saved (to send), and a document from the server written through
// the same stores the dialogs save with (so it is checked and cached the same way).
import type { Database } from 'better-sqlite3';
import { docKey, type ConfigBody, type ConfigKind } from '../../../shared/config-sync';
import { VigilFailure } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import { setSettings, getSettings } from '../../settings/settings';
import { deleteTemplate, templateById } from '../../triage/templates/store';
import { listRules, saveRules } from '../../triage/rules/store';
import { policyById, savePolicy, saveTeam, teamById } from '../../triage/sla/teams';

/** What applying documents leaves to do once the page is stored: what a local save re-does after it. */
export interface ConfigEffects {
  rules: boolean;
  thresholds: boolean;
  /** Teams whose calendar changed, and policies whose targets changed: their open items' dues. */
  teams: Set<number>;
  policies: Set<number>;
  applied: number;
}

export function noEffects(): ConfigEffects {
  return { rules: false, thresholds: false, teams: new Set(), policies: new Set(), applied: 0 };
}

export function mergeEffects(into: ConfigEffects, from: ConfigEffects): void {
  into.rules ||= from.rules;
  into.thresholds ||= from.thresholds;
  for (const t of from.teams) into.teams.add(t);
  for (const p of from.policies) into.policies.add(p);
  into.applied += from.applied;
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'x'
  );
}

/**
 * A team's or policy's key, the same on every workstation: given from the name the first time
 * it is shared (so the seeded "Support" team is the same document everywhere) and then kept.
 */
function keyOf(db: Database, table: 'teams' | 'sla_policies', id: number): string {
  const row = stmt<[number], { sync_key: string | null; name: string }>(db, `SELECT sync_key, name FROM ${table} WHERE id = ?`).get(id);
  if (!row) throw new VigilFailure('not_found', `There is no ${table === 'teams' ? 'team' : 'SLA policy'} ${id}.`);
  if (row.sync_key) return row.sync_key;
  const taken = stmt<[string], { id: number }>(db, `SELECT id FROM ${table} WHERE sync_key = ?`);
  const base = slug(row.name);
  for (let n = 1; ; n++) {
    const key = n === 1 ? base : `${base}-${n}`;
    if (!taken.get(key)) {
      stmt(db, `UPDATE ${table} SET sync_key = ? WHERE id = ?`).run(key, id);
      return key;
    }
  }
}

export const teamKey = (db: Database, id: number) => keyOf(db, 'teams', id);
export const policyKey = (db: Database, id: number) => keyOf(db, 'sla_policies', id);

/** A local row for a shared key: the one that has it, or one of the same name not yet shared (adopted). */
function localIdFor(db: Database, table: 'teams' | 'sla_policies', key: string, name: string): number | undefined {
  const byKey = stmt<[string], { id: number }>(db, `SELECT id FROM ${table} WHERE sync_key = ?`).get(key);
  if (byKey) return byKey.id;
  const byName = stmt<[string], { id: number }>(db, `SELECT id FROM ${table} WHERE name = ? AND sync_key IS NULL`).get(name);
  if (byName) stmt(db, `UPDATE ${table} SET sync_key = ? WHERE id = ?`).run(key, byName.id);
  return byName?.id;
}

// ---- reading what this workstation saved -------------------------------------------------

export function rulesDoc(db: Database): { doc: string; body: ConfigBody<'rules'> } {
  return {
    doc: docKey('rules'),
    body: {
      rules: listRules(db).map((r) => ({ id: r.id, name: r.name, enabled: r.enabled, conditions: r.conditions, actions: r.actions })),
    },
  };
}

export function templateDoc(db: Database, id: string): { doc: string; body: ConfigBody<'template'> } {
  const t = templateById(db, id);
  if (!t) return { doc: docKey('template', id), body: { deleted: true } };
  const position = stmt<[string], { position: number }>(db, 'SELECT position FROM templates WHERE id = ?').get(id)!.position;
  return { doc: docKey('template', id), body: { name: t.name, body: t.body, kind: t.kind, reason: t.reason, tags: t.tags, position } };
}

export function teamDoc(db: Database, id: number): { doc: string; body: ConfigBody<'team'> } {
  const t = teamById(db, id)!;
  return { doc: docKey('team', teamKey(db, id)), body: { name: t.name, timeZone: t.timeZone, weekly: t.weekly, holidays: t.holidays } };
}

export function policyDoc(db: Database, id: number): { doc: string; body: ConfigBody<'sla-policy'> } {
  const p = policyById(db, id)!;
  return {
    doc: docKey('sla-policy', policyKey(db, id)),
    body: {
      name: p.name,
      team: teamKey(db, p.teamId),
      firstResponseMinutes: p.firstResponseMinutes,
      resolutionMinutes: p.resolutionMinutes,
      isDefault: p.isDefault,
    },
  };
}

export function thresholdsDoc(db: Database): { doc: string; body: ConfigBody<'thresholds'> } {
  return { doc: docKey('thresholds'), body: { thresholds: getSettings(db, '').thresholds } };
}

// ---- writing a document from the server ---------------------------------------------------

/** Writes one checked document; inside the caller's transaction. Throws if it cannot stand here (the caller skips it). */
export function writeDoc(db: Database, kind: ConfigKind, doc: string, body: unknown, by: string, at: number, effects: ConfigEffects): void {
  const key = doc.slice(kind.length + 1);
  if (kind === 'rules') {
    saveRules(db, (body as ConfigBody<'rules'>).rules, by, at);
    effects.rules = true;
  } else if (kind === 'thresholds') {
    setSettings(db, '', { thresholds: (body as ConfigBody<'thresholds'>).thresholds });
    effects.thresholds = true;
  } else if (kind === 'template') {
    const t = body as ConfigBody<'template'>;
    if ('deleted' in t) deleteTemplate(db, key);
    else {
      stmt(
        db,
        `INSERT INTO templates (id, name, body, position, kind, reason, tags, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, body = excluded.body, position = excluded.position, kind = excluded.kind,
           reason = excluded.reason, tags = excluded.tags, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(key, t.name, t.body, t.position, t.kind, t.kind === 'reply' ? null : t.reason, JSON.stringify(t.tags), at, by);
    }
  } else if (kind === 'team') {
    const t = body as ConfigBody<'team'>;
    const id = localIdFor(db, 'teams', key, t.name);
    const { team, calendarChanged } = saveTeam(db, { id, name: t.name, timeZone: t.timeZone, weekly: t.weekly, holidays: t.holidays }, at);
    stmt(db, 'UPDATE teams SET sync_key = ? WHERE id = ?').run(key, team.id);
    if (calendarChanged && id !== undefined) effects.teams.add(team.id);
  } else {
    const p = body as ConfigBody<'sla-policy'>;
    const teamId =
      stmt<[string], { id: number }>(db, 'SELECT id FROM teams WHERE sync_key = ?').get(p.team)?.id ??
      // A team of the same name not shared from here yet (the seeded "Support" everywhere) is the one meant.
      stmt<[], { id: number; name: string }>(db, 'SELECT id, name FROM teams WHERE sync_key IS NULL')
        .all()
        .find((t) => slug(t.name) === p.team)?.id;
    if (teamId === undefined) throw new VigilFailure('not_found', `the policy's team ${p.team} is not on this workstation`);
    const id = localIdFor(db, 'sla_policies', key, p.name);
    const { policy, duesChanged } = savePolicy(db, {
      id,
      name: p.name,
      teamId,
      firstResponseMinutes: p.firstResponseMinutes,
      resolutionMinutes: p.resolutionMinutes,
      isDefault: p.isDefault,
    });
    stmt(db, 'UPDATE sla_policies SET sync_key = ? WHERE id = ?').run(key, policy.id);
    if (duesChanged) effects.policies.add(policy.id);
  }
  effects.applied++;
}

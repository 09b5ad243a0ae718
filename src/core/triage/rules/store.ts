// The rules table: the admin's ordered set, saved whole (so order and edits land together),
// and the compiled router, built once per saved set rather than once per item.
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Rule, RuleActions, RuleCondition, RuleDraft } from '../../../shared/rules';
import { stmt } from '../../db/statements';
import { Router } from './compile';

interface RuleRow {
  id: string;
  position: number;
  name: string;
  enabled: number;
  conditions: string;
  actions: string;
  updated_at: number;
  updated_by: string;
}

export function listRules(db: Database): Rule[] {
  return stmt<[], RuleRow>(
    db,
    'SELECT id, position, name, enabled, conditions, actions, updated_at, updated_by FROM rules ORDER BY position',
  )
    .all()
    .map((r) => ({
      id: r.id,
      position: r.position,
      name: r.name,
      enabled: r.enabled === 1,
      conditions: JSON.parse(r.conditions) as RuleCondition[],
      actions: JSON.parse(r.actions) as RuleActions,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    }));
}

const routers = new WeakMap<Database, Router>();

/** The saved rules, compiled; kept until the next save on this connection. */
export function routerOf(db: Database): Router {
  let r = routers.get(db);
  if (!r) routers.set(db, (r = new Router(listRules(db))));
  return r;
}

export function newRuleId(): string {
  return `r-${randomUUID().slice(0, 8)}`;
}

/**
 * Replaces the whole ordered set in one transaction. A rule keeps its id across saves (items
 * routed by it still point at it); one without an id is new and gets one. A rule that is
 * left out is gone; items it routed keep their record of it (its name is in their "why").
 */
export function saveRules(db: Database, drafts: readonly RuleDraft[], by: string, now: number): Rule[] {
  db.transaction(() => {
    stmt(db, 'DELETE FROM rules').run();
    const put = stmt(
      db,
      'INSERT INTO rules (id, position, name, enabled, conditions, actions, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    drafts.forEach((d, i) =>
      put.run(d.id ?? newRuleId(), i, d.name, d.enabled ? 1 : 0, JSON.stringify(d.conditions), JSON.stringify(d.actions), now, by),
    );
  })();
  routers.delete(db);
  return listRules(db);
}

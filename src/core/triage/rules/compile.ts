// A rule set compiled once into predicates, then run on every item stored or re-evaluated.
// Order is the admin's: the first enabled rule whose conditions all hold routes the item, and
// it alone decides queue, assignee or team, boost, SLA policy and labels.
import type { RuleActions, RuleCondition } from '../../../shared/rules';
import { compileCondition, ItemContext, type CompiledCondition } from './conditions';
import type { RoutableItem, Routed } from './routable';

/** A rule as the router needs it (saved or a draft with an id given for the preview). */
export interface RuleSpec {
  id: string;
  name: string;
  enabled: boolean;
  conditions: readonly RuleCondition[];
  actions: RuleActions;
}

export class CompiledRule {
  /** Cheapest first; `shown` keeps the admin's order for the "why". */
  private readonly checks: CompiledCondition[];
  private readonly shown: CompiledCondition[];

  constructor(readonly spec: RuleSpec) {
    this.shown = spec.conditions.map(compileCondition);
    this.checks = [...this.shown].sort((a, b) => a.cost - b.cost);
  }

  test(c: ItemContext): boolean {
    for (const k of this.checks) if (!k.test(c)) return false;
    return true;
  }

  /** What it records on an item it matched. */
  routed(c: ItemContext): Routed {
    const { spec } = this;
    const a = spec.actions;
    return {
      ruleId: spec.id,
      ruleName: spec.name,
      why: this.shown.length ? this.shown.map((k) => k.why(c)).join('; ') : 'matches every item',
      queue: a.queue ?? null,
      assignee: a.assignee ?? null,
      team: a.team ?? null,
      boost: a.boost ?? 1,
      sla: a.sla ?? null,
      labels: a.labels ?? [],
    };
  }
}

export class Router {
  readonly rules: readonly CompiledRule[];
  private readonly enabled: readonly CompiledRule[];

  constructor(specs: readonly RuleSpec[]) {
    this.rules = specs.map((s) => new CompiledRule(s));
    this.enabled = this.rules.filter((r) => r.spec.enabled);
  }

  get empty(): boolean {
    return this.enabled.length === 0;
  }

  /** The first enabled rule that holds, or null. */
  first(item: RoutableItem, now: number): { rule: CompiledRule; ctx: ItemContext } | null {
    const ctx = new ItemContext(item, now);
    for (const r of this.enabled) if (r.test(ctx)) return { rule: r, ctx };
    return null;
  }

  route(item: RoutableItem, now: number): Routed | null {
    const hit = this.first(item, now);
    return hit ? hit.rule.routed(hit.ctx) : null;
  }
}

// Rule evaluation without a database: each field and operator, order and first match,
// disabled rules, keyword folding and time in a zone.
import { describe, expect, it } from 'vitest';
import { Router, type RuleSpec } from '../../../src/core/triage/rules/compile';
import type { RoutableItem } from '../../../src/core/triage/rules/routable';
import { ruleCondition, ruleInput, ruleSet, type RuleConditionIn } from '../../../src/shared/rules';

const NOW = Date.UTC(2025, 0, 6, 12); // a Monday, noon UTC

function item(more: Partial<RoutableItem> = {}): RoutableItem {
  return {
    kind: 'mention',
    platform: 'x',
    target: 'Northwind',
    text: 'my order never arrived',
    lang: 'en',
    authorRisk: 0.2,
    influence: 1200,
    createdAt: NOW - 30 * 60_000,
    ...more,
  };
}

let n = 0;
function rule(conditions: RuleConditionIn[], actions: RuleSpec['actions'] = { queue: 'q' }, more: Partial<RuleSpec> = {}): RuleSpec {
  n++;
  const parsed = ruleInput.parse({ name: `rule ${n}`, conditions, actions });
  return { ...parsed, id: `r${n}`, ...more };
}

/** Whether one condition holds for an item. */
function holds(cond: RuleConditionIn, it: RoutableItem = item()): boolean {
  return new Router([rule([cond])]).route(it, NOW) !== null;
}

describe('conditions', () => {
  it('kind, platform: in and not in', () => {
    expect(holds({ field: 'kind', op: 'in', value: ['mention', 'review'] })).toBe(true);
    expect(holds({ field: 'kind', op: 'in', value: ['review'] })).toBe(false);
    expect(holds({ field: 'kind', op: 'not_in', value: ['review'] })).toBe(true);
    expect(holds({ field: 'platform', op: 'in', value: ['X'] })).toBe(true);
    expect(holds({ field: 'platform', op: 'not_in', value: ['x', 'youtube'] })).toBe(false);
  });

  it('target: in, not in and contains, folded', () => {
    expect(holds({ field: 'target', op: 'in', value: ['northwind'] })).toBe(true);
    expect(holds({ field: 'target', op: 'not_in', value: ['Northwind'] })).toBe(false);
    expect(holds({ field: 'target', op: 'contains', value: ['hôtel'] }, item({ target: 'Grand Hotel Lisboa' }))).toBe(true);
    expect(holds({ field: 'target', op: 'contains', value: ['hot'] }, item({ target: 'Grand Hotel Lisboa' }))).toBe(false);
    expect(holds({ field: 'target', op: 'not_in', value: ['Orbit'] }, item({ target: null }))).toBe(false);
  });

  it('keywords: any, all, none; whole words, case and accents folded, phrases', () => {
    const t = item({ text: 'Mon CAFÉ était froid, REMBOURSEMENT svp! The refund never came.' });
    expect(holds({ field: 'keywords', op: 'any', value: ['cafe'] }, t)).toBe(true);
    expect(holds({ field: 'keywords', op: 'any', value: ['Remboursement'] }, t)).toBe(true);
    expect(holds({ field: 'keywords', op: 'any', value: ['caf'] }, t)).toBe(false); // whole words only
    expect(holds({ field: 'keywords', op: 'any', value: ['refunds', 'lawsuit'] }, t)).toBe(false);
    expect(holds({ field: 'keywords', op: 'all', value: ['refund', 'froid'] }, t)).toBe(true);
    expect(holds({ field: 'keywords', op: 'all', value: ['refund', 'lawsuit'] }, t)).toBe(false);
    expect(holds({ field: 'keywords', op: 'none', value: ['lawsuit'] }, t)).toBe(true);
    expect(holds({ field: 'keywords', op: 'none', value: ['lawsuit', 'cafe'] }, t)).toBe(false);
    expect(holds({ field: 'keywords', op: 'any', value: ['never came'] }, t)).toBe(true);
    expect(holds({ field: 'keywords', op: 'any', value: ['refund came'] }, t)).toBe(false);
    expect(holds({ field: 'keywords', op: 'any', value: ['Ünïcödé'] }, item({ text: 'unicode!' }))).toBe(true);
  });

  it('language matches a tag and its regional variants; a missing one never holds', () => {
    expect(holds({ field: 'language', op: 'in', value: ['en'] }, item({ lang: 'en-GB' }))).toBe(true);
    expect(holds({ field: 'language', op: 'in', value: ['en-gb'] }, item({ lang: 'en' }))).toBe(false);
    expect(holds({ field: 'language', op: 'not_in', value: ['de'] }, item({ lang: null }))).toBe(false);
  });

  it('type and sentiment hold only where the item has them', () => {
    expect(holds({ field: 'type', op: 'in', value: ['complaint'] }, item({ type: 'complaint' }))).toBe(true);
    expect(holds({ field: 'type', op: 'in', value: ['complaint'] }, item())).toBe(false);
    expect(holds({ field: 'type', op: 'not_in', value: ['question'] }, item())).toBe(false);
    expect(holds({ field: 'sentiment', op: 'in', value: ['negative'] }, item({ sentiment: 'negative' }))).toBe(true);
    expect(holds({ field: 'sentiment', op: 'not_in', value: ['negative'] }, item({ sentiment: 'positive' }))).toBe(true);
  });

  it('author risk and influence: at least, at most; unknown never holds', () => {
    expect(holds({ field: 'authorRisk', op: 'gte', value: 0.2 })).toBe(true);
    expect(holds({ field: 'authorRisk', op: 'gte', value: 0.21 })).toBe(false);
    expect(holds({ field: 'authorRisk', op: 'lte', value: 0.5 }, item({ authorRisk: null }))).toBe(false);
    expect(holds({ field: 'influence', op: 'gte', value: 1000 })).toBe(true);
    expect(holds({ field: 'influence', op: 'lte', value: 1000 })).toBe(false);
  });

  it('hour of day in a zone, wrapping midnight', () => {
    // 23:30 UTC on a Sunday is 00:30 Monday in Berlin (winter) and 18:30 Sunday in New York.
    const late = item({ createdAt: Date.UTC(2025, 0, 5, 23, 30) });
    expect(holds({ field: 'hour', op: 'between', value: { from: 22, to: 6 } }, late)).toBe(true);
    expect(holds({ field: 'hour', op: 'between', value: { from: 0, to: 0 }, zone: 'Europe/Berlin' }, late)).toBe(true);
    expect(holds({ field: 'hour', op: 'between', value: { from: 22, to: 6 }, zone: 'America/New_York' }, late)).toBe(false);
    expect(holds({ field: 'hour', op: 'between', value: { from: 9, to: 17 } }, item({ createdAt: null }))).toBe(false);
    // Kathmandu is UTC+5:45: 23:30 UTC is 05:15 there.
    expect(holds({ field: 'hour', op: 'between', value: { from: 5, to: 5 }, zone: 'Asia/Kathmandu' }, late)).toBe(true);
  });

  it('weekday in a zone', () => {
    const late = item({ createdAt: Date.UTC(2025, 0, 5, 23, 30) });
    expect(holds({ field: 'weekday', op: 'in', value: ['sun'] }, late)).toBe(true);
    expect(holds({ field: 'weekday', op: 'in', value: ['mon'], zone: 'Europe/Berlin' }, late)).toBe(true);
    expect(holds({ field: 'weekday', op: 'not_in', value: ['sat', 'sun'], zone: 'America/New_York' }, late)).toBe(false);
  });

  it('item age in minutes when the rules run', () => {
    expect(holds({ field: 'age', op: 'gte', value: 30 })).toBe(true);
    expect(holds({ field: 'age', op: 'gte', value: 31 })).toBe(false);
    expect(holds({ field: 'age', op: 'lte', value: 10 })).toBe(false);
  });
});

describe('rules', () => {
  it('all conditions must hold; no condition matches everything', () => {
    const r = new Router([
      rule([
        { field: 'kind', op: 'in', value: ['mention'] },
        { field: 'keywords', op: 'any', value: ['refund'] },
      ]),
    ]);
    expect(r.route(item(), NOW)).toBeNull();
    expect(r.route(item({ text: 'refund please' }), NOW)?.queue).toBe('q');
    expect(new Router([rule([])]).route(item(), NOW)?.why).toBe('matches every item');
  });

  it('the first enabled rule that holds wins, with all its actions; later rules add nothing', () => {
    const router = new Router([
      rule([{ field: 'platform', op: 'in', value: ['youtube'] }], { queue: 'video' }),
      rule(
        [{ field: 'kind', op: 'in', value: ['mention'] }],
        { queue: 'vip', team: 'Care EU', boost: 2, sla: 'urgent-1h', labels: ['vip'] },
        { name: 'VIP mentions' },
      ),
      rule([], { queue: 'catch-all', labels: ['other'] }),
    ]);
    const routed = router.route(item(), NOW)!;
    expect(routed).toMatchObject({
      ruleName: 'VIP mentions',
      queue: 'vip',
      team: 'Care EU',
      assignee: null,
      boost: 2,
      sla: 'urgent-1h',
      labels: ['vip'],
    });
    expect(routed.why).toBe('kind is “mention”');
    expect(router.route(item({ kind: 'review' }), NOW)?.queue).toBe('catch-all');
  });

  it('a disabled rule is skipped', () => {
    const router = new Router([rule([], { queue: 'off' }, { enabled: false }), rule([], { queue: 'on' })]);
    expect(router.route(item(), NOW)?.queue).toBe('on');
    expect(new Router([rule([], { queue: 'off' }, { enabled: false })]).empty).toBe(true);
  });

  it('says why in words, with the keywords that were found', () => {
    const router = new Router([
      rule([
        { field: 'keywords', op: 'any', value: ['refund', 'arrived', 'lawsuit'] },
        { field: 'influence', op: 'gte', value: 1000 },
        { field: 'hour', op: 'between', value: { from: 9, to: 17 }, zone: 'Europe/Berlin' },
      ]),
    ]);
    expect(router.route(item(), NOW)?.why).toBe('text has “arrived”; reach 1,200 ≥ 1,000; posted at 12h Europe/Berlin, within 9–17h');
  });
});

describe('validation', () => {
  it('names what is wrong in a rule', () => {
    const bad = (c: unknown) => ruleCondition.safeParse(c).error?.issues[0]?.message;
    expect(bad({ field: 'hour', op: 'between', value: { from: 9, to: 17 }, zone: 'Mars/Olympus' })).toMatch(/unknown time zone/);
    expect(bad({ field: 'keywords', op: 'any', value: [] })).toMatch(/at least one value/);
    expect(bad({ field: 'authorRisk', op: 'gte', value: 2 })).toBeDefined();
    const actions = (a: unknown) => ruleInput.safeParse({ name: 'r', conditions: [], actions: a }).error?.issues[0]?.message;
    expect(actions({})).toMatch(/at least one action/);
    expect(actions({ assignee: 'ana', team: 'EU' })).toMatch(/person or to a team/);
    expect(actions({ queue: 'spam' })).toMatch(/detection queues/);
    const set = ruleSet.safeParse([
      { name: 'A', conditions: [], actions: { queue: 'a' } },
      { name: 'a', conditions: [], actions: { queue: 'b' } },
    ]);
    expect(set.error?.issues[0]).toMatchObject({ path: [1, 'name'] });
  });
});

// Routing rules: 100 varied rules compiled once, then every item of a
// seeded 100,000-item database routed through them in order, first match wins. Items that no
// rule takes run through all 100, which is most of them: the figure is close to the worst
// case. Also timed: saving a rule set through the contract, which re-routes every waiting item.
import { newestRoutable, Router, type RuleSpec } from '../src/core/index';
import type { RuleConditionIn, RuleIn } from '../src/shared/rules';
import { ruleInput } from '../src/shared/rules';
import { log, type Metric } from './lib/metrics';
import { call, open } from './lib/workload';

const WORDS = [
  'refund',
  'broken',
  'charged twice',
  'battery',
  'damaged',
  'lawsuit',
  'scam',
  'unacceptable',
  'love',
  'thank you',
  'giveaway',
  'prize',
  'delivery',
  'order',
  'chat',
  'cancel',
  'warranty',
  'rude',
  'discount',
  'free',
];
const TARGETS = ['Orbit', 'Kestrel', 'Chicago', 'Aero', 'Drake', 'Summit', 'Nimbus', 'Breeze'];
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];

/** Rule i of 100: two or three conditions over every field, cheap ones and text ones mixed. */
export function variedRules(count = 100): RuleIn[] {
  const rules: RuleIn[] = [];
  for (let i = 0; i < count; i++) {
    const w = (k: number) => WORDS[(i * 3 + k) % WORDS.length]!;
    const zone = ZONES[i % ZONES.length]!;
    const c: RuleConditionIn[] = [];
    switch (i % 10) {
      case 0:
        c.push({ field: 'kind', op: 'in', value: ['mention', 'reply'] }, { field: 'keywords', op: 'all', value: [w(0), w(1)] });
        break;
      case 1:
        c.push({ field: 'platform', op: 'in', value: ['trustpilot', 'google'] }, { field: 'influence', op: 'gte', value: 5000 + i });
        break;
      case 2:
        c.push(
          { field: 'target', op: 'contains', value: [TARGETS[i % TARGETS.length]!] },
          { field: 'keywords', op: 'any', value: [`${w(2)}${i}`, w(3)] },
          { field: 'authorRisk', op: 'gte', value: 0.95 },
        );
        break;
      case 3:
        c.push(
          { field: 'hour', op: 'between', value: { from: (i * 5) % 24, to: (i * 5 + 2) % 24 }, zone },
          { field: 'weekday', op: 'in', value: ['sat'], zone },
          { field: 'kind', op: 'in', value: ['review'] },
        );
        break;
      case 4:
        c.push({ field: 'authorRisk', op: 'gte', value: 0.9 }, { field: 'keywords', op: 'all', value: [w(4), w(5), w(6)] });
        break;
      case 5:
        c.push({ field: 'language', op: 'in', value: ['de', 'fr'] }, { field: 'keywords', op: 'any', value: [w(7)] });
        break;
      case 6:
        c.push({ field: 'keywords', op: 'any', value: [`${w(8)}-${i}`, `zz${i}`] }, { field: 'age', op: 'lte', value: 5 });
        break;
      case 7:
        c.push({ field: 'type', op: 'in', value: ['complaint'] }, { field: 'sentiment', op: 'in', value: ['negative'] });
        break;
      case 8:
        c.push(
          { field: 'keywords', op: 'any', value: [`${w(9)} ${w(10)}`, `please ${w(11)}`] },
          { field: 'kind', op: 'not_in', value: ['comment'] },
        );
        break;
      default:
        c.push(
          { field: 'kind', op: 'not_in', value: ['post'] },
          { field: 'influence', op: 'lte', value: 3 + (i % 7) },
          { field: 'keywords', op: 'none', value: [w(12), w(13)] },
          { field: 'target', op: 'in', value: [`Nowhere ${i}`] },
        );
    }
    rules.push({
      name: `rule ${i + 1}`,
      conditions: c,
      actions: { queue: `queue-${i % 12}`, boost: 1 + (i % 3) / 2, ...(i % 4 ? { team: `team ${i % 5}` } : { labels: [`l${i % 9}`] }) },
    });
  }
  return rules;
}

export async function routeFigures(dir: string, items: number): Promise<Metric[]> {
  const core = open(dir);
  try {
    const drafts = variedRules(100);
    const specs: RuleSpec[] = drafts.map((d, i) => ({ ...ruleInput.parse(d), id: `bench-${i}` }));
    const input = newestRoutable(core.db, items);
    const now = Date.now();
    const router = new Router(specs);
    // One pass to warm up (JIT, zone caches), then the median of three timed passes.
    let matched = 0;
    for (const it of input) if (router.route(it, now)) matched++;
    const rates: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      const t = performance.now();
      let sink = 0;
      for (const it of input) if (router.route(it, now)) sink++;
      rates.push(input.length / ((performance.now() - t) / 1000));
      if (sink !== matched) throw new Error('routing is not deterministic');
    }
    rates.sort((a, b) => a - b);
    log(
      `route: ${input.length.toLocaleString('en')} items, ${matched.toLocaleString('en')} matched a rule (${((matched / input.length) * 100).toFixed(1)} %); passes ${rates.map((r) => Math.round(r).toLocaleString('en')).join(', ')} items/s`,
    );

    // Saving re-routes every waiting item; one save is a single sample, so the rule set is
    // saved five times (cleared in between, untimed, so each save moves the same items) and the
    // median save is the figure.
    const saves: { ms: number; examined: number; changed: number }[] = [];
    for (let pass = 0; pass < 5; pass++) {
      if (pass > 0) await call(core, 'rules.save', { rules: [] });
      const t = performance.now();
      const saved = await call<{ reevaluated: { examined: number; changed: number } }>(core, 'rules.save', { rules: drafts });
      saves.push({ ms: performance.now() - t, ...saved.reevaluated });
    }
    log(
      `rules.save: ${saves.map((s) => `${s.changed.toLocaleString('en')} of ${s.examined.toLocaleString('en')} re-routed in ${(s.ms / 1000).toFixed(2)} s`).join('; ')}`,
    );
    const save = [...saves].sort((a, b) => a.ms - b.ms)[2]!;
    return [
      {
        name: 'route.items_per_s',
        value: rates[1]!,
        unit: 'items/s',
        note: `100 varied rules, first match wins, over ${input.length.toLocaleString('en')} seeded items (${matched.toLocaleString('en')} matched; the rest ran through all 100); target >= 50,000`,
      },
      {
        name: 'route.reevaluate_items_per_s',
        value: save.examined / (save.ms / 1000),
        unit: 'items/s',
        note: `rules.save of the same 100 rules, median of 5 saves: every waiting item read, routed and (${save.changed.toLocaleString('en')}) rewritten, in transactions of 5,000`,
      },
    ];
  } finally {
    core.close();
  }
}

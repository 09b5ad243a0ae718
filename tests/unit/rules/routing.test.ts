// Rules in the store: routing on import and on synced content, re-evaluation when the rules
// change, what rules leave alone, detection's queues beside the rules', and the preview.
import { describe, expect, it } from 'vitest';
import { applyContent } from '../../../src/core/sync/content';
import { setConnection } from '../../../src/core/sync/state';
import { ItemScorer } from '../../../src/core/detection/scores/item-scores';
import { routingSelect } from '../../../src/core/triage/rules/read-items';
import type { RuleIn } from '../../../src/shared/rules';
import type { VigilError } from '../../../src/shared/errors';
import { importRecords, testCore, value, type TestCore } from '../core-helpers';
import { account, item, itemId, queueCountsActual, queueCountsTable } from '../helpers';
import { plan } from '../query-plan';

const NOW = Date.UTC(2025, 0, 6, 12);

type C = TestCore;
const core = () => testCore(NOW);

function error(r: unknown): VigilError {
  const res = r as { ok: boolean; error?: VigilError };
  expect(res.ok).toBe(false);
  return res.error!;
}

const REFUNDS: RuleIn = {
  name: 'Refunds',
  conditions: [{ field: 'keywords', op: 'any', value: ['refund', 'remboursement'] }],
  actions: { queue: 'billing', team: 'Billing EU', sla: 'urgent-2h', boost: 3, labels: ['billing'] },
};

function row(c: C, externalId: string) {
  return c.db
    .prepare(
      'SELECT i.queue, i.rule_id, i.rule_why, i.route_queue, i.route_boost, i.sla_policy, o.priority FROM items i JOIN item_order o ON o.id = i.id WHERE i.id = ?',
    )
    .get(itemId(c.db, externalId)) as {
    queue: string;
    rule_id: string | null;
    rule_why: string | null;
    route_queue: string | null;
    route_boost: number;
    sla_policy: string | null;
    priority: number;
  };
}

async function save(c: C, rules: RuleIn[]) {
  return value<{ rules: { id: string; name: string }[]; reevaluated: { examined: number; changed: number } }>(
    await c.dispatch('rules.save', { rules }),
  );
}

describe('routing on import', () => {
  it('records the rule, why and its actions on the item, and the detail shows them', async () => {
    const c = core();
    const [saved] = (await save(c, [REFUNDS])).rules;
    await importRecords(c, [account('a1'), item('p1', { text: 'Where is my Remboursement?' }), item('p2', { text: 'love it' })]);
    expect(row(c, 'p1')).toMatchObject({
      queue: 'billing',
      rule_id: saved!.id,
      rule_why: 'Refunds: text has “remboursement”',
      route_boost: 3,
      sla_policy: 'urgent-2h',
    });
    expect(row(c, 'p2')).toMatchObject({ queue: 'mentions', rule_id: null, route_boost: 1 });
    // Boost 3 is ln 3 on the stored priority key, against the same item unboosted.
    const detail = value<{ routing: unknown }>(await c.dispatch('item.detail', { itemId: itemId(c.db, 'p1') }));
    expect(detail.routing).toEqual({
      ruleId: saved!.id,
      ruleName: 'Refunds',
      why: 'text has “remboursement”',
      queue: 'billing',
      assignee: null,
      team: 'Billing EU',
      boost: 3,
      sla: 'urgent-2h',
      labels: ['billing'],
    });
    expect(value<{ routing: unknown }>(await c.dispatch('item.detail', { itemId: itemId(c.db, 'p2') })).routing).toBeNull();
    // "Routed by rule X" as a queue filter.
    const page = value<{ rows: { externalId: string }[] }>(
      await c.dispatch('queue.page', { filter: { rule: saved!.id }, offset: 0, limit: 10 }),
    );
    expect(page.rows.map((r) => r.externalId)).toEqual(['p1']);
    expect(queueCountsTable(c.db)).toEqual(queueCountsActual(c.db));
  });

  it('the boost multiplies priority', async () => {
    const c = core();
    await save(c, [REFUNDS]);
    await importRecords(c, [account('a1'), item('p1', { text: 'refund' }), item('p2', { text: 'refunds' })]);
    // Same author, time and kind; scores may differ, so compare without risk.
    const risk = (id: string) => c.db.prepare('SELECT risk FROM items WHERE id = ?').pluck().get(itemId(c.db, id)) as number;
    const gap = row(c, 'p1').priority - row(c, 'p2').priority - (Math.log(1 + risk('p1')) - Math.log(1 + risk('p2')));
    expect(gap).toBeCloseTo(Math.log(3), 6);
  });

  it('routes content synced from the server through the same path', () => {
    const c = core();
    c.db
      .prepare(
        "INSERT INTO rules (id, position, name, enabled, conditions, actions, updated_at, updated_by) VALUES ('r-yt', 0, 'Video', 1, ?, ?, 0, 'ana')",
      )
      .run(JSON.stringify([{ field: 'platform', op: 'in', value: ['youtube'] }]), JSON.stringify({ queue: 'video' }));
    c.db.transaction(() =>
      applyContent(
        c.db,
        [
          { seq: 1, type: 'item', record: { ...item('v1', { author: null }), platform: 'youtube', kind: 'comment' } },
          { seq: 2, type: 'item', record: item('m1', { author: null }) },
        ],
        NOW,
        new ItemScorer(c.db, {}),
      ),
    )();
    expect(c.db.prepare("SELECT queue, rule_why FROM items WHERE external_id = 'v1'").get()).toEqual({
      queue: 'video',
      rule_why: 'Video: platform is “youtube”',
    });
    expect(row(c, 'm1')).toMatchObject({ queue: 'mentions', rule_id: null });
  });
});

describe('when the rules change', () => {
  it('waiting items nobody holds are routed again, in batches, with a count; decided and handed-over items stay', async () => {
    const c = core();
    await importRecords(c, [
      account('a1'),
      ...['w1', 'w2', 'd1', 'h1'].map((id) => item(id, { text: `refund ${id}` })),
      item('n1', { text: 'hello' }),
    ]);
    value(await c.dispatch('decision.apply', { itemIds: [itemId(c.db, 'd1')], action: 'approve' }));
    value(await c.dispatch('item.handover', { itemIds: [itemId(c.db, 'h1')], to: 'bo', reason: 'knows the customer' }));

    const first = await save(c, [REFUNDS]);
    expect(first.reevaluated).toEqual({ examined: 3, changed: 2 });
    expect(row(c, 'w1').queue).toBe('billing');
    expect(row(c, 'd1')).toMatchObject({ queue: 'mentions', rule_id: null });
    expect(row(c, 'h1')).toMatchObject({ queue: 'mentions', rule_id: null });
    const boosted = row(c, 'w1').priority;

    // The rule renamed and its queue changed: its id stays, the items follow.
    const id = first.rules[0]!.id;
    const second = await save(c, [{ ...REFUNDS, id, name: 'Money back', actions: { queue: 'refunds' } }]);
    expect(second.rules[0]!.id).toBe(id);
    expect(second.reevaluated.changed).toBe(2);
    expect(row(c, 'w2')).toMatchObject({ queue: 'refunds', rule_id: id, rule_why: 'Money back: text has “refund”', route_boost: 1 });
    expect(row(c, 'w1').priority).toBeCloseTo(boosted - Math.log(3), 9);

    // Disabled: back to the kind's queue, and nothing recorded.
    const third = await save(c, [{ ...REFUNDS, id, enabled: false }]);
    expect(third.reevaluated).toEqual({ examined: 3, changed: 2 });
    expect(row(c, 'w1')).toMatchObject({ queue: 'mentions', rule_id: null, rule_why: null });
    expect(queueCountsTable(c.db)).toEqual(queueCountsActual(c.db));
  });

  it('detection queues win over a rule; below every threshold the item returns to the rule’s queue', async () => {
    const c = core();
    await save(c, [{ name: 'Comments', conditions: [{ field: 'kind', op: 'in', value: ['comment'] }], actions: { queue: 'community' } }]);
    await importRecords(c, [account('a1'), item('c1', { kind: 'comment', text: 'WIN a FREE iPhone!!! click http://prize.tk now' })]);
    expect(row(c, 'c1').queue).toBe('community');
    value(await c.dispatch('settings.set', { thresholds: { spam: 0.05 } }));
    value(await c.dispatch('detection.rescore', {}));
    expect(row(c, 'c1')).toMatchObject({ queue: 'spam', route_queue: 'community' });
    value(await c.dispatch('settings.set', { thresholds: { spam: 1 } }));
    expect(row(c, 'c1').queue).toBe('community');
  });
});

describe('rules.save and rules.preview through the contract', () => {
  it('an invalid rule is refused with a message naming it, and nothing is saved', async () => {
    const c = core();
    const e = error(
      await c.dispatch('rules.save', {
        rules: [{ ...REFUNDS, conditions: [{ field: 'hour', op: 'between', value: { from: 9, to: 30 } }] }],
      }),
    );
    expect(e.code).toBe('invalid_args');
    expect(e.message).toMatch(/^rules\.save: rules\.0\.conditions\.0\.value\.to: /);
    expect(value<{ rules: unknown[] }>(await c.dispatch('rules.list', {})).rules).toEqual([]);
  });

  it('only an admin saves rules on a workstation signed in to the server', async () => {
    const c = core();
    setConnection(c.db, { url: 'http://127.0.0.1:1', user: 'rita', role: 'moderator', expiresAt: NOW + 1e9 });
    expect(error(await c.dispatch('rules.save', { rules: [REFUNDS] })).message).toMatch(/Only an admin/);
    setConnection(c.db, { url: 'http://127.0.0.1:1', user: 'ada', role: 'admin', expiresAt: NOW + 1e9 });
    expect(value<{ rules: unknown[] }>(await c.dispatch('rules.save', { rules: [REFUNDS] })).rules).toHaveLength(1);
  });

  it('previews how many of the newest items a draft matches, alone and in its place, writing nothing', async () => {
    const c = core();
    const records = [account('a1')];
    for (let i = 0; i < 30; i++)
      records.push(
        item(`p${i}`, {
          text: i % 3 === 0 ? `refund #${i}` : i % 5 === 0 ? 'my refund please' : `hello ${i}`,
          kind: i % 2 ? 'mention' : 'comment',
        }),
      );
    await importRecords(c, records);
    const before = c.db.prepare('SELECT count(*) FROM items WHERE rule_id IS NOT NULL').pluck().get();
    const drafts: RuleIn[] = [
      { name: 'Comments', conditions: [{ field: 'kind', op: 'in', value: ['comment'] }], actions: { queue: 'community' } },
      REFUNDS,
    ];
    // "refund": i % 3 == 0 (10 items) or i % 5 == 0 (5, 10, 20, 25 besides): 14. Comments (even i) go to the
    // first rule, so Refunds routes the odd ones: 3, 5, 9, 15, 21, 25, 27.
    const p = value<{
      scanned: number;
      matched: number;
      routed: number;
      perRule: { name: string; routed: number }[];
      examples: { why: string }[];
    }>(await c.dispatch('rules.preview', { rules: drafts, focus: 1 }));
    expect(p.scanned).toBe(30);
    expect(p.matched).toBe(14);
    expect(p.routed).toBe(7);
    expect(p.perRule).toEqual([
      { name: 'Comments', routed: 15 },
      { name: 'Refunds', routed: p.routed },
    ]);
    expect(p.examples).toHaveLength(5);
    expect(p.examples[0]!.why).toMatch(/^text has “refund”/);
    const small = value<{ scanned: number }>(await c.dispatch('rules.preview', { rules: drafts, focus: 0, limit: 10 }));
    expect(small.scanned).toBe(10);
    expect(c.db.prepare('SELECT count(*) FROM items WHERE rule_id IS NOT NULL').pluck().get()).toBe(before);
    expect(value<{ rules: unknown[] }>(await c.dispatch('rules.list', {})).rules).toEqual([]);
  });
});

describe('query plans', () => {
  it('re-evaluation walks the table in id order and the preview reads the newest items without sorting', () => {
    const c = core();
    const reevaluate = routingSelect(c.db, "+i.status = 'new' AND i.assignee IS NULL AND i.id > ?", 'ORDER BY i.id LIMIT ?');
    expect(plan(c.db, reevaluate, [0, 10])).toContain('USING INTEGER PRIMARY KEY (rowid>?)');
    expect(plan(c.db, reevaluate, [0, 10])).not.toContain('TEMP B-TREE');
    expect(plan(c.db, routingSelect(c.db, '1', 'ORDER BY i.id DESC LIMIT ?'), [10])).not.toContain('TEMP B-TREE');
  });
});

describe('routing on what the classifier says', () => {
  it('routes a complaint by its type and sentiment as it is imported', async () => {
    const c = core();
    await save(c, [
      {
        name: 'Angry complaints',
        conditions: [
          { field: 'type', op: 'in', value: ['complaint'] },
          { field: 'sentiment', op: 'in', value: ['negative'] },
        ],
        actions: { queue: 'complaints' },
      },
    ]);
    await importRecords(c, [
      account('a1'),
      item('angry', { text: 'Terrible service, my order arrived broken and nobody answers. Awful.' }),
      item('happy', { text: 'Thank you, the support team was wonderful!' }),
    ]);
    expect(row(c, 'angry')).toMatchObject({ queue: 'complaints', rule_why: expect.stringContaining('Angry complaints') });
    expect(row(c, 'happy').rule_id).toBeNull();
  });

  it('routes by the language the classifier found where the platform names none, on import and when the rules change', async () => {
    const GERMAN: RuleIn = { name: 'German', conditions: [{ field: 'language', op: 'in', value: ['de'] }], actions: { queue: 'dach' } };
    const records = [
      account('a1'),
      item('de', { text: 'Wo ist mein Paket? Ich habe es letzten Montag bestellt.' }),
      item('tagged', { text: 'Where is my package? I ordered it last Monday.', lang: 'de-AT' }),
      item('en', { text: 'Where is my package? I ordered it last Monday.' }),
    ];
    // On import.
    const a = core();
    await save(a, [GERMAN]);
    await importRecords(a, records);
    // Re-evaluated when the rules change, over items imported before them: the same answers.
    const b = core();
    await importRecords(b, records);
    expect((await save(b, [GERMAN])).reevaluated.changed).toBe(2);
    for (const c of [a, b]) {
      expect(row(c, 'de').queue).toBe('dach');
      expect(row(c, 'tagged').queue).toBe('dach');
      expect(row(c, 'en').rule_id).toBeNull();
    }
  });
});

describe("a rule's SLA policy", () => {
  it('gives the routed item that policy and its dues; an unknown policy name falls back to the default', async () => {
    const c = core();
    const { teams, policies } = value<{ teams: { id: number }[]; policies: { id: number; name: string; firstResponseMinutes: number }[] }>(
      await c.dispatch('sla.teams', {}),
    );
    const urgent = value<{ policy: { id: number } }>(
      await c.dispatch('sla.policy.save', { name: 'Urgent', teamId: teams[0]!.id, firstResponseMinutes: 15, resolutionMinutes: 120 }),
    ).policy;
    await save(c, [
      {
        name: 'Complaints',
        conditions: [{ field: 'keywords', op: 'any', value: ['broken'] }],
        actions: { queue: 'complaints', sla: 'Urgent' },
      },
      { name: 'Typo', conditions: [{ field: 'keywords', op: 'any', value: ['colours'] }], actions: { sla: 'No such policy' } },
    ]);
    await importRecords(c, [
      account('a1'),
      item('hot', { text: 'It arrived broken.' }),
      item('cool', { text: 'Which colours are there?' }),
    ]);
    const sla = (x: string) =>
      c.db.prepare('SELECT sla_policy_id, first_response_due, resolution_due FROM item_order WHERE id = ?').get(itemId(c.db, x)) as {
        sla_policy_id: number;
        first_response_due: number;
        resolution_due: number;
      };
    const fallback = policies.find((p) => p.name === 'Standard')!;
    expect(sla('hot').sla_policy_id).toBe(urgent.id);
    expect(sla('cool').sla_policy_id).toBe(fallback.id);
    // Both arrived at the same moment: the urgent one is due sooner.
    expect(sla('hot').first_response_due).toBeLessThan(sla('cool').first_response_due);
  });
});

// A routing rule's labels are the item's first labels: filterable like any label, removable by
// a moderator, and replaced when the rules change (what people added stays).
import { describe, expect, it } from 'vitest';
import { labelItems } from '../../../src/core/decisions/decide';
import type { RuleIn } from '../../../src/shared/rules';
import { importRecords, testCore, value, type TestCore } from '../core-helpers';
import { account, actor, item, itemId } from '../helpers';

const NOW = Date.UTC(2025, 0, 6, 12);

type C = TestCore;
const core = () => testCore(NOW);

const refunds = (labels: string[]): RuleIn => ({
  name: 'Refunds',
  conditions: [{ field: 'keywords', op: 'any', value: ['refund'] }],
  actions: { labels },
});
const save = async (c: C, rules: RuleIn[]) => value(await c.dispatch('rules.save', { rules }));
const labelsOf = (c: C, id: number) =>
  JSON.parse(c.db.prepare('SELECT labels FROM items WHERE id = ?').pluck().get(id) as string) as string[];
const labelled = (c: C, label: string) =>
  c.db.prepare('SELECT item_id FROM item_labels WHERE label = ? ORDER BY item_id').pluck().all(label);

describe("a routing rule's labels", () => {
  it('label the item as it is stored, in the label index too', async () => {
    const c = core();
    await save(c, [refunds(['billing', 'refund'])]);
    await importRecords(c, [account('a'), item('p1', { author: 'a', text: 'refund please' }), item('p2', { author: 'a', text: 'hello' })]);
    const [p1, p2] = [itemId(c.db, 'p1'), itemId(c.db, 'p2')];
    expect(labelsOf(c, p1)).toEqual(['billing', 'refund']);
    expect(labelsOf(c, p2)).toEqual([]);
    expect(labelled(c, 'billing')).toEqual([p1]);
  });

  it('can be removed by a moderator, and a decision keeps them', async () => {
    const c = core();
    await save(c, [refunds(['billing', 'refund'])]);
    await importRecords(c, [account('a'), item('p1', { author: 'a', text: 'refund please' })]);
    const p1 = itemId(c.db, 'p1');
    labelItems(c.db, actor('bo'), { itemIds: [p1], add: ['vip'], remove: ['refund'] });
    expect(labelsOf(c, p1)).toEqual(['billing', 'vip']);
    value(await c.dispatch('decision.apply', { itemIds: [p1], action: 'approve' }));
    expect(labelsOf(c, p1)).toEqual(['billing', 'vip']);
    expect(labelled(c, 'refund')).toEqual([]);
  });

  it('follow the rules when they change, keeping what people added', async () => {
    const c = core();
    await save(c, [refunds(['billing'])]);
    await importRecords(c, [account('a'), item('p1', { author: 'a', text: 'refund please' })]);
    const p1 = itemId(c.db, 'p1');
    labelItems(c.db, actor('bo'), { itemIds: [p1], add: ['vip'], remove: [] });
    await save(c, [refunds(['refunds-eu'])]);
    expect(labelsOf(c, p1)).toEqual(['refunds-eu', 'vip']);
    expect(labelled(c, 'billing')).toEqual([]);
    expect(labelled(c, 'refunds-eu')).toEqual([p1]);
  });
});

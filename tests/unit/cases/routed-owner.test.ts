// A routing rule's assignee or team owns the case its message opens, until a person takes it:
// anyone may take it from there or answer it (and so own it); handing it back to the team is
// a bounce like any return to an earlier owner; changed rules move cases nobody has taken.
import { describe, expect, it } from 'vitest';
import { handOverCase, takeCase } from '../../../src/core/cases/commands';
import { foldCase } from '../../../src/core/cases/fold';
import { caseView } from '../../../src/core/cases/view';
import type { FoldEvent } from '../../../src/core/decisions/fold';
import type { RuleIn } from '../../../src/shared/rules';
import { importRecords, testCore, value, type TestCore } from '../core-helpers';
import { account, actor, item, itemId } from '../helpers';

const NOW = Date.UTC(2025, 0, 6, 12);

type C = TestCore;
const core = () => testCore(NOW);

const rule = (team: string | undefined, assignee?: string): RuleIn => ({
  name: 'Refunds',
  conditions: [{ field: 'keywords', op: 'any', value: ['refund'] }],
  actions: { queue: 'billing', ...(team ? { team } : {}), ...(assignee ? { assignee } : {}) },
});

const save = async (c: C, rules: RuleIn[]) => value(await c.dispatch('rules.save', { rules }));
const at = new Date(NOW - 3_600_000).toISOString();

describe('a case routed to a team or a person', () => {
  it("waits with the rule's team; a moderator takes it from there; handing it back is a bounce", async () => {
    const c = core();
    await save(c, [rule('billing-team')]);
    await importRecords(c, [
      account('noor'),
      item('r1', { author: 'noor', createdAt: at, text: 'I want a refund' }),
      account('sam'),
      item('q1', { author: 'sam', createdAt: at, text: 'hello' }),
    ]);
    const r1 = itemId(c.db, 'r1');
    let view = caseView(c.db, r1);
    expect([view.owner, view.ownerRouted]).toEqual(['billing-team', true]);
    // A message no rule matched opens a case nobody owns.
    expect(caseView(c.db, itemId(c.db, 'q1')).owner).toBeNull();

    takeCase(c.db, actor('ana'), r1);
    view = caseView(c.db, r1);
    expect([view.owner, view.ownerRouted, view.handovers]).toEqual(['ana', false, 0]);
    // Now a person owns it: someone else must ask for it.
    expect(() => takeCase(c.db, actor('bo'), r1)).toThrow(/ana owns this case/);

    handOverCase(c.db, actor('ana'), r1, 'billing-team', 'not mine after all');
    view = caseView(c.db, r1);
    expect(view.owners).toEqual(['billing-team', 'ana', 'billing-team']);
    expect(view.bounced).toBe(true);
  });

  it('answering a routed case makes the one who answered its owner', async () => {
    const c = core();
    await save(c, [rule(undefined, 'bo')]);
    await importRecords(c, [account('noor'), item('r1', { author: 'noor', createdAt: at, text: 'refund please' })]);
    const r1 = itemId(c.db, 'r1');
    expect(caseView(c.db, r1).owner).toBe('bo');
    value(await c.dispatch('decision.apply', { itemIds: [r1], action: 'reply', note: 'Hi Noor, the refund is on its way.' }));
    const view = caseView(c.db, r1);
    expect([view.owner, view.ownerRouted]).toEqual(['ana', false]);
  });

  it('follows changed rules while nobody has taken it, and stays with the person who did', async () => {
    const c = core();
    await save(c, [rule('billing-team')]);
    await importRecords(c, [
      account('noor'),
      item('r1', { author: 'noor', createdAt: at, text: 'refund please' }),
      account('sam'),
      item('r2', { author: 'sam', createdAt: at, text: 'refund for order 12' }),
    ]);
    const [r1, r2] = [itemId(c.db, 'r1'), itemId(c.db, 'r2')];
    takeCase(c.db, actor('ana'), r2);
    await save(c, [rule('refunds-eu')]);
    expect(caseView(c.db, r1).owner).toBe('refunds-eu');
    expect(caseView(c.db, r2).owner).toBe('ana');
    await save(c, []);
    expect(caseView(c.db, r1).owner).toBeNull();
  });
});

describe('the case fold with a routed owner', () => {
  const ev = (action: FoldEvent['action'], by: string, payload: Record<string, unknown> | null = null): FoldEvent => ({
    id: `${action}-${by}-${Math.random()}`,
    action,
    actor: by,
    createdAt: 1,
    labels: [],
    payload,
    undoOf: null,
  });

  it("starts with the rule's choice, which the first take replaces; a later take by another is ignored", () => {
    expect(foldCase([], 'team-a')).toMatchObject({ owner: 'team-a', ownerRouted: true, owners: ['team-a'] });
    expect(foldCase([ev('case-take', 'ana'), ev('case-take', 'bo')], 'team-a')).toMatchObject({
      owner: 'ana',
      ownerRouted: false,
      handovers: 0,
    });
    expect(foldCase([ev('case-handover', 'ana', { to: 'bo' })], 'team-a')).toMatchObject({ owner: 'bo', ownerRouted: false, handovers: 1 });
  });
});

// The team's rules, walked for every action and every role: what each role may do with nobody
// holding the item and nobody owning its case, then each rule that depends on who holds, who
// owns, who wrote the event being undone, and what became of it. Expectations are written out
// here, not read from the table, so a change of rule has to change this test too.
import { describe, expect, it } from 'vitest';
import { EVENT_RULES, refusal, type LoggedEvent, type RuleContext } from '../../src/shared/event-rules';
import { EVENT_ACTIONS } from '../../src/shared/model';
import { ROLES, type Role } from '../../src/shared/sync';

const NOW = Date.UTC(2026, 11, 7, 12);
const ITEM = { platform: 'x', externalId: 'm1' };

/** A well-formed event of each action, as a workstation makes it. */
function eventOf(action: string): Parameters<typeof refusal>[0] {
  const payload: Record<string, Record<string, unknown>> = {
    handover: { to: 'bo', until: NOW + 60_000 },
    claim: { until: NOW + 60_000 },
    link: { platform: 'x', externalId: 'm0' },
    'case-handover': { to: 'bo' },
    'case-resolve': { outcome: 'answered' },
    classify: { type: 'question' },
    'qa-pick': { of: 'd1', draw: 'draw-1', blind: true },
    'qa-review': { of: 'd1', answer: 'remove', blind: true },
  };
  return { action, ...ITEM, ...(payload[action] ? { payload: payload[action] } : {}), ...(action === 'undo' ? { undoOf: 'e1' } : {}) };
}

const ownTarget = (by: string, more: Partial<LoggedEvent> = {}): LoggedEvent => ({
  id: 'e1',
  action: 'approve',
  status: 'accepted',
  ...ITEM,
  by,
  undoneBy: null,
  resolution: false,
  ...more,
});

function context(role: Role, more: Partial<RuleContext> = {}): RuleContext {
  return {
    by: { name: 'ana', role },
    now: NOW,
    lease: null,
    target: ownTarget('ana'),
    caseOwner: null,
    assignee: () => 'person',
    reviewed: ownTarget('bo', { id: 'd1' }),
    ...more,
  };
}

/** What each role may do when nobody holds the item or owns its case, and the undo targets the actor's own approve. */
const BASELINE: Record<Role, 'all' | 'none'> = { moderator: 'all', supervisor: 'all', admin: 'all', connector: 'none' };

describe('event rules: every action × role', () => {
  it('has a rule for every action, and nothing else', () => {
    expect(Object.keys(EVENT_RULES).sort()).toEqual([...EVENT_ACTIONS].sort());
    for (const action of EVENT_ACTIONS) expect(EVENT_RULES[action].rule.length).toBeGreaterThan(20);
  });

  for (const role of ROLES) {
    for (const action of EVENT_ACTIONS) {
      it(`${role} · ${action}`, () => {
        const no = refusal(eventOf(action), context(role));
        // Picking decisions for review is an overseer's.
        if (action === 'qa-pick' && role === 'moderator') expect(no).toBe('a moderator does not qa-pick items');
        else if (BASELINE[role] === 'all') expect(no).toBeNull();
        else expect(no).toBe(`a ${role} does not ${action} items`);
      });
    }
  }

  it('refuses what is not an action, an undo field on anything but an undo, and a resolution that is not a decision', () => {
    expect(refusal({ ...ITEM, action: 'delete-everything' }, context('admin'))).toMatch(/not an action/);
    expect(refusal({ ...ITEM, action: 'approve', undoOf: 'e1' }, context('moderator'))).toBe('only an undo names an event to undo');
    expect(refusal({ ...ITEM, action: 'label', payload: { resolves: ['c1'] } }, context('supervisor'))).toBe(
      'only a decision resolves conflicts',
    );
    expect(refusal({ ...ITEM, action: 'approve', payload: { resolves: [] } }, context('supervisor'))).toMatch(
      /names the conflicting events/,
    );
  });
});

describe('event rules that depend on the item', () => {
  const held = { holder: 'bo', until: NOW + 60_000 };
  const lapsed = { holder: 'bo', until: NOW - 1 };

  it('claims: nobody claims what another holds under a live lease', () => {
    expect(refusal(eventOf('claim'), context('moderator', { lease: held }))).toBe('bo holds this item until 12:01 UTC');
    expect(refusal(eventOf('claim'), context('supervisor', { lease: held }))).toMatch(/bo holds/);
    expect(refusal(eventOf('claim'), context('moderator', { lease: lapsed }))).toBeNull();
    expect(refusal(eventOf('claim'), context('moderator', { lease: { holder: 'ana', until: NOW + 1 } }))).toBeNull();
    expect(refusal({ ...eventOf('claim'), payload: { until: 'soon' } }, context('moderator'))).toMatch(/time/);
    expect(refusal({ ...eventOf('claim'), payload: { until: NOW + 1e9 } }, context('moderator'))).toBe('a lease ends within 60 minutes');
    expect(refusal({ ...eventOf('handover'), payload: { to: 'bo', until: NOW + 1e9 } }, context('moderator'))).toBe(
      'a lease ends within 60 minutes',
    );
    // A claim made before leases had an end holds until released.
    expect(refusal(eventOf('claim'), context('moderator', { lease: { holder: 'bo', until: Infinity } }))).toBe(
      'bo holds this item until further notice',
    );
  });

  it('release and hand-over: the holder, anyone while nobody holds, a supervisor always', () => {
    for (const action of ['release', 'handover']) {
      expect(refusal(eventOf(action), context('moderator', { lease: held }))).toMatch(/bo holds this item: only they \(or a supervisor\)/);
      expect(refusal(eventOf(action), context('supervisor', { lease: held }))).toBeNull();
      expect(refusal(eventOf(action), context('moderator', { lease: lapsed }))).toBeNull();
      expect(refusal(eventOf(action), context('moderator', { lease: { holder: 'ana', until: NOW + 1 } }))).toBeNull();
    }
  });

  it('hand-overs go to an active person, not to oneself', () => {
    expect(refusal({ ...eventOf('handover'), payload: { to: 'ana' } }, context('moderator'))).toBe('hand over to someone else');
    expect(refusal({ ...eventOf('handover'), payload: {} }, context('moderator'))).toMatch(/names the person/);
    expect(refusal(eventOf('handover'), context('moderator', { assignee: () => 'unknown' }))).toBe('there is no user called bo');
    expect(refusal(eventOf('case-handover'), context('moderator', { assignee: () => 'not-a-person' }))).toMatch(/cannot take work/);
  });

  it('cases: only the owner (or anyone while unowned, or a supervisor) hands over and resolves; anyone takes and reopens', () => {
    for (const action of ['case-handover', 'case-resolve']) {
      expect(refusal(eventOf(action), context('moderator', { caseOwner: 'bo' }))).toMatch(/^bo owns this case/);
      expect(refusal(eventOf(action), context('moderator', { caseOwner: 'ana' }))).toBeNull();
      expect(refusal(eventOf(action), context('supervisor', { caseOwner: 'bo' }))).toBeNull();
    }
    expect(refusal(eventOf('case-take'), context('moderator', { caseOwner: 'bo' }))).toBeNull();
    expect(refusal(eventOf('case-reopen'), context('moderator', { caseOwner: 'bo' }))).toBeNull();
    expect(refusal({ ...eventOf('case-resolve'), payload: {} }, context('moderator'))).toBe('a resolution names its outcome');
  });

  it('undo: one accepted, not yet undone event of the same item; one’s own, or anyone’s by a supervisor', () => {
    const undo = eventOf('undo');
    expect(refusal(undo, context('moderator', { target: ownTarget('bo') }))).toBe('only bo (or a supervisor) undoes bo’s approve');
    expect(refusal(undo, context('supervisor', { target: ownTarget('bo') }))).toBeNull();
    expect(refusal(undo, context('moderator', { target: null }))).toMatch(/does not have/);
    expect(refusal(undo, context('moderator', { target: ownTarget('ana', { externalId: 'm9' }) }))).toMatch(/another item/);
    expect(refusal(undo, context('moderator', { target: ownTarget('ana', { status: 'rejected' }) }))).toMatch(/refused/);
    expect(refusal(undo, context('supervisor', { target: ownTarget('ana', { status: 'conflict' }) }))).toMatch(
      /supervisor settles a conflict by resolving/,
    );
    expect(refusal(undo, context('moderator', { target: ownTarget('ana', { undoneBy: 'u1' }) }))).toBe('that event was already undone');
    expect(refusal(undo, context('moderator', { target: ownTarget('ana', { status: 'pending' }) }))).toBeNull();
    expect(refusal({ ...undo, undoOf: null }, context('moderator'))).toMatch(/names the event/);
  });

  it('undo: an undo, a claim, a release and a hand-over are not undone; a resolution only by a supervisor', () => {
    const undo = eventOf('undo');
    expect(refusal(undo, context('supervisor', { target: ownTarget('ana', { action: 'undo' }) }))).toMatch(/cannot itself be undone/);
    expect(refusal(undo, context('supervisor', { target: ownTarget('ana', { action: 'claim' }) }))).toMatch(/release the item instead/);
    expect(refusal(undo, context('moderator', { target: ownTarget('ana', { action: 'release' }) }))).toMatch(/claim the item again/);
    expect(refusal(undo, context('moderator', { target: ownTarget('ana', { action: 'handover' }) }))).toMatch(/hands it on/);
    const resolution = ownTarget('sam', { action: 'remove', resolution: true });
    expect(refusal(undo, context('moderator', { target: { ...resolution, by: 'ana' } }))).toMatch(
      /only a supervisor undoes a conflict resolution/,
    );
    expect(refusal(undo, context('supervisor', { target: resolution }))).toBeNull();
  });

  it('a resolution is a supervisor’s, and says why', () => {
    const resolve = { ...ITEM, action: 'spam', payload: { resolves: ['c1', 'c2'] }, reason: 'the links are a known scam' };
    expect(refusal(resolve, context('moderator'))).toBe('only a supervisor resolves a conflict; ana is a moderator');
    expect(refusal(resolve, context('supervisor'))).toBeNull();
    expect(refusal(resolve, context('admin'))).toBeNull();
    for (const reason of [undefined, null, '', '  ', ' ok ']) {
      expect(refusal({ ...resolve, reason }, context('supervisor'))).toBe(
        'a conflict resolution says why (a reason of 3 characters or more)',
      );
    }
  });

  it('quality review: never one’s own decision; only an accepted decision in force on this item; an answer that is a decision', () => {
    const review = eventOf('qa-review');
    const on = (more: Partial<LoggedEvent>) => context('moderator', { reviewed: ownTarget('bo', { id: 'd1', ...more }) });
    expect(refusal(review, on({}))).toBeNull();
    expect(refusal(review, on({ by: 'ana' }))).toBe('nobody reviews their own decision');
    // A supervisor may not review their own decision either.
    expect(refusal(review, context('supervisor', { reviewed: ownTarget('ana', { id: 'd1' }) }))).toBe('nobody reviews their own decision');
    expect(refusal(review, context('moderator', { reviewed: null }))).toBe('a review is about a decision the log does not have');
    expect(refusal(review, on({ action: 'note' }))).toBe('a review is about a decision, and d1 is a note');
    expect(refusal(review, on({ externalId: 'other' }))).toBe('a review is about a decision on another item');
    expect(refusal(review, on({ status: 'conflict' }))).toBe('a review is about a decision the server did not accept');
    expect(refusal(review, on({ status: 'rejected' }))).toBe('a review is about a decision the server did not accept');
    expect(refusal(review, on({ undoneBy: 'u9' }))).toBe('that decision was undone: there is nothing to review');
    expect(refusal({ ...review, payload: { blind: true } }, on({}))).toBe('a review names the decision it is about');
    for (const answer of ['maybe', 'toString', 'reopen', 3, null])
      expect(refusal({ ...review, payload: { of: 'd1', answer, blind: true } }, on({}))).toMatch(/answers with a decision/);
    expect(refusal({ ...review, payload: { of: 'd1', answer: 'approve' } }, on({}))).toBe('a review says whether it was made blind');
    const scored = (scores: unknown) => refusal({ ...review, payload: { of: 'd1', answer: 'approve', blind: false, scores } }, on({}));
    expect(scored({ tone: 1, policy: 0.5 })).toBeNull();
    expect(scored({ tone: 2 })).toBe('the score of tone is a number from 0 to 1');
    expect(scored(['tone'])).toBe('a scorecard is a set of criteria and scores');
    expect(scored(Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`c${i}`, 1])))).toBe('a scorecard has at most 30 criteria');
  });

  it('quality review: a pick is an overseer’s, names its draw and whether the review is blind', () => {
    const pick = eventOf('qa-pick');
    expect(refusal(pick, context('supervisor'))).toBeNull();
    // A supervisor may pick their own decision: someone else reviews it.
    expect(refusal(pick, context('supervisor', { reviewed: ownTarget('ana', { id: 'd1' }) }))).toBeNull();
    expect(refusal({ ...pick, payload: { of: 'd1', blind: true } }, context('supervisor'))).toBe(
      'a pick names the sample draw it belongs to',
    );
    expect(refusal({ ...pick, payload: { of: 'd1', draw: 'draw-1' } }, context('supervisor'))).toBe(
      'a pick says whether its review is blind',
    );
    expect(EVENT_RULES['qa-pick'].undo).toBe('overseer');
  });
});

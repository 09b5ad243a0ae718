// Quality review on one workstation, through dispatch on a real database: a supervisor draws a
// stratified sample, reviewers see only decisions they did not make, blind ones without the
// decision, a disagreement stays open until two thirds agree, and agreement is worked out from
// what was answered.
import { describe, expect, it } from 'vitest';
import type { DecisionOutcome, DrawReport, QaTask, AgreementReport } from '../../../src/shared/model';
import { setConnection } from '../../../src/core/sync/state';
import { importRecords, testCore, value, type TestCore } from '../core-helpers';
import { item, itemId } from '../helpers';

const NOW = Date.UTC(2026, 11, 7, 12);

function as(c: TestCore, user: string, role: 'moderator' | 'supervisor' | null): Promise<unknown> {
  setConnection(
    c.db,
    role ? ({ url: 'http://127.0.0.1:9', user, role, expiresAt: NOW + 3_600_000 } as Parameters<typeof setConnection>[1]) : null,
  );
  return c.dispatch('settings.set', { actor: user });
}

async function decide(c: TestCore, ids: string[], action: 'approve' | 'remove'): Promise<string[]> {
  const r = value<{ outcomes: DecisionOutcome[] }>(
    await c.dispatch('decision.apply', { itemIds: ids.map((x) => itemId(c.db, x)), action }),
  );
  return r.outcomes.map((o) => o.eventId);
}

/** ana decided m0–m5 (approve), bo m6–m11 (remove). */
async function team(): Promise<{ c: TestCore; anas: string[]; bos: string[] }> {
  const c = testCore(NOW);
  await importRecords(
    c,
    Array.from({ length: 12 }, (_, i) => item(`m${i}`, { text: `message number ${i} about the order` })),
  );
  await as(c, 'ana', 'moderator');
  const anas = await decide(c, ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'], 'approve');
  await as(c, 'bo', 'moderator');
  const bos = await decide(c, ['m6', 'm7', 'm8', 'm9', 'm10', 'm11'], 'remove');
  return { c, anas, bos };
}

const tasks = async (c: TestCore) => value<{ tasks: QaTask[] }>(await c.dispatch('qa.queue', {})).tasks;

describe('drawing a sample', () => {
  it('is a supervisor’s: a moderator is refused, with what to do', async () => {
    const { c } = await team();
    const r = await c.dispatch('qa.draw', { from: 0, to: NOW + 1, size: 4 });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'action_refused', message: expect.stringMatching(/Only a supervisor draws samples/) },
    });
  });

  it('stratified by moderator with equal allocation: as many of each, recorded as picks with the recipe', async () => {
    const { c, anas, bos } = await team();
    await as(c, 'sam', 'supervisor');
    const d = value<DrawReport>(
      await c.dispatch('qa.draw', { from: 0, to: NOW + 1, size: 4, by: ['moderator'], allocation: 'equal', seed: 7 }),
    );
    expect(d.population).toBe(12);
    expect(d.strata).toEqual([
      { stratum: 'ana', population: 6, picked: 2 },
      { stratum: 'bo', population: 6, picked: 2 },
    ]);
    const picks = c.db.prepare('SELECT decision_event, draw, blind FROM qa_picks ORDER BY decision_event').all() as {
      decision_event: string;
      draw: string;
    }[];
    expect(picks).toHaveLength(4);
    expect(picks.filter((p) => anas.includes(p.decision_event))).toHaveLength(2);
    expect(picks.filter((p) => bos.includes(p.decision_event))).toHaveLength(2);
    expect(new Set(picks.map((p) => p.draw))).toEqual(new Set([d.draw]));
    // The recipe travels with every pick: the draw can be made again from the record.
    const payload = JSON.parse(
      (c.db.prepare("SELECT payload FROM events WHERE action = 'qa-pick' LIMIT 1").get() as { payload: string }).payload,
    ) as { recipe: unknown };
    expect(payload.recipe).toEqual({ seed: 7, from: 0, to: NOW + 1, queue: null, by: ['moderator'], allocation: 'equal', size: 4 });
    // A second draw does not pick the same decisions again: the four count, but only eight are left to pick.
    const again = value<DrawReport>(await c.dispatch('qa.draw', { from: 0, to: NOW + 1, size: 100, seed: 7 }));
    expect(again.population).toBe(12);
    expect(again.picked).toBe(8);
    expect(c.db.prepare('SELECT count(DISTINCT decision_event) FROM qa_picks').pluck().get()).toBe(12);
  });

  it('an empty period says so', async () => {
    const { c } = await team();
    await as(c, 'sam', 'supervisor');
    const r = await c.dispatch('qa.draw', { from: 0, to: 1000, size: 5 });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await c.dispatch('qa.draw', { from: 5, to: 5, size: 5 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });
});

describe('reviewing', () => {
  async function drawn() {
    const t = await team();
    await as(t.c, 'sam', 'supervisor');
    value(await t.c.dispatch('qa.draw', { from: 0, to: NOW + 1, size: 12, seed: 1 }));
    return t;
  }

  it('a reviewer’s queue holds the picks they did not decide; blind ones hide the decision and who made it', async () => {
    const { c, bos } = await drawn();
    await as(c, 'ana', 'moderator');
    const mine = await tasks(c);
    expect(mine.map((t) => t.of).sort()).toEqual([...bos].sort());
    for (const t of mine) expect(t.decision).toBeNull();
    expect(mine.every((t) => t.blind)).toBe(true);
  });

  it('nobody reviews their own decision, and the refusal says so', async () => {
    const { c, anas } = await drawn();
    await as(c, 'ana', 'moderator');
    const r = await c.dispatch('qa.review', { itemId: itemId(c.db, 'm0'), of: anas[0]!, answer: 'remove', blind: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'action_refused', message: 'Nobody reviews their own decision.' } });
  });

  it('a review that agrees settles the pick; one that disagrees keeps it open until two thirds agree', async () => {
    const { c, bos } = await drawn();
    await as(c, 'ana', 'moderator');
    // Agrees with bo on m6: 2 of 2 — settled, gone from everyone's queue.
    value(await c.dispatch('qa.review', { itemId: itemId(c.db, 'm6'), of: bos[0]!, answer: 'remove', blind: true }));
    // Disagrees on m7: 1 of 2 — open.
    value(await c.dispatch('qa.review', { itemId: itemId(c.db, 'm7'), of: bos[1]!, answer: 'approve', blind: true }));
    expect((await tasks(c)).map((t) => t.of)).not.toContain(bos[1]);
    await as(c, 'cleo', 'moderator');
    const cleo = (await tasks(c)).map((t) => t.of);
    expect(cleo).not.toContain(bos[0]);
    expect(cleo).toContain(bos[1]);
    // cleo sides with ana: approve is 2 of 3 — the reference answer; settled.
    value(await c.dispatch('qa.review', { itemId: itemId(c.db, 'm7'), of: bos[1]!, answer: 'approve', blind: true }));
    await as(c, 'dev', 'moderator');
    expect((await tasks(c)).map((t) => t.of)).not.toContain(bos[1]);
  });

  it('a reviewer’s latest answer counts, and an undone review no longer does', async () => {
    const { c, bos } = await drawn();
    await as(c, 'ana', 'moderator');
    const m8 = itemId(c.db, 'm8');
    value(await c.dispatch('qa.review', { itemId: m8, of: bos[2]!, answer: 'approve', blind: true }));
    const second = value<{ outcomes: DecisionOutcome[] }>(
      await c.dispatch('qa.review', { itemId: m8, of: bos[2]!, answer: 'remove', blind: true }),
    );
    expect(c.db.prepare('SELECT reviewer, answer FROM qa_reviews WHERE decision_event = ?').all(bos[2])).toEqual([
      { reviewer: 'ana', answer: 'remove' },
    ]);
    value(await c.dispatch('decision.undo', { eventIds: [second.outcomes[0]!.eventId] }));
    expect(c.db.prepare('SELECT reviewer, answer FROM qa_reviews WHERE decision_event = ?').all(bos[2])).toEqual([
      { reviewer: 'ana', answer: 'approve' },
    ]);
  });

  it('refuses a review naming a decision on another item, or one that is not a decision', async () => {
    const { c, bos } = await drawn();
    await as(c, 'ana', 'moderator');
    const wrongItem = await c.dispatch('qa.review', { itemId: itemId(c.db, 'm0'), of: bos[0]!, answer: 'remove', blind: true });
    expect(wrongItem).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    const pickId = (c.db.prepare("SELECT id FROM events WHERE action = 'qa-pick' LIMIT 1").get() as { id: string }).id;
    const pickItem = (c.db.prepare('SELECT item_id FROM events WHERE id = ?').get(pickId) as { item_id: number }).item_id;
    const notDecision = await c.dispatch('qa.review', { itemId: pickItem, of: pickId, answer: 'remove', blind: true });
    expect(notDecision).toMatchObject({ ok: false, error: { code: 'action_refused', message: expect.stringMatching(/is a qa-pick/) } });
  });
});

describe('agreement', () => {
  it('κ per pair and α for the team from the decisions and their reviews; a moderator sees only their own pairs', async () => {
    const { c, anas, bos } = await team();
    await as(c, 'sam', 'supervisor');
    value(await c.dispatch('qa.draw', { from: 0, to: NOW + 1, size: 12, seed: 1 }));
    // cleo reviews all twelve: agrees with ana on all six, with bo on three of six.
    await as(c, 'cleo', 'moderator');
    for (const [i, of] of anas.entries())
      value(await c.dispatch('qa.review', { itemId: itemId(c.db, `m${i}`), of, answer: 'approve', blind: true }));
    for (const [i, of] of bos.entries())
      value(await c.dispatch('qa.review', { itemId: itemId(c.db, `m${i + 6}`), of, answer: i < 3 ? 'remove' : 'approve', blind: true }));
    await as(c, 'sam', 'supervisor');
    const r = value<AgreementReport>(await c.dispatch('qa.agreement', {}));
    expect(r.units).toBe(12);
    const pair = (a: string, b: string) => r.pairs.find((p) => p.a === a && p.b === b)!;
    // ana–cleo: all approve: no variation, κ undefined (not 1); raw agreement 100 %.
    expect(pair('ana', 'cleo').kappa).toMatchObject({ value: null, percent: 1, units: 6, few: true });
    // bo–cleo: bo always removes, so κ is 0 however often cleo agrees (50 %): chance explains it all.
    expect(pair('bo', 'cleo').kappa.value).toBeCloseTo(0, 10);
    expect(pair('bo', 'cleo').kappa.percent).toBeCloseTo(0.5, 10);
    // The team: 12 units of two answers, 9 agreeing.
    expect(r.team.units).toBe(12);
    expect(r.team.percent).toBeCloseTo(9 / 12, 10);
    expect(r.team.value!).toBeGreaterThan(0.4);
    expect(r.team.few).toBe(true);
    await as(c, 'bo', 'moderator');
    const own = value<AgreementReport>(await c.dispatch('qa.agreement', {}));
    expect(own.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['bo-cleo']);
  });

  it('a reviewed decision undone afterwards leaves the figures, and the review stays on record', async () => {
    const { c, bos } = await team();
    await as(c, 'ana', 'moderator');
    value(await c.dispatch('qa.review', { itemId: itemId(c.db, 'm6'), of: bos[0]!, answer: 'approve', blind: false }));
    value(await c.dispatch('qa.review', { itemId: itemId(c.db, 'm7'), of: bos[1]!, answer: 'remove', blind: false }));
    expect(value<AgreementReport>(await c.dispatch('qa.agreement', {})).units).toBe(2);
    await as(c, 'bo', 'moderator');
    value(await c.dispatch('decision.undo', { eventIds: [bos[0]!] }));
    expect(c.db.prepare('SELECT decision_event, in_force FROM qa_reviews ORDER BY at, decision_event').all()).toEqual(
      expect.arrayContaining([
        { decision_event: bos[0], in_force: 0 },
        { decision_event: bos[1], in_force: 1 },
      ]),
    );
    expect(value<AgreementReport>(await c.dispatch('qa.agreement', {})).units).toBe(1);
  });
});

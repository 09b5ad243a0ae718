// "How did we answer this before?": resolved cases like the item's, near-duplicates first
// (through the LSH bands), then shared distinctive words (bm25 over resolved messages), with
// the replies the team sent; open cases and the item's own case never.
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { reopenCase, resolveCase } from '../../../src/core/cases/commands';
import { similarCases } from '../../../src/core/cases/similar/find';
import { distinctiveWords, tokensOf } from '../../../src/core/cases/similar/words';
import { applyDecision, undoEvents } from '../../../src/core/decisions/decide';
import { rescore } from '../../../src/core/detection/scores/rescore';
import { DEFAULT_THRESHOLDS } from '../../../src/shared/model';
import { account, actor, importText, item, itemId, memoryDb, ndjson } from '../helpers';

const DAY = 86_400_000;
const at = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * DAY).toISOString();
const BATTERY = 'My Kestrel e-bike battery dies after ten minutes of riding, what can I do about it?';

async function world(): Promise<{ db: Database; id: (x: string) => number; who: ReturnType<typeof actor> }> {
  const db = memoryDb();
  await importText(
    db,
    'items.ndjson',
    ndjson([
      ...['noor', 'sam', 'lena', 'ben', 'uma', 'zed'].map((a) => account(a)),
      // Answered before: the same complaint, worded almost the same.
      item('old-near', {
        author: 'noor',
        createdAt: at(0),
        text: 'My Kestrel e-bike battery dies after ten minutes of riding, what can I do about this?',
      }),
      // Answered before: shares the rare words, not the wording.
      item('old-words', { author: 'sam', createdAt: at(1), text: 'Is the Kestrel battery covered by the warranty?' }),
      // The same complaint, still open: not an answer yet.
      item('open-near', { author: 'lena', createdAt: at(2), text: BATTERY }),
      // Unrelated and answered.
      item('old-other', { author: 'uma', createdAt: at(3), text: 'Do you ship the Fjord rain jacket to Canada?' }),
      // Ben asks twice in one case, which gets resolved: his own case is never suggested to him.
      item('ben-1', { author: 'ben', createdAt: at(20), text: BATTERY }),
      item('ben-2', { author: 'ben', createdAt: at(21), text: `${BATTERY} Please help` }),
      // A new customer with the same problem.
      item('new', { author: 'zed', createdAt: at(30), text: BATTERY }),
    ]),
  );
  rescore(db, Date.UTC(2025, 1, 1), { thresholds: DEFAULT_THRESHOLDS });
  const who = actor('ana');
  const id = (x: string) => itemId(db, x);
  applyDecision(db, who, {
    itemIds: [id('old-near')],
    action: 'reply',
    note: 'Hold the power button for ten seconds to reset the battery controller.',
  });
  resolveCase(db, who, id('old-near'), 'fixed', undefined);
  applyDecision(db, who, { itemIds: [id('old-words')], action: 'reply', note: 'Batteries are covered for two years.' });
  resolveCase(db, who, id('old-words'), 'answered', undefined);
  applyDecision(db, who, { itemIds: [id('old-other')], action: 'reply', note: 'Yes, we ship to Canada.' });
  resolveCase(db, who, id('old-other'), 'answered', undefined);
  return { db, id, who };
}

describe('similar resolved cases', () => {
  it('puts the near-duplicate first, then cases sharing distinctive words, each with outcome and replies', async () => {
    const { db, id } = await world();
    const found = similarCases(db, id('new'));
    expect(found.map((c) => [c.rootItemId, c.match, c.outcome])).toEqual([
      [id('old-near'), 'near-duplicate', 'fixed'],
      [id('old-words'), 'words', 'answered'],
    ]);
    expect(found[0]!.score).toBeGreaterThan(0.5);
    expect(found[0]!.firstMessage.text).toMatch(/^My Kestrel e-bike battery/);
    expect(found[0]!.replies).toEqual([
      {
        itemId: id('old-near'),
        actor: 'ana',
        at: expect.any(Number),
        text: 'Hold the power button for ten seconds to reset the battery controller.',
      },
    ]);
    expect(found[1]!.replies.map((r) => r.text)).toEqual(['Batteries are covered for two years.']);
  });

  it('ranks the exact wording above a near-duplicate', async () => {
    const { db, id, who } = await world();
    resolveCase(db, who, id('open-near'), 'answered', undefined);
    const found = similarCases(db, id('new'));
    expect(found.slice(0, 2).map((c) => [c.rootItemId, c.match])).toEqual([
      [id('open-near'), 'exact'],
      [id('old-near'), 'near-duplicate'],
    ]);
  });

  it('offers resolved cases only: an open one appears when resolved and goes when reopened', async () => {
    const { db, id, who } = await world();
    const roots = () => similarCases(db, id('new')).map((c) => c.rootItemId);
    expect(roots()).not.toContain(id('open-near'));
    resolveCase(db, who, id('open-near'), 'answered', undefined);
    expect(roots()).toContain(id('open-near'));
    reopenCase(db, who, id('open-near'), 'customer wrote again');
    expect(roots()).not.toContain(id('open-near'));
    // The index of answered messages followed: the reopened case's words are gone from it.
    const inIndex = db.prepare("SELECT count(*) FROM resolved_fts WHERE resolved_fts MATCH 'kestrel'").pluck().get();
    expect(inIndex).toBe(2);
  });

  it("never offers the item's own case, resolved or not", async () => {
    const { db, id, who } = await world();
    resolveCase(db, who, id('ben-1'), 'answered', undefined);
    expect(similarCases(db, id('new'))[0]).toMatchObject({ rootItemId: id('ben-1'), match: 'exact' });
    const found = similarCases(db, id('ben-2'));
    expect(found.map((c) => c.rootItemId)).not.toContain(id('ben-1'));
    expect(found[0]!.rootItemId).toBe(id('old-near'));
  });

  it('leaves out an undone reply', async () => {
    const { db, id, who } = await world();
    const [extra] = applyDecision(db, who, { itemIds: [id('old-near')], action: 'reply', note: 'Sorry, wrong customer.' });
    expect(similarCases(db, id('new'))[0]!.replies).toHaveLength(2);
    undoEvents(db, who, [extra!.eventId]);
    expect(similarCases(db, id('new'))[0]!.replies.map((r) => r.text)).toEqual([
      'Hold the power button for ten seconds to reset the battery controller.',
    ]);
  });

  it('matches words on what is distinctive: common words alone find nothing', async () => {
    const { db, id } = await world();
    // It shares only 'the' and 'you' with the other answers.
    expect(similarCases(db, id('old-other'))).toEqual([]);
    expect(tokensOf('Is the Café @ana https://x.co/a open at 9? ÉTÉ')).toEqual(['cafe', 'open', 'ete']);
    // The rarest words first.
    expect(distinctiveWords(db, 'warranty kestrel battery').map((w) => w.word)).toEqual(['warranty', 'battery', 'kestrel']);
  });
});

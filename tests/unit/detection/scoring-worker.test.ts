// The scoring pass in its worker thread: while 20,000 imported items are scored there, the
// thread that answers the app keeps answering the queue and recording decisions (each on disk
// before it is acknowledged), and the scores come out as the pass on the main thread gives them.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ScoringRunner } from '../../../src/core/detection/scoring/runner';
import { rescore } from '../../../src/core/detection/scores/rescore';
import { DEFAULT_THRESHOLDS } from '../../../src/shared/model';
import { openCore, type Core } from '../../../src/core/handlers';
import { ItemScorer } from '../../../src/core/detection/scores/item-scores';
import { generateWorkload } from '../../../src/core/seed/generate';
import { upsertAccount } from '../../../src/core/records/accounts';
import { upsertFollow } from '../../../src/core/records/follows';
import { upsertItem } from '../../../src/core/records/items';
import { value } from '../core-helpers';
import { memoryDb, onCleanup, tempDir } from '../helpers';

const NOW = Date.UTC(2026, 0, 15, 12);

function core(dataDir: string, scoringWorker: boolean): Core {
  const c = openCore({ dataDir, host: 'test', actor: 'ana', now: () => NOW, scoringWorker });
  onCleanup(() => c.close());
  return c;
}

/** A seeded workload (accounts, follows, spam waves, review rings), stored as an import stores it. */
function load(c: Core, items: number): void {
  const scorer = new ItemScorer(c.db, {});
  c.db.transaction(() => {
    for (const r of generateWorkload({ items, seed: 11, now: NOW })) {
      if (r.type === 'account') upsertAccount(c.db, r, NOW);
      else if (r.type === 'item') upsertItem(c.db, r, NOW, scorer);
      else upsertFollow(c.db, r, NOW);
    }
  })();
}

async function scoreAll(c: Core): Promise<void> {
  for (let round = 0; round < 20; round++) {
    if (value<{ remaining: number }>(await c.dispatch('detection.rescore', {})).remaining === 0) return;
  }
  throw new Error('scoring did not finish');
}

const SCORES = `SELECT i.external_id, i.spam_score, i.review_score, i.author_score, i.detection, i.risk, i.queue, i.campaign_id, i.campaign_score,
  i.dup_group, i.triage_type, i.sentiment, i.sentiment_score, i.action_needed, i.language, o.priority
  FROM items i JOIN item_order o ON o.id = i.id WHERE i.status = 'new' ORDER BY i.id`;

describe('the scoring worker', () => {
  it('scores a large import off the main thread, which answers the queue and decisions meanwhile; the scores equal the main thread’s', async () => {
    const dirA = tempDir();
    const dirB = tempDir();
    const a = core(dirA, true);
    load(a, 20_000);
    // The same data for the pass on the main thread.
    a.db.prepare('VACUUM INTO ?').run(join(dirB, 'vigil.db'));
    const b = core(dirB, false);
    const waiting = a.db.prepare("SELECT id FROM items WHERE status = 'new' ORDER BY id DESC LIMIT 200").pluck().all() as number[];

    let finished = false;
    const pass = a.dispatch('detection.rescore', {}).then((r) => {
      finished = true;
      return r;
    });
    /** Where the pass stood each time a call was answered while it ran. */
    const answeredAt: number[] = [];
    const decided: number[] = [];
    while (!finished) {
      const page = value<{ rows: unknown[] }>(await a.dispatch('queue.page', { filter: {}, offset: 0, limit: 50 }));
      expect(page.rows).toHaveLength(50);
      const id = waiting[decided.length];
      if (id !== undefined) {
        const outcomes = value<{ outcomes: { status: string }[] }>(
          await a.dispatch('decision.apply', { itemIds: [id], action: 'approve' }),
        ).outcomes;
        expect(outcomes).toMatchObject([{ itemId: id, status: 'approved' }]);
        decided.push(id);
        // Committed when acknowledged: another connection to the file reads it at once.
        b.db.prepare('ATTACH ? AS a').run(join(dirA, 'vigil.db'));
        expect(b.db.prepare('SELECT status FROM a.items WHERE id = ?').pluck().get(id)).toBe('approved');
        b.db.prepare('DETACH a').run();
      }
      const p = a.scoring.progress;
      if (!finished && p && p.done > 0 && p.done < p.total) answeredAt.push(p.done);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(a.scoring.usesWorker).toBe(true);
    expect(decided.length).toBeGreaterThan(0);
    expect(value<{ items: number }>(await pass).items).toBeGreaterThan(19_000);
    // Calls were answered at several stages of the pass, not only before or after it.
    expect(new Set(answeredAt).size).toBeGreaterThanOrEqual(2);
    await scoreAll(a);
    expect(a.db.prepare('SELECT count(*) FROM items WHERE scored_at IS NULL').pluck().get()).toBe(0);

    // The same decisions on the main thread's copy, then its pass.
    for (const id of decided) value(await b.dispatch('decision.apply', { itemIds: [id], action: 'approve' }));
    await scoreAll(b);
    expect(b.scoring.usesWorker).toBe(false);
    const rowsA = a.db.prepare(SCORES).all();
    const rowsB = b.db.prepare(SCORES).all();
    expect(rowsA.length).toBeGreaterThan(19_000);
    expect(rowsA).toEqual(rowsB);
    const accounts = 'SELECT external_id, fake_score, fake_reasons, fake_follower_share FROM accounts ORDER BY id';
    expect(a.db.prepare(accounts).all()).toEqual(b.db.prepare(accounts).all());
    const campaigns = 'SELECT * FROM campaigns ORDER BY id';
    expect(a.db.prepare(campaigns).all()).toEqual(b.db.prepare(campaigns).all());
    expect(a.db.prepare('SELECT count(*) FROM campaigns').pluck().get() as number).toBeGreaterThan(0);
  }, 300_000);

  it('scores on the calling thread when the worker cannot start, and says why once', async () => {
    const db = memoryDb();
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    onCleanup(() => spy.mockRestore());
    let calls = 0;
    const runner = new ScoringRunner({
      db,
      // A folder that does not exist: the worker's connection cannot open it.
      file: join(tempDir(), 'missing', 'deeper', 'vigil.db'),
      worker: true,
      context: () => ({ thresholds: DEFAULT_THRESHOLDS, now: NOW }),
      inThread: (maxItems) => {
        calls++;
        return rescore(db, NOW, { thresholds: DEFAULT_THRESHOLDS, maxItems });
      },
    });
    onCleanup(() => runner.close());
    expect((await runner.run()).remaining).toBe(0);
    expect((await runner.run(10)).remaining).toBe(0);
    expect(calls).toBe(2);
    expect(runner.usesWorker).toBe(false);
    expect(errors).toEqual([expect.stringMatching(/the scoring worker is not used, it .*scoring runs on the main thread in slices/)]);
  });
});

// Coordination detection against the seeded workload's own ground truth: spam waves with
// paraphrased copies, paid review drives and review rings (the same accounts on several
// targets), from new and from old hijacked accounts, of five members and up, among genuine
// posts that include phrases many people say on their own ("Thank you!"). A fresh seed on
// every run: the detector cannot have been tuned to it.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/db/open';
import { rescore } from '../../../src/core/detection/scores/rescore';
import { loadWorkload } from '../../../src/core/seed/load';
import { DEFAULT_THRESHOLDS } from '../../../src/shared/model';

const seed = Number(process.env.VIGIL_TRUTH_SEED ?? Date.now() % 1_000_000);

describe(`campaigns on a fresh seeded workload (seed ${seed}; rerun with VIGIL_TRUTH_SEED=${seed})`, () => {
  it('finds at least 90 % of campaign members at 90 % precision, and no campaign of a common phrase', () => {
    const db = openDatabase(':memory:');
    const now = Date.UTC(2026, 10, 1);
    loadWorkload(db, { items: 20_000, seed, now });
    rescore(db, now, { thresholds: DEFAULT_THRESHOLDS });
    const rows = db
      .prepare("SELECT author_id AS author, campaign_id AS found, json_extract(extra, '$.seedCampaign') AS truth, text FROM items")
      .all() as { author: number; found: number | null; truth: string | null; text: string }[];
    const truth = rows.filter((r) => r.truth);
    const found = rows.filter((r) => r.found !== null);
    const hits = found.filter((r) => r.truth).length;
    const kinds = new Set(truth.map((r) => r.truth!.replace(/-.*/, '')));
    expect([...kinds].sort(), 'the workload holds every kind of campaign').toEqual(['drive', 'ring', 'wave']);
    expect(hits / found.length, `item precision (seed ${seed})`).toBeGreaterThanOrEqual(0.9);
    expect(hits / truth.length, `item recall (seed ${seed})`).toBeGreaterThanOrEqual(0.9);

    const truthAccounts = new Set(truth.map((r) => r.author));
    const foundAccounts = new Set(found.map((r) => r.author));
    const both = [...foundAccounts].filter((a) => truthAccounts.has(a)).length;
    expect(both / foundAccounts.size, `account precision (seed ${seed})`).toBeGreaterThanOrEqual(0.9);
    expect(both / truthAccounts.size, `account recall (seed ${seed})`).toBeGreaterThanOrEqual(0.9);

    const thanks = rows.filter((r) => /^Thank you/.test(r.text));
    expect(thanks.length, 'genuine accounts said it many times').toBeGreaterThan(50);
    expect(thanks.filter((r) => r.found !== null)).toEqual([]);
    db.close();
  });
});

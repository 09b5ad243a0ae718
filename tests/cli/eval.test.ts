// `eval` on folders of labelled CSV made here (the shared data sets are for npm run eval only).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, lines, tempDir } from './helpers';

function csv(rows: readonly object[]): string {
  const cols = Object.keys(rows[0]!);
  const q = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return `${[cols.join(','), ...rows.map((r) => cols.map((c) => q((r as Record<string, unknown>)[c])).join(','))].join('\n')}\n`;
}

let seed = 7;
const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

function accounts(n: number): Record<string, string | number>[] {
  return Array.from({ length: n }, (_, i) => {
    const fake = i % 2 === 0;
    return {
      id: i,
      screen_name: `user${i}`,
      statuses_count: fake ? Math.floor(rand() * 30) : 200 + Math.floor(rand() * 5000),
      followers_count: fake ? Math.floor(rand() * 40) : 25 + Math.floor(rand() * 2000),
      friends_count: fake ? 200 + Math.floor(rand() * 1800) : 50 + Math.floor(rand() * 500),
      favourites_count: fake ? 0 : Math.floor(rand() * 900),
      listed_count: fake ? 0 : Math.floor(rand() * 10),
      created_at: fake ? 'Mon Jan 07 10:00:00 +0000 2013' : 'Tue May 01 11:53:40 +0000 2009',
      default_profile_image: fake && rand() < 0.7 ? 1 : '',
      description: fake && rand() < 0.8 ? '' : 'Lives in Turin, likes bikes',
      label: fake ? 'fake' : 'human',
    };
  });
}

interface Comment {
  id: string;
  video: string;
  text: string;
  label: string;
}

function comments(n: number, video: string): Comment[] {
  const spam = [
    'check out my channel http://spam.example/{i}',
    'subscribe to me please!! free gift card www.win{i}.com',
    'earn $500 per day, visit my site',
  ];
  const ham = ['love this song {i}', 'this video is so good', 'who is here in 2015?', 'the chorus gives me chills'];
  return Array.from({ length: n }, (_, i) => {
    const isSpam = i % 3 === 0;
    const pool = isSpam ? spam : ham;
    return { id: `${video}-${i}`, video, text: pool[i % pool.length]!.replace('{i}', String(i)), label: isSpam ? 'spam' : 'ham' };
  });
}

describe('cli eval', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  function folder(name: string, files: Record<string, string>): string {
    const d = join(dir, name);
    mkdirSync(d, { recursive: true });
    for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
    return d;
  }

  it('prints one JSON object with zeroShot and trained figures for each kind in --test', async () => {
    const train = folder('train', { 'accounts.csv': csv(accounts(200)), 'comments.csv': csv(comments(120, 'A')) });
    // The held-out comments carry only id, text and label.
    const test = folder('test', {
      'accounts.csv': csv(accounts(100)),
      'comments.csv': csv(comments(60, 'B').map(({ id, text, label }) => ({ id, text, label }))),
    });
    const r = await cli(['eval', '--train', train, '--test', test, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(lines(r.stdout).at(-1)!);
    expect(Object.keys(out).sort()).toEqual(['accounts', 'comments']);
    for (const kind of ['accounts', 'comments']) {
      for (const model of ['zeroShot', 'trained']) {
        const m = out[kind][model];
        expect(Object.keys(m).sort()).toEqual(['accuracy', 'f1', 'mcc', 'n', 'prAuc', 'precision', 'recall']);
        expect(m.n).toBe(kind === 'accounts' ? 100 : 60);
        for (const k of ['accuracy', 'f1', 'precision', 'recall', 'prAuc']) expect(m[k]).toBeGreaterThanOrEqual(0);
        // Where the scores fall: the ROC AUC, and the share of each class scoring 0.7 or more.
        const spread = out[kind].spread[model];
        expect(Object.keys(spread).sort()).toEqual(['high', 'negativesHigh', 'positivesHigh', 'rocAuc']);
        expect(spread.high).toBe(0.7);
        for (const k of ['negativesHigh', 'positivesHigh', 'rocAuc']) expect(spread[k]).toBeGreaterThanOrEqual(0);
        for (const k of ['negativesHigh', 'positivesHigh', 'rocAuc']) expect(spread[k]).toBeLessThanOrEqual(1);
      }
      // Easy cases: few of the genuine ones score high, most of the bad ones do.
      expect(out[kind].spread.trained.negativesHigh).toBeLessThan(out[kind].spread.trained.positivesHigh);
      // These cases are easy: the trained model must get them.
      expect(out[kind].trained.mcc).toBeGreaterThan(0.8);
    }
  });

  it('prints a table without --json', async () => {
    const d = folder('both', { 'comments.csv': csv(comments(60, 'A')) });
    const r = await cli(['eval', '--train', d, '--test', d]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/comments\s+zeroShot\s+60/);
    expect(r.stdout).toMatch(/comments\s+trained\s+60/);
    expect(r.stdout).toMatch(/ROC-AUC\s+neg≥\.7\s+pos≥\.7/);
  });

  it('refuses a missing folder, and a test folder with nothing to score', async () => {
    expect((await cli(['eval', '--train', join(dir, 'nope'), '--test', dir])).code).toBe(3);
    expect((await cli(['eval', '--test', dir])).code).toBe(2);
    const empty = folder('empty', {});
    const r = await cli(['eval', '--train', empty, '--test', empty]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/No accounts\.csv, reviews\.csv or comments\.csv/);
  });
});

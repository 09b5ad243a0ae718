import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, lines, tempDir } from './helpers';

describe('cli accounts and campaigns', () => {
  let dir: string;
  let cleanup: () => void;
  let data: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    data = join(dir, 'data');
  });
  afterEach(() => cleanup());

  it('accounts --top N --json lists the likeliest fakes first, with reasons', async () => {
    expect((await cli(['seed', '--items', '2000', '--data-dir', data])).code).toBe(0);
    const r = await cli(['accounts', '--top', '5', '--data-dir', data, '--json']);
    expect(r.code).toBe(0);
    const { accounts } = JSON.parse(lines(r.stdout).at(-1)!);
    expect(accounts).toHaveLength(5);
    for (const a of accounts) {
      expect(Object.keys(a)).toEqual(expect.arrayContaining(['platform', 'id', 'score', 'reasons', 'sure']));
      expect(a.reasons.length).toBeGreaterThan(0);
      expect(['low', 'medium', 'high']).toContain(a.sure.level);
      expect(a.sure.basis).toEqual(expect.any(String));
    }
    const scores = accounts.map((a: { score: number }) => a.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });

  it('campaigns --json lists the seeded spam waves with their members', async () => {
    expect((await cli(['seed', '--items', '3000', '--data-dir', data])).code).toBe(0);
    const r = await cli(['campaigns', '--data-dir', data, '--json']);
    expect(r.code).toBe(0);
    const { campaigns } = JSON.parse(lines(r.stdout).at(-1)!);
    expect(campaigns.length).toBeGreaterThan(0);
    for (const c of campaigns) {
      expect(Object.keys(c).sort()).toEqual(['accounts', 'id', 'items', 'kind', 'reasons', 'score', 'sure']);
      expect(['low', 'medium', 'high']).toContain(c.sure.level);
      expect(c.accounts.length).toBeGreaterThanOrEqual(5);
      expect(c.items.length).toBeGreaterThanOrEqual(c.accounts.length);
    }
  });

  it('refuses a bad --top', async () => {
    expect((await cli(['accounts', '--top', '0', '--data-dir', data])).code).toBe(2);
  });
});

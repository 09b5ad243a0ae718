import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, lines, statsOf, tempDir } from './helpers';

describe('cli seed', () => {
  let dir: string;
  let cleanup: () => void;
  let data: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    data = join(dir, 'data');
  });
  afterEach(() => cleanup());

  it('seed --items 500 loads 500 items; stats shows them', async () => {
    const r = await cli(['seed', '--items', '500', '--data-dir', data, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ dataDir: data, items: 500, seed: 1 });
    expect(out.accounts).toBeGreaterThan(0);
    const s = await statsOf(data);
    expect(s.items).toBe(500);
    expect(s.accounts).toBe(out.accounts);
    expect(s.byStatus).toEqual({ new: 500 });
  });

  it('seeding again with the same seed updates, never duplicates', async () => {
    const args = ['seed', '--items', '200', '--seed', '7', '--now', '2025-05-01T00:00:00Z', '--data-dir', data];
    expect((await cli(args)).code).toBe(0);
    expect((await cli(args)).code).toBe(0);
    expect((await statsOf(data)).items).toBe(200);
  });

  it('seed --out writes N item lines of NDJSON, and tells what it wrote', async () => {
    const file = join(dir, 'work.ndjson');
    const r = await cli(['seed', '--items', '300', '--out', file, '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ file, format: 'ndjson', items: 300, seed: 1 });
    const rows = lines(readFileSync(file, 'utf8')).map((l) => JSON.parse(l));
    expect(rows.filter((x) => x.type === 'item')).toHaveLength(300);
    expect(rows.filter((x) => x.type === 'account')).toHaveLength(summary.accounts);
    expect(rows.filter((x) => x.type === 'follow')).toHaveLength(summary.follows);
  });

  it('is deterministic for a seed and --now; another seed gives another workload', async () => {
    const at = '2025-02-03T04:05:06Z';
    const write = async (name: string, seed: string) => {
      const file = join(dir, name);
      expect((await cli(['seed', '--items', '150', '--seed', seed, '--now', at, '--out', file])).code).toBe(0);
      return readFileSync(file, 'utf8');
    };
    const a = await write('a.ndjson', '42');
    const b = await write('b.ndjson', '42');
    const c = await write('c.ndjson', '43');
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('its file imports into a database with the same counts', async () => {
    const file = join(dir, 'work.ndjson');
    const w = JSON.parse((await cli(['seed', '--items', '250', '--out', file, '--json'])).stdout);
    const r = await cli(['import', file, '--data-dir', data, '--json']);
    expect(r.code).toBe(0);
    const s = await statsOf(data);
    expect(s.items).toBe(250);
    expect(s.follows).toBe(w.follows);
  });

  it('bad values are usage errors with clear messages (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['seed'], '--items N is required'],
      [['seed', '--items', '0'], '--items must be a whole number from 1 to 10,000,000 (got "0")'],
      [['seed', '--items', 'lots'], '--items must be a whole number'],
      [['seed', '--items', '2.5'], '--items must be a whole number'],
      [['seed', '--items', '99999999999'], '--items must be a whole number'],
      [['seed', '--items', '10', '--seed', 'abc'], '--seed must be a whole number'],
      [['seed', '--items', '10', '--now', 'yesterday'], '--now must be an ISO 8601 date'],
      [['seed', '--items'], '--items needs a value'],
      [['seed', '--items', '10', '--out', 'w.csv'], 'seed writes NDJSON: give --out a name such as workload.ndjson'],
    ];
    for (const [args, message] of cases) {
      const r = await cli([...args, '--data-dir', data]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stdout).toBe('');
    }
  });
});

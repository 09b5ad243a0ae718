import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/index';
import { cli, lines, statsOf, tempDir } from './helpers';

const CORE_FIELDS = [
  'platform',
  'id',
  'kind',
  'author',
  'createdAt',
  'text',
  'target',
  'rating',
  'thread',
  'parent',
  'url',
  'lang',
] as const;

function coreFieldsOf(ndjson: string): Record<string, unknown>[] {
  return lines(ndjson)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .map((r) => Object.fromEntries(CORE_FIELDS.map((f) => [f, r[f] ?? null])))
    .sort((a, b) => `${a.platform}/${a.id}`.localeCompare(`${b.platform}/${b.id}`));
}

const TRICKY = [
  { type: 'item', platform: 'x', id: 'tricky-1', kind: 'comment', author: 'a1', text: 'He said "hi", then\nleft, ünïcödé 😀', lang: 'en' },
  {
    type: 'item',
    platform: 'x',
    id: 'tricky-2',
    kind: 'review',
    author: 'a1',
    text: '  leading and trailing spaces  ',
    rating: 2,
    target: 'Hotel, "Central"',
  },
  {
    type: 'item',
    platform: 'x',
    id: 'tricky-3',
    kind: 'post',
    text: '=SUM(A1) ,;\nline\ttab',
    thread: 't1',
    parent: 'tricky-1',
    url: 'https://example.com/?a=1,2',
  },
];

describe('cli export', () => {
  let dir: string;
  let cleanup: () => void;
  let data: string;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    data = join(dir, 'data');
    expect((await cli(['seed', '--items', '300', '--now', '2025-03-01T12:00:00Z', '--data-dir', data])).code).toBe(0);
    writeFileSync(join(dir, 'tricky.ndjson'), `${TRICKY.map((t) => JSON.stringify(t)).join('\n')}\n`);
    expect((await cli(['import', join(dir, 'tricky.ndjson'), '--data-dir', data])).code).toBe(0);
  });
  afterEach(() => cleanup());

  it('exports every item as NDJSON on stdout, with its decisions', async () => {
    const core = openCore({ dataDir: data, host: 'test', actor: 'tester' });
    const applied = await core.dispatch('decision.apply', { itemIds: [1], action: 'spam', reason: 'link farm' });
    core.close();
    expect(applied.ok).toBe(true);

    const r = await cli(['export', '--data-dir', data]);
    expect(r.code).toBe(0);
    const rows = lines(r.stdout).map((l) => JSON.parse(l));
    expect(rows).toHaveLength(303);
    expect(rows.every((x) => x.type === 'item')).toBe(true);
    const decided = rows.find((x) => x.status === 'spam');
    expect(decided.decisions).toHaveLength(1);
    expect(decided.decisions[0]).toMatchObject({ action: 'spam', actor: 'tester', reason: 'link farm', undone: false });
  });

  it('NDJSON round trip: export, import elsewhere, export again gives the same items', async () => {
    const first = await cli(['export', '--format', 'ndjson', '--out', join(dir, 'a.ndjson'), '--data-dir', data, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ file: join(dir, 'a.ndjson'), format: 'ndjson', items: 303 });
    const other = join(dir, 'other');
    const imported = await cli(['import', join(dir, 'a.ndjson'), '--data-dir', other]);
    expect(imported.code).toBe(0);
    expect((await statsOf(other)).items).toBe(303);
    const again = await cli(['export', '--data-dir', other]);
    expect(coreFieldsOf(again.stdout)).toEqual(coreFieldsOf(readFileSync(join(dir, 'a.ndjson'), 'utf8')));
  });

  it('CSV round trip: quotes, commas, line breaks and spaces survive', async () => {
    const out = join(dir, 'a.csv');
    // No --format: the .csv name picks CSV.
    const r = await cli(['export', '--out', out, '--data-dir', data, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'csv', items: 303 });
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^type,platform,id,kind,author,createdAt,text,/);

    const other = join(dir, 'other');
    const imported = await cli(['import', out, '--data-dir', other, '--json']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).totals.items).toEqual({ inserted: 303, updated: 0 });
    const viaCsv = coreFieldsOf((await cli(['export', '--data-dir', other])).stdout);
    const direct = coreFieldsOf((await cli(['export', '--data-dir', data])).stdout);
    expect(viaCsv).toEqual(direct);
    expect(viaCsv.find((x) => x.id === 'tricky-1')!.text).toBe(TRICKY[0]!.text);
  }, 15_000);

  it('pages through more items than one page holds', async () => {
    const big = join(dir, 'big');
    expect((await cli(['seed', '--items', '5200', '--data-dir', big])).code).toBe(0);
    const r = await cli(['export', '--format', 'csv', '--data-dir', big]);
    expect(r.code).toBe(0);
    const rows = lines(r.stdout);
    expect(rows[0]!.startsWith('type,')).toBe(true);
    expect(rows.filter((l) => l.startsWith('type,'))).toHaveLength(1);
    // Texts have no line breaks in the generated workload: one line per item.
    expect(rows).toHaveLength(5201);
  });

  it('an empty database exports nothing as NDJSON and a header as CSV', async () => {
    const empty = join(dir, 'empty');
    const nd = await cli(['export', '--data-dir', empty]);
    expect(nd).toMatchObject({ code: 0, stdout: '' });
    // A read-only command says when the folder held no database (a mistyped --data-dir).
    expect(nd.stderr).toContain(`Note: there was no Vigil database in ${empty}`);
    const csv = await cli(['export', '--format', 'csv', '--data-dir', empty]);
    expect(lines(csv.stdout)).toHaveLength(1);
  });

  it('says where it wrote without --json, and fails clearly when it cannot write', async () => {
    const ok = await cli(['export', '--out', join(dir, 'x.ndjson'), '--data-dir', data]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    expect(ok.stderr).toContain('Exported 303 items to');
    const bad = await cli(['export', '--out', join(dir, 'missing', 'x.ndjson'), '--data-dir', data]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('its folder does not exist');
  });

  it('rejects an unknown format as a usage error', async () => {
    const r = await cli(['export', '--format', 'xml', '--data-dir', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be ndjson or csv (got "xml")');
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, lines, statsOf, tempDir } from './helpers';

const NDJSON = [
  '{"type":"account","platform":"x","id":"a1","handle":"alice","followers":120}',
  '{"type":"item","platform":"x","id":"i1","kind":"mention","author":"a1","text":"Where is my order?"}',
  '{"type":"item","platform":"x","id":"i2","kind":"post","author":"a1"}',
  '{"type":"item","platform":"x","id":"i3","kind":"review","author":"a1","text":"Great lamp","rating":5,"target":"Iris"}',
  '{"type":"follow","platform":"x","follower":"a1","followee":"brand"}',
].join('\n');

const ACCOUNTS_CSV = 'platform,id,handle,followers,verified\nx,b1,bob,10,false\nx,b2,,5,false\nx,b3,carol,30,true\n';
const ITEMS_CSV =
  'platform,id,kind,author,text,rating\nx,c1,comment,b1,"Hello, there",\nx,c2,review,b3,Broken on arrival,1\nx,c3,tweet,b1,not a kind,\n';

describe('cli import', () => {
  let dir: string;
  let cleanup: () => void;
  let data: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    data = join(dir, 'data');
    writeFileSync(join(dir, 'items.ndjson'), NDJSON);
    writeFileSync(join(dir, 'accounts.csv'), ACCOUNTS_CSV);
    writeFileSync(join(dir, 'items.csv'), ITEMS_CSV);
  });
  afterEach(() => cleanup());

  it('imports NDJSON, rejects the bad row with file:line and reason, keeps the good rows (exit 1)', async () => {
    const r = await cli(['import', 'items.ndjson', '--data-dir', data], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('items.ndjson:3: missing required field "text"');
    expect(r.stdout).toContain(
      'items.ndjson: 1 account (1 new, 0 updated), 2 items (2 new, 0 updated), 1 follow (1 new, 0 updated); 1 row rejected',
    );
    const s = await statsOf(data);
    expect(s.items).toBe(2);
    expect(s.follows).toBe(1);
    expect(s.accounts).toBeGreaterThanOrEqual(1);
  });

  it('imports accounts.csv and items.csv, each with a bad row named by file and line', async () => {
    const r = await cli(['import', 'accounts.csv', 'items.csv', '--data-dir', data], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('accounts.csv:3: missing required field "handle"');
    expect(r.stderr).toContain('items.csv:4: field "kind" must be one of');
    expect(r.stderr).toContain('2 rows rejected; every other row was imported.');
    expect(r.stdout).toContain('accounts.csv: 2 accounts (2 new, 0 updated); 1 row rejected');
    expect(r.stdout).toContain('items.csv: 2 items (2 new, 0 updated); 1 row rejected');
    expect(r.stdout).toContain('Total of 2 files');
    const s = await statsOf(data);
    expect(s.items).toBe(2);
    expect(s.accounts).toBe(2);
  });

  it('exits 0 when every row is imported', async () => {
    writeFileSync(
      join(dir, 'good.ndjson'),
      `${NDJSON.split('\n')
        .filter((_, i) => i !== 2)
        .join('\n')}\n`,
    );
    const r = await cli(['import', join(dir, 'good.ndjson'), '--data-dir', data]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('importing the same files twice creates no duplicates and reports updates', async () => {
    const first = await cli(['import', 'items.ndjson', 'accounts.csv', 'items.csv', '--data-dir', data, '--json'], { cwd: dir });
    const before = await statsOf(data);
    const second = await cli(['import', 'items.ndjson', 'accounts.csv', 'items.csv', '--data-dir', data, '--json'], { cwd: dir });
    const after = await statsOf(data);
    expect(first.code).toBe(1);
    expect(second.code).toBe(1);
    expect(after.items).toBe(before.items);
    expect(after.accounts).toBe(before.accounts);
    expect(after.follows).toBe(before.follows);
    const t1 = JSON.parse(first.stdout).totals;
    const t2 = JSON.parse(second.stdout).totals;
    expect(t1.items).toEqual({ inserted: 4, updated: 0 });
    expect(t2.items).toEqual({ inserted: 0, updated: 4 });
    expect(t2.accounts.inserted).toBe(0);
  });

  it('--json prints exactly one JSON object with every file report and totals', async () => {
    const r = await cli(['import', 'items.ndjson', 'items.csv', '--data-dir', data, '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toHaveLength(1);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['files', 'totals']);
    expect(out.files).toHaveLength(2);
    expect(out.files[0]).toMatchObject({ file: 'items.ndjson', format: 'ndjson', errorCount: 1, done: true });
    expect(out.files[0].errors[0]).toEqual({ file: 'items.ndjson', line: 3, message: 'missing required field "text"' });
    expect(out.files[1]).toMatchObject({ file: 'items.csv', format: 'csv', errorCount: 1 });
    expect(out.totals).toMatchObject({ files: 2, errorCount: 2, items: { inserted: 4, updated: 0 } });
    // Rejected rows are still named on stderr for whoever reads the log.
    expect(r.stderr).toContain('items.csv:4:');
  });

  it('lists the first 20 rejected rows of a file, then how many more', async () => {
    const bad = Array.from({ length: 25 }, (_, i) => `{"type":"item","platform":"x","id":"b${i}","kind":"post"}`);
    writeFileSync(join(dir, 'bad.ndjson'), `${bad.join('\n')}\n{"type":"item","platform":"x","id":"ok","kind":"post","text":"fine"}\n`);
    const r = await cli(['import', 'bad.ndjson', '--data-dir', data], { cwd: dir });
    expect(r.code).toBe(1);
    const errs = lines(r.stderr).filter((l) => l.startsWith('bad.ndjson:'));
    expect(errs).toHaveLength(20);
    expect(errs[0]).toBe('bad.ndjson:1: missing required field "text"');
    expect(errs[19]).toBe('bad.ndjson:20: missing required field "text"');
    expect(r.stderr).toContain('… and 5 more rejected rows in bad.ndjson');
    expect((await statsOf(data)).items).toBe(1);
  });

  it('imports a CSV file of many rows (more than the parser buffers at once)', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `x,m${i},mention,b1,"Question ${i}, please answer"`);
    writeFileSync(join(dir, 'items.csv'), `platform,id,kind,author,text\n${rows.join('\n')}\n`);
    const r = await cli(['import', 'items.csv', '--data-dir', data, '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals.items).toEqual({ inserted: 500, updated: 0 });
    expect((await statsOf(data)).items).toBe(500);
  }, 15_000);

  it('--format overrides what the file name says', async () => {
    writeFileSync(join(dir, 'export.txt'), 'type,platform,id,kind,text\nitem,x,t1,post,plain text\n');
    const r = await cli(['import', 'export.txt', '--format', 'csv', '--data-dir', data, '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({ format: 'csv', items: { inserted: 1, updated: 0 } });
  });

  it('reads files larger than one chunk, with rows split across chunks', async () => {
    // ~3 MiB: at least three 1 MiB reads, so rows straddle chunk boundaries.
    const rows: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      rows.push(
        JSON.stringify({
          type: 'item',
          platform: 'x',
          id: `big-${i}`,
          kind: 'comment',
          text: `comment ${i} ${'é'.repeat(100)} ${'x'.repeat(120)}`,
        }),
      );
    }
    writeFileSync(join(dir, 'big.ndjson'), `${rows.join('\n')}\n`);
    const r = await cli(['import', 'big.ndjson', '--data-dir', data, '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout).files[0];
    expect(report.bytes).toBeGreaterThan(3 * 1024 * 1024);
    expect(report.items).toEqual({ inserted: 12_000, updated: 0 });
    expect((await statsOf(data)).items).toBe(12_000);
  });

  it('draws a progress bar on stderr only when stderr is a terminal, never on stdout', async () => {
    const tty = await cli(['import', 'items.ndjson', '--data-dir', data, '--json'], { cwd: dir, tty: true });
    expect(tty.stderr).toMatch(/import \[[#-]+\]/);
    expect(tty.stdout).not.toContain('\x1b');
    expect(() => JSON.parse(tty.stdout)).not.toThrow();
    const pipe = await cli(['import', 'items.ndjson', '--data-dir', data, '--json'], { cwd: dir });
    expect(pipe.stderr).not.toContain('\x1b');
  });

  it('uses VIGIL_DATA_DIR when no --data-dir is given', async () => {
    const r = await cli(['import', 'items.ndjson'], { cwd: dir, env: { VIGIL_DATA_DIR: data } });
    expect(r.code).toBe(1);
    expect((await statsOf(data)).items).toBe(2);
  });

  it('a missing file is a usage error naming it, and nothing is imported', async () => {
    const r = await cli(['import', 'items.ndjson', 'no-such.csv', '--data-dir', data], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file: no-such.csv');
    expect(r.stdout).toBe('');
    expect((await statsOf(data)).items).toBe(0);
  });

  it('a folder, or no file at all, is a usage error', async () => {
    const folder = await cli(['import', dir, '--data-dir', data]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(`${dir} is a folder, not a file`);
    const none = await cli(['import', '--data-dir', data]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name at least one FILE');
  });

  it('stops a file that is not UTF-8 at its first invalid byte, by line, and says what was kept', async () => {
    // Latin-1 "café" on line 3: a lenient decoder would store U+FFFD in its place.
    const bytes = Buffer.concat([
      Buffer.from(`${NDJSON.split('\n').slice(0, 2).join('\n')}\n{"type":"item","platform":"x","id":"i9","kind":"post","text":"caf`),
      Buffer.from([0xe9]),
      Buffer.from('"}\n'),
    ]);
    writeFileSync(join(dir, 'latin1.ndjson'), bytes);
    const r = await cli(['import', 'latin1.ndjson', '--data-dir', data], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Import of latin1.ndjson stopped: not valid UTF-8 at line 3 (byte');
    expect(r.stderr).toContain('save the file as UTF-8 and import it again');
    // The rows before it were still waiting for their batch: nothing of the file is stored.
    expect((await statsOf(data)).items).toBe(0);
  });

  it('rejects a line over 1 MiB by its number and a record with a NUL in its id, and imports the rest', async () => {
    const long = JSON.stringify({ type: 'item', platform: 'x', id: 'big', kind: 'post', text: 'x', pad: 'p'.repeat(1_100_000) });
    const nul = JSON.stringify({ type: 'item', platform: 'x', id: 'n\u0000l', kind: 'post', text: 'x' });
    const ok = JSON.stringify({ type: 'item', platform: 'x', id: 'ok', kind: 'post', text: 'fine' });
    writeFileSync(join(dir, 'limits.ndjson'), `${ok}\n${long}\n${nul}\n`);
    const r = await cli(['import', 'limits.ndjson', '--data-dir', data], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('limits.ndjson:2: longer than 1 MiB (1,048,576 bytes): skipped without reading it');
    expect(r.stderr).toContain('limits.ndjson:3: field "id" contains a control character (U+0000 at position 2)');
    expect((await statsOf(data)).items).toBe(1);
  });
});

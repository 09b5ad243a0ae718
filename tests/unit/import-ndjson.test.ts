import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../../src/core/import/line-limit';
import { BATCH_ROWS, ImportSession, MAX_REPORTED_ERRORS } from '../../src/core/import/session';
import { account, importText, item, memoryDb, ndjson } from './helpers';

/** A file with good rows and one of each kind of bad row, at known lines. */
const LINES = [
  /* 1 */ JSON.stringify(account('a1', { verified: true, followers: 1200 })),
  /* 2 */ JSON.stringify(item('i1', { text: 'Where is my order? 📦 Ünïcödé' })),
  /* 3 */ '{"type":"item","platform":"x","id":"broken"',
  /* 4 */ JSON.stringify(item('i-notext', { text: undefined })),
  /* 5 */ JSON.stringify(item('i-rating', { kind: 'review', rating: 6 })),
  /* 6 */ JSON.stringify(item('i-kind', { kind: 'story' })),
  /* 7 */ JSON.stringify(item('i-date', { createdAt: 'the day before yesterday' })),
  /* 8 */ '',
  /* 9 */ JSON.stringify(item('i2', { kind: 'review', rating: 4, target: 'Breeze kettle', sentiment: 'negative', scores: { spam: 0.1 } })),
  /* 10 */ JSON.stringify({ type: 'follow', platform: 'x', follower: 'a2', followee: 'a1' }),
  /* 11 */ '[1, 2, 3]',
  /* 12 */ JSON.stringify({ type: 'tweet', platform: 'x', id: 't1' }),
  /* 13 */ JSON.stringify(item('i3', { kind: 'review', rating: '2.5' })),
  /* 14 */ JSON.stringify(item('i4', { id: '' })),
  /* 15 */ JSON.stringify(account('a3', { followers: -4 })),
  /* 16 */ JSON.stringify(item('i5', { kind: 'comment', author: 'a1', createdAt: '2025-01-04T08:30:00+02:00' })),
];
const FILE = LINES.join('\n'); // no newline after the last line

const EXPECTED_ERRORS: [number, RegExp][] = [
  [3, /not valid JSON/],
  [4, /missing required field "text"/],
  [5, /"rating" must be a whole number from 1 to 5 \(got 6\)/],
  [6, /"kind" must be one of .*\(got "story"\)/],
  [7, /"createdAt" must be an ISO 8601 date/],
  [11, /must be a JSON object/],
  [12, /unknown record type "tweet"/],
  [13, /"rating" must be a whole number/],
  [14, /missing required field "id"/],
  [15, /"followers" must be a whole number ≥ 0/],
];

function dump(db: Database) {
  return {
    accounts: db
      .prepare('SELECT platform, external_id, handle, name, followers, verified, stub, extra FROM accounts ORDER BY platform, external_id')
      .all(),
    items: db
      .prepare(
        `SELECT i.platform, i.external_id, i.kind, a.external_id AS author, i.created_at, i.text, i.target, i.rating, i.extra, i.queue, i.status
         FROM items i LEFT JOIN accounts a ON a.id = i.author_id ORDER BY i.platform, i.external_id`,
      )
      .all(),
    follows: db
      .prepare(
        `SELECT f.external_id AS follower, e.external_id AS followee FROM follows
         JOIN accounts f ON f.id = follows.follower_id JOIN accounts e ON e.id = follows.followee_id ORDER BY 1, 2`,
      )
      .all(),
  };
}

describe('NDJSON import', () => {
  it('keeps the good rows and reports each bad one with its line and reason', async () => {
    const db = memoryDb();
    const report = await importText(db, 'mixed.ndjson', FILE);

    expect(report.done).toBe(true);
    expect(report.lines).toBe(LINES.length);
    expect(report.errorCount).toBe(EXPECTED_ERRORS.length);
    const errors = [...report.errors].sort((a, b) => a.line - b.line);
    expect(errors.map((e) => e.line)).toEqual(EXPECTED_ERRORS.map(([line]) => line));
    errors.forEach((e, i) => {
      expect(e.message).toMatch(EXPECTED_ERRORS[i]![1]);
      expect(e.file).toBe('mixed.ndjson');
    });

    expect(report.accounts).toEqual({ inserted: 1, updated: 0 });
    expect(report.items).toEqual({ inserted: 3, updated: 0 });
    expect(report.follows).toEqual({ inserted: 1, updated: 0 });

    const d = dump(db);
    expect(d.items.map((r) => (r as { external_id: string }).external_id)).toEqual(['i1', 'i2', 'i5']);
    expect(d.follows).toEqual([{ follower: 'a2', followee: 'a1' }]);
    const i1 = d.items[0] as { text: string; created_at: number; queue: string; status: string; author: string };
    expect(i1.text).toBe('Where is my order? 📦 Ünïcödé');
    expect(i1.created_at).toBe(Date.parse('2025-01-05T10:00:00Z'));
    expect(i1).toMatchObject({ queue: 'mentions', status: 'new', author: 'a1' });
    // an offset in the date is honoured
    expect((d.items[2] as { created_at: number }).created_at).toBe(Date.parse('2025-01-04T06:30:00Z'));
    expect(report.bytes).toBe(Buffer.byteLength(FILE));
  });

  it('keeps unknown fields as extra data, and reviews their rating and target', async () => {
    const db = memoryDb();
    await importText(db, 'mixed.ndjson', FILE);
    const row = db.prepare("SELECT kind, rating, target, extra, queue FROM items WHERE external_id = 'i2'").get() as {
      kind: string;
      rating: number;
      target: string;
      extra: string;
      queue: string;
    };
    expect(row).toMatchObject({ kind: 'review', rating: 4, target: 'Breeze kettle', queue: 'reviews' });
    expect(JSON.parse(row.extra)).toEqual({ sentiment: 'negative', scores: { spam: 0.1 } });
    const a1 = db.prepare("SELECT verified, followers, stub, extra FROM accounts WHERE external_id = 'a1'").get();
    expect(a1).toEqual({ verified: 1, followers: 1200, stub: 0, extra: null });
  });

  it.each([1, 2, 7, 64, 1000])('gives the same result whatever the chunk size (%i characters)', async (chunk) => {
    const whole = memoryDb();
    const wholeReport = await importText(whole, 'mixed.ndjson', FILE);
    const db = memoryDb();
    const report = await importText(db, 'mixed.ndjson', FILE, { chunk });
    expect(dump(db)).toEqual(dump(whole));
    expect({ ...report, errors: [...report.errors].sort((a, b) => a.line - b.line) }).toEqual({
      ...wholeReport,
      errors: [...wholeReport.errors].sort((a, b) => a.line - b.line),
    });
  });

  it('reads CRLF line ends and a byte order mark, with the same lines', async () => {
    const plain = memoryDb();
    const plainReport = await importText(plain, 'mixed.ndjson', FILE);
    for (const chunk of [0, 1, 7]) {
      const db = memoryDb();
      const report = await importText(db, 'mixed.ndjson', `\uFEFF${LINES.join('\r\n')}\r\n`, { chunk });
      expect(dump(db)).toEqual(dump(plain));
      expect(report.errors.map((e) => e.line).sort((a, b) => a - b)).toEqual(plainReport.errors.map((e) => e.line).sort((a, b) => a - b));
      expect(report.items).toEqual(plainReport.items);
    }
  });

  it('tells the record type from the fields when a row has no "type"', async () => {
    const db = memoryDb();
    const strip = (r: Record<string, unknown>) => {
      const { type: _type, ...rest } = r;
      return rest;
    };
    const report = await importText(
      db,
      'export.ndjson',
      ndjson([
        strip(account('b1')),
        strip(item('j1', { author: 'b1' })),
        { platform: 'x', follower: 'b1', followee: 'b2' },
        { platform: 'x', id: 'mystery' },
      ]),
    );
    expect(report.accounts.inserted).toBe(1);
    expect(report.items.inserted).toBe(1);
    expect(report.follows.inserted).toBe(1);
    expect(report.errors).toEqual([{ file: 'export.ndjson', line: 4, message: expect.stringMatching(/cannot tell the record type/) }]);
  });

  it('writes large files in batches and keeps line numbers exact across them', async () => {
    const db = memoryDb();
    const n = BATCH_ROWS * 2 + 17;
    const badAt = BATCH_ROWS + 5; // a line number inside the second batch
    const lines: string[] = [JSON.stringify(account('a1'))];
    for (let i = 2; i <= n; i++)
      lines.push(i === badAt ? JSON.stringify(item(`k${i}`, { rating: 0, kind: 'review' })) : JSON.stringify(item(`k${i}`)));
    const report = await importText(db, 'big.ndjson', lines.join('\n') + '\n', { chunk: 65_536 });
    expect(report.errors).toEqual([{ file: 'big.ndjson', line: badAt, message: expect.stringMatching(/rating/) }]);
    expect(report.items.inserted).toBe(n - 2);
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(n - 2);
  });

  it('keeps the first errors in the report and counts them all', async () => {
    const db = memoryDb();
    const bad = MAX_REPORTED_ERRORS + 25;
    const text = Array.from({ length: bad }, () => '{oops').join('\n') + '\n' + JSON.stringify(item('ok', { author: null })) + '\n';
    const report = await importText(db, 'bad.ndjson', text);
    expect(report.errorCount).toBe(bad);
    expect(report.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(report.errors[0]!.line).toBe(1);
    expect(report.items.inserted).toBe(1);
  });

  it('refuses more text once the import has ended', async () => {
    const db = memoryDb();
    const { ImportSession } = await import('../../src/core/import/session');
    const s = new ImportSession(db, 'imp', 'a.ndjson', 'ndjson');
    await s.write(JSON.stringify(item('z1', { author: null })));
    const report = await s.end();
    expect(report.items.inserted).toBe(1);
    await expect(s.write('{}')).rejects.toThrow(/finished/);
    // ending twice reports the same, and writes nothing more
    expect((await s.end()).items.inserted).toBe(1);
  });
});

describe('NDJSON limits', () => {
  it('refuses a line over 1 MiB by its line number, holds no more than the limit of it, and reads on', async () => {
    const db = memoryDb();
    const s = new ImportSession(db, 'imp', 'long.ndjson', 'ndjson');
    await s.write(`${JSON.stringify(item('before'))}\n{"type":"item","text":"`);
    // 20 MiB of one line, in 64 KiB pieces: what the session holds stays under the limit.
    const piece = 'x'.repeat(65_536);
    let most = 0;
    for (let sent = 0; sent < 20 * 1024 * 1024; sent += piece.length) {
      await s.write(piece);
      most = Math.max(most, s.held);
    }
    await s.write(`"}\n${JSON.stringify(item('after'))}\n`);
    const report = await s.end();
    expect(most).toBeLessThanOrEqual(MAX_LINE_BYTES);
    expect(report.errors).toEqual([
      { file: 'long.ndjson', line: 2, message: expect.stringMatching(/longer than 1 MiB \(1,048,576 bytes\)/) },
    ]);
    expect(report.items.inserted).toBe(2);
    expect(report.lines).toBe(3);
  });

  it('counts the limit in UTF-8 bytes, and takes a line of exactly the limit', async () => {
    const db = memoryDb();
    const line = (id: string, pad: string) => JSON.stringify(item(id, { pad }));
    const frame = line('u', '').length;
    const exactly = line('u', 'a'.repeat(MAX_LINE_BYTES - frame));
    expect(Buffer.byteLength(exactly)).toBe(MAX_LINE_BYTES);
    // 3-byte characters: fewer characters than the limit, more bytes.
    const over = line('v', '€'.repeat(Math.floor((MAX_LINE_BYTES - frame) / 3) + 1));
    expect(over.length).toBeLessThan(MAX_LINE_BYTES);
    expect(Buffer.byteLength(over)).toBeGreaterThan(MAX_LINE_BYTES);
    for (const chunk of [0, 100_000]) {
      const report = await importText(db, 'edge.ndjson', `${over}\n${exactly}\n`, { chunk });
      expect(report.errors.map((e) => [e.line, e.message])).toEqual([[1, expect.stringMatching(/longer than 1 MiB/)]]);
      expect(db.prepare('SELECT external_id FROM items').pluck().all()).toEqual(['u']);
    }
  });

  it('refuses records whose platform, id or author hold a NUL or another control character', async () => {
    const db = memoryDb();
    const text = ndjson([
      item('ok1'),
      item('nul\u0000id'),
      item('ok2', { author: 'a\u0007b' }),
      item('ok3', { platform: 'x\u009b' }),
      account('tab\tin-id'),
      item('ok4'),
    ]);
    const report = await importText(db, 'ctl.ndjson', text);
    expect(report.errors.map((e) => [e.line, e.message])).toEqual([
      [2, 'field "id" contains a control character (U+0000 at position 4): identifiers must be printable text'],
      [3, 'field "author" contains a control character (U+0007 at position 2): identifiers must be printable text'],
      [4, 'field "platform" contains a control character (U+009B at position 2): identifiers must be printable text'],
      [5, 'field "id" contains a control character (U+0009 at position 4): identifiers must be printable text'],
    ]);
    expect(db.prepare('SELECT external_id FROM items ORDER BY external_id').pluck().all()).toEqual(['ok1', 'ok4']);
  });
});

import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../../src/core/import/line-limit';
import { formatOf, ImportSession, recordTypeFromName } from '../../src/core/import/session';
import { importText, memoryDb } from './helpers';

const ACCOUNTS = [
  /* 1 */ 'platform,id,handle,name,createdAt,followers,following,verified,defaultAvatar,bio,favourite_colour',
  /* 2 */ 'x,a1,anna,Anna Silva,2019-03-01T00:00:00Z,1500,300,true,0,"Coffee, running",teal',
  /* 3 */ 'x,a2,ben,Ben,2024-12-30T00:00:00Z,3,900,no,yes,,',
  /* 4 */ 'x,a3,cleo,Cleo,not a date,10,10,false,false,,',
  /* 5 */ 'x,a4,dev,Dev,2020-01-01T00:00:00Z,10,10,maybe,false,,',
].join('\n');

const ITEMS = [
  /* 1 */ 'platform,id,kind,author,createdAt,text,target,rating,thread,lang,mood',
  /* 2 */ 'x,i1,mention,a1,2025-01-05T10:00:00Z,"Hello @northwind, where is order 123?",Northwind,,i1,en,',
  /* 3 */ 'shop,r1,review,a2,2025-01-05T11:00:00Z,"Broke after a day.\nWould not buy again 😠",Breeze kettle,1,,en,angry',
  /* 4 */ 'shop,r2,review,a2,2025-01-05T11:00:00Z,Too many,columns,here,5,,en,x,y',
  /* 5 */ 'shop,r3,review,a2,2025-01-05T12:00:00Z,Great,Breeze kettle,seven,,en,',
  /* 6 */ 'x,i2,story,a1,2025-01-05T12:00:00Z,Nope,,,,en,',
  /* 7 */ 'x,i3,comment,a1',
  /* 8 */ 'youtube,c1,comment,a9,2025-01-05T13:00:00Z,"She said ""wow"", then left",Spring collection launch,,,en,',
].join('\n');

function items(db: Database) {
  return db
    .prepare('SELECT platform, external_id, kind, text, target, rating, thread, lang, extra FROM items ORDER BY platform, external_id')
    .all() as {
    external_id: string;
    text: string;
    rating: number | null;
    extra: string | null;
  }[];
}

describe('CSV import', () => {
  it('reads an accounts file, its type told by the file name, with flags, counts and extra columns', async () => {
    const db = memoryDb();
    const report = await importText(db, 'accounts.csv', ACCOUNTS);
    expect(report.format).toBe('csv');
    expect(report.accounts).toEqual({ inserted: 2, updated: 0 });
    expect([...report.errors].sort((a, b) => a.line - b.line)).toEqual([
      { file: 'accounts.csv', line: 4, message: expect.stringMatching(/"createdAt" must be an ISO 8601 date/) },
      { file: 'accounts.csv', line: 5, message: expect.stringMatching(/"verified" must be true or false/) },
    ]);
    const rows = db
      .prepare('SELECT external_id, handle, name, followers, verified, default_avatar, bio, extra FROM accounts ORDER BY external_id')
      .all();
    expect(rows).toEqual([
      {
        external_id: 'a1',
        handle: 'anna',
        name: 'Anna Silva',
        followers: 1500,
        verified: 1,
        default_avatar: 0,
        bio: 'Coffee, running',
        extra: '{"favourite_colour":"teal"}',
      },
      { external_id: 'a2', handle: 'ben', name: 'Ben', followers: 3, verified: 0, default_avatar: 1, bio: null, extra: null },
    ]);
  });

  it('reads an items file: quoted commas, doubled quotes and line breaks inside a field; bad rows reported by line', async () => {
    const db = memoryDb();
    const report = await importText(db, 'items.csv', ITEMS);
    expect(report.items).toEqual({ inserted: 3, updated: 0 });
    const errors = [...report.errors].sort((a, b) => a.line - b.line);
    // the review on lines 3–4 spans two lines: everything after it is one line further down
    expect(errors.map((e) => e.line)).toEqual([5, 6, 7, 8]);
    expect(errors[0]!.message).toMatch(/column|length/i);
    expect(errors[1]!.message).toMatch(/"rating" must be a whole number from 1 to 5 \(got "seven"\)/);
    expect(errors[2]!.message).toMatch(/"kind" must be one of/);
    expect(errors[3]!.message).toMatch(/column|length/i);

    const rows = items(db);
    expect(rows.map((r) => r.external_id)).toEqual(['r1', 'i1', 'c1']);
    expect(rows[0]).toMatchObject({
      kind: 'review',
      rating: 1,
      target: 'Breeze kettle',
      text: 'Broke after a day.\nWould not buy again 😠',
    });
    expect(JSON.parse(rows[0]!.extra!)).toEqual({ mood: 'angry' });
    expect(rows[1]).toMatchObject({ text: 'Hello @northwind, where is order 123?', thread: 'i1', rating: null, extra: null });
    expect(rows[2]!.text).toBe('She said "wow", then left');
  });

  it.each([1, 2, 7, 50])('gives the same result whatever the chunk size (%i characters)', async (chunk) => {
    const whole = memoryDb();
    const wholeReport = await importText(whole, 'items.csv', ITEMS);
    const db = memoryDb();
    const report = await importText(db, 'items.csv', ITEMS, { chunk });
    expect(items(db)).toEqual(items(whole));
    expect(report.items).toEqual(wholeReport.items);
    expect(report.bytes).toBe(wholeReport.bytes);
    const lines = (r: typeof report) => r.errors.map((e) => `${e.line}: ${e.message}`).sort();
    expect(lines(report)).toEqual(lines(wholeReport));
  });

  it('reads CRLF line ends and a byte order mark', async () => {
    const plain = memoryDb();
    const plainReport = await importText(plain, 'items.csv', ITEMS);
    for (const chunk of [0, 1, 7]) {
      const db = memoryDb();
      const text = `\uFEFF${ITEMS.replace(/\n(?=[^\n]*,)/g, '\r\n')}\r\n`;
      const report = await importText(db, 'items.csv', text, { chunk });
      // a CRLF inside a quoted field is read as a line break like any other (LF), and does
      // not count as two lines
      expect(items(db)).toEqual(items(plain));
      expect(report.errors.map((e) => e.line).sort((a, b) => a - b)).toEqual(plainReport.errors.map((e) => e.line).sort((a, b) => a - b));
    }
  });

  it('takes the record type from a "type" column when the file name does not say', async () => {
    const db = memoryDb();
    const text = [
      'type,platform,id,handle,kind,text,follower,followee',
      'account,x,a1,anna,,,,',
      'item,x,i1,,post,hi there,,',
      'follow,x,,,,,a2,a1',
      'comment,x,z,,,,,',
    ].join('\n');
    const report = await importText(db, 'export-2025.csv', text);
    expect(report.accounts.inserted).toBe(1);
    expect(report.items.inserted).toBe(1);
    expect(report.follows.inserted).toBe(1);
    expect(report.errors).toEqual([{ file: 'export-2025.csv', line: 5, message: expect.stringMatching(/unknown record type "comment"/) }]);
  });

  it('takes the record type from the header when neither name nor column says', async () => {
    const db = memoryDb();
    await importText(db, 'batch1.csv', 'platform,id,handle\nx,a1,anna\n');
    await importText(db, 'batch2.csv', 'platform,id,kind,text\nx,i1,post,hi\n');
    await importText(db, 'batch3.csv', 'platform,follower,followee\nx,a1,a2\n');
    expect(db.prepare('SELECT count(*) FROM accounts WHERE stub = 0').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM follows').pluck().get()).toBe(1);
  });

  it('the file name decides over the header: a follows file is read as follows', async () => {
    expect(recordTypeFromName('data/Follows-2025.CSV')).toBe('follow');
    expect(recordTypeFromName('C:\\exports\\user_profiles.csv')).toBe('account');
    expect(recordTypeFromName('reviews.csv')).toBe('item');
    expect(recordTypeFromName('user_items.csv')).toBe('item');
    expect(recordTypeFromName('author_posts.csv')).toBe('item');
    expect(recordTypeFromName('authors.csv')).toBe('account');
    expect(recordTypeFromName('batch.csv')).toBeNull();
    expect(formatOf('x.CSV')).toBe('csv');
    expect(formatOf('x.ndjson')).toBe('ndjson');
    expect(formatOf('x.jsonl')).toBe('ndjson');

    const db = memoryDb();
    const report = await importText(db, 'follows.csv', 'platform,follower,followee,since\nx,a1,a2,2024\nx,a1,\n');
    expect(report.follows.inserted).toBe(1);
    expect(report.errors.map((e) => e.line)).toEqual([3]);
  });

  it('takes many rows in one chunk (more records than the parser stream buffers)', async () => {
    const db = memoryDb();
    const n = 3000;
    const rows = Array.from({ length: n }, (_, i) => (i === 1234 ? `x,m${i},mention` : `x,m${i},mention,"Question ${i}, please"`));
    const report = await importText(db, 'items.csv', `platform,id,kind,text\n${rows.join('\n')}\n`);
    expect(report.items.inserted).toBe(n - 1);
    expect(report.errors.map((e) => e.line)).toEqual([1234 + 2]);
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(n - 1);
  });

  it('takes the header names trimmed, and skips empty lines', async () => {
    const db = memoryDb();
    const report = await importText(db, 'posts.csv', ' platform , id , kind , text \n\nx,p1,post,first\n\nx,p2,post,second\n');
    expect(report.errors).toEqual([]);
    expect(report.items.inserted).toBe(2);
  });
});

describe('CSV limits', () => {
  const HEADER = 'platform,id,kind,author,createdAt,text';
  const row = (id: string, text = 'fine') => `x,${id},comment,a1,2025-01-05T10:00:00Z,${text}`;

  it('refuses a record over 1 MiB by the line it starts on, holds no more than the limit of it, and reads on', async () => {
    const db = memoryDb();
    const s = new ImportSession(db, 'imp', 'items.csv', 'csv');
    // A quoted field running over many lines: the record starts on line 3 and ends on line 5.
    await s.write(`${HEADER}\n${row('before')}\n${row('long', '"start')}\n`);
    const piece = 'y'.repeat(65_536);
    let most = 0;
    for (let sent = 0; sent < 12 * 1024 * 1024; sent += piece.length) {
      await s.write(sent === 6 * 1024 * 1024 ? `${piece}\n` : piece);
      most = Math.max(most, s.held);
    }
    await s.write(`end"\n${row('after', '"has ""quotes"", and\na line break"')}\n${row('last')}\n`);
    const report = await s.end();
    expect(most).toBeLessThanOrEqual(MAX_LINE_BYTES);
    expect(report.errors).toEqual([{ file: 'items.csv', line: 3, message: expect.stringMatching(/longer than 1 MiB/) }]);
    expect(db.prepare('SELECT external_id, text FROM items ORDER BY id').all()).toEqual([
      { external_id: 'before', text: 'fine' },
      { external_id: 'after', text: 'has "quotes", and\na line break' },
      { external_id: 'last', text: 'fine' },
    ]);
  });

  it('keeps line numbers right after a skipped record, and takes one of exactly the limit', async () => {
    const db = memoryDb();
    // The padding goes in a column of its own (kept as extra data): a text that long is refused.
    const exact = `${row('exact')},`;
    const text = [
      `${HEADER},pad`,
      `${row('long')},${'z'.repeat(MAX_LINE_BYTES)}`,
      `${exact}${'e'.repeat(MAX_LINE_BYTES - exact.length)}`,
      `${row('bad-kind').replace('comment', 'story')},`,
      `${row('ok')},`,
    ].join('\n');
    for (const chunk of [0, 70_000]) {
      const report = await importText(db, 'items.csv', `${text}\n`, { chunk });
      expect(report.errors.map((e) => [e.line, e.message])).toEqual([
        [2, expect.stringMatching(/longer than 1 MiB/)],
        [4, expect.stringMatching(/"kind" must be one of/)],
      ]);
      expect(db.prepare('SELECT external_id FROM items ORDER BY external_id').pluck().all()).toEqual(['exact', 'ok']);
    }
  });

  it('refuses rows whose identifying fields hold control characters', async () => {
    const db = memoryDb();
    const report = await importText(
      db,
      'items.csv',
      [HEADER, row('ok1'), row('a\u0000b'), `x,ok2,comment,"a\u001bb",2025-01-05T10:00:00Z,t`, row('ok3')].join('\n'),
    );
    expect(report.errors.map((e) => [e.line, e.message])).toEqual([
      [3, expect.stringMatching(/field "id" contains a control character \(U\+0000/)],
      [4, expect.stringMatching(/field "author" contains a control character \(U\+001B/)],
    ]);
    expect(report.items.inserted).toBe(2);
  });

  it('stops, and says so, where the CSV parser reads as one record what the splitter read as lines', async () => {
    const db = memoryDb();
    // Lines end in LF, but one field holds lone CRs: short lines to the splitter, one long record to the parser.
    const crs = Array.from({ length: 3_000 }, () => 'c'.repeat(1_000)).join('\r');
    const text = [HEADER, row('first'), row('odd', crs), row('never-read')].join('\n');
    const report = await importText(db, 'items.csv', `${text}\n`, { chunk: 500_000 });
    expect(report.errors).toEqual([
      {
        file: 'items.csv',
        line: expect.any(Number),
        message: 'a record longer than the CSV reader takes (2,097,152 characters): the rest of the file was not read',
      },
    ]);
    expect(db.prepare('SELECT external_id FROM items').pluck().all()).toEqual(['first']);
  });
});

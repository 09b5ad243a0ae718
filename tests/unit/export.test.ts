import type { Database } from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { applyDecision, claimItems, labelItems, noteItem, undoEvents } from '../../src/core/decisions/decide';
import { CSV_COLUMNS, csvCell, exportPage } from '../../src/core/export/export';
import { account, actor, importText, item, itemId, memoryDb, ndjson } from './helpers';

const SOURCE = ndjson([
  account('a1'),
  item('m1', { text: 'Hello, "quoted" text\nwith a line break', thread: 'm1', lang: 'en', intent: 'question' }),
  item('r1', { kind: 'review', rating: 2, target: 'Breeze kettle', author: 'a1', url: 'https://shop.example/r1' }),
  item('c1', { kind: 'comment', author: 'stub-author', text: ' leading and trailing space ' }),
  item('p1', { kind: 'post', author: null, createdAt: undefined }),
]);

async function decided(): Promise<Database> {
  const db = memoryDb();
  await importText(db, 'source.ndjson', SOURCE, { now: Date.UTC(2025, 0, 6) });
  const who = actor('ana');
  const [m1, r1, c1] = [itemId(db, 'm1'), itemId(db, 'r1'), itemId(db, 'c1')];
  applyDecision(db, who, { itemIds: [m1], action: 'reply', note: 'We are on it', templateId: 'answer-question' });
  labelItems(db, who, { itemIds: [m1, r1], add: ['billing', 'vip'], remove: [] });
  who.tick(60_000);
  applyDecision(db, who, { itemIds: [r1], action: 'spam', reason: 'paid review' });
  const [wrong] = applyDecision(db, who, { itemIds: [c1], action: 'remove', reason: 'misclick' });
  undoEvents(db, who, [wrong!.eventId]);
  claimItems(db, who, { itemIds: [c1], claim: true });
  noteItem(db, who, { itemId: r1, text: 'third one from this shop today' });
  return db;
}

function exportAll(db: Database, format: 'ndjson' | 'csv', limit: number): string {
  let text = '';
  let cursor: number | null = 0;
  while (cursor !== null) {
    const page = exportPage(db, format, cursor, limit);
    text += page.text;
    cursor = page.nextCursor;
  }
  return text;
}

type Exported = {
  id: string;
  status: string;
  labels: string[];
  assignee: string | null;
  decidedBy: string | null;
  decisions: { action: string; reason: string | null; note: string | null; undone: boolean; undoOf: string | null; payload: unknown }[];
  [k: string]: unknown;
};

describe('export', () => {
  it('writes NDJSON lines with status, labels and every decision, page by page', async () => {
    const db = await decided();
    const text = exportAll(db, 'ndjson', 2);
    expect(exportAll(db, 'ndjson', 1000)).toBe(text);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Exported);
    expect(lines.map((l) => l.id)).toEqual(['m1', 'r1', 'c1', 'p1']);
    const [m1, r1, c1, p1] = lines as [Exported, Exported, Exported, Exported];

    expect(m1).toMatchObject({
      type: 'item',
      status: 'replied',
      labels: ['billing', 'vip'],
      decidedBy: 'ana',
      intent: 'question',
      thread: 'm1',
    });
    expect(m1.text).toBe('Hello, "quoted" text\nwith a line break');
    expect(m1.decisions.map((d) => d.action)).toEqual(['reply', 'label']);
    expect(m1.decisions[0]).toMatchObject({ note: 'We are on it', payload: { templateId: 'answer-question' } });

    expect(r1).toMatchObject({ status: 'spam', rating: 2, target: 'Breeze kettle', author: 'a1', url: 'https://shop.example/r1' });
    expect(r1.decisions.map((d) => [d.action, d.reason, d.note])).toEqual([
      ['label', null, null],
      ['spam', 'paid review', null],
      ['note', null, 'third one from this shop today'],
    ]);

    expect(c1).toMatchObject({ status: 'new', assignee: 'ana', author: 'stub-author' });
    expect(c1.decisions.map((d) => [d.action, d.undone])).toEqual([
      ['remove', true],
      ['undo', false],
      ['claim', false],
    ]);
    expect(p1).toMatchObject({ status: 'new', decisions: [], createdAt: null });
  });

  it('writes CSV with a header and one row per item, quoting what needs it', async () => {
    const db = await decided();
    const text = exportAll(db, 'csv', 3);
    expect(exportAll(db, 'csv', 1000)).toBe(text);
    expect(text.split('\n')[0]).toBe(CSV_COLUMNS.join(','));
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(['m1', 'r1', 'c1', 'p1']);
    const [m1, r1, c1] = rows as [Record<string, string>, Record<string, string>, Record<string, string>];
    expect(m1).toMatchObject({
      status: 'replied',
      labels: 'billing|vip',
      decidedBy: 'ana',
      decisionCount: '2',
      text: 'Hello, "quoted" text\nwith a line break',
    });
    expect(r1).toMatchObject({
      status: 'spam',
      rating: '2',
      decisionCount: '3',
      lastReason: '',
      lastNote: 'third one from this shop today',
    });
    // the undone removal and the undo are counted, but are not "the last decision"
    expect(c1).toMatchObject({ status: 'new', assignee: 'ana', decisionCount: '3', text: ' leading and trailing space ' });
    expect(c1.lastReason).toBe('');
  });

  it('an empty database exports nothing (CSV: the header)', () => {
    const db = memoryDb();
    expect(exportPage(db, 'ndjson', 0, 100)).toEqual({ text: '', nextCursor: null, rows: 0 });
    expect(exportPage(db, 'csv', 0, 100).text).toBe(`${CSV_COLUMNS.join(',')}\n`);
  });

  it('csvCell quotes commas, quotes, line breaks and edge spaces only', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' pad')).toBe('" pad"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
  });

  it('round trip: the NDJSON export imported into a fresh database gives the same items, decisions as extra data', async () => {
    const db = await decided();
    const text = exportAll(db, 'ndjson', 2);
    const fresh = memoryDb();
    const report = await importText(fresh, 'vigil-export.ndjson', text, { chunk: 97 });
    expect(report.errors).toEqual([]);
    expect(report.items).toEqual({ inserted: 4, updated: 0 });

    const cols =
      'i.platform, i.external_id, i.kind, a.external_id AS author, i.text, i.target, i.rating, i.thread, i.parent, i.url, i.lang, i.queue';
    const q = `SELECT ${cols}, i.created_at FROM items i LEFT JOIN accounts a ON a.id = i.author_id ORDER BY i.external_id`;
    const original = db.prepare(q).all() as { created_at: number | null }[];
    const copied = fresh.prepare(q).all() as { created_at: number | null }[];
    // an item without a date was dated by its first import; the export carried no date, so the
    // copy is dated by its own import
    const undated = (rows: typeof original) => rows.map((r) => ({ ...r, created_at: r.created_at === null ? 'none' : r.created_at }));
    expect(undated(copied)).toEqual(undated(original));

    // nothing was decided in the copy: the decisions are data, not events
    expect(fresh.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    expect(fresh.prepare('SELECT DISTINCT status FROM items').pluck().all()).toEqual(['new']);
    const extra = JSON.parse(fresh.prepare("SELECT extra FROM items WHERE external_id = 'r1'").pluck().get() as string) as Record<
      string,
      unknown
    >;
    expect(extra).toMatchObject({ status: 'spam', labels: ['billing', 'vip'], queue: 'reviews', decidedBy: 'ana' });
    expect((extra.decisions as { action: string }[]).map((d) => d.action)).toEqual(['label', 'spam', 'note']);
    const m1extra = JSON.parse(fresh.prepare("SELECT extra FROM items WHERE external_id = 'm1'").pluck().get() as string) as Record<
      string,
      unknown
    >;
    expect(m1extra.intent).toBe('question');

    // exporting the copy gives the same interchange fields back; its own decisions are none
    const lines = (t: string) =>
      t
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Exported);
    const pick = (e: Exported) => {
      const { type, platform, id, kind, author, createdAt, text: body, target, rating, thread, parent, url, lang, intent } = e;
      return { type, platform, id, kind, author, createdAt, body, target, rating, thread, parent, url, lang, intent };
    };
    const again = lines(exportAll(fresh, 'ndjson', 10));
    const first = lines(text);
    expect(again.map(pick)).toEqual(first.map(pick));
    expect(again.map((e) => [e.status, e.decisions])).toEqual(first.map(() => ['new', []]));
  });

  it('the CSV export imports back as items too', async () => {
    const db = await decided();
    const fresh = memoryDb();
    const report = await importText(fresh, 'export.csv', exportAll(db, 'csv', 1000), { chunk: 5 });
    expect(report.errors).toEqual([]);
    expect(report.items.inserted).toBe(4);
    const q = 'SELECT external_id, kind, text, target, rating FROM items ORDER BY external_id';
    expect(fresh.prepare(q).all()).toEqual(db.prepare(q).all());
    expect(JSON.parse(fresh.prepare("SELECT extra FROM items WHERE external_id = 'm1'").pluck().get() as string)).toMatchObject({
      status: 'replied',
      labels: 'billing|vip',
    });
  });
});

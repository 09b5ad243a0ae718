// Every filter shape the queue offers is served by an index that yields rows in priority
// order: no full table scan, and no temporary sort except for text search, where FTS5 finds
// the (few) matches and they are then sorted (documented in src/core/queue/query.ts).
import type { Database } from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { applyDecision, labelItems } from '../../src/core/decisions/decide';
import { countSql, fewMatches, pageSql, queueCount, queuePage, riskRangeSql, searchWalkSql } from '../../src/core/queue/query';
import { loadWorkload } from '../../src/core/seed/load';
import { TOUCH_AUTHOR_SQL } from '../../src/core/detection/scores/item-scores';
import { rescore } from '../../src/core/detection/scores/rescore';
import { DEFAULT_THRESHOLDS, type QueueFilter } from '../../src/shared/model';
import { actor } from './helpers';
import { plan, planRows } from './query-plan';

interface Shape {
  name: string;
  filter: QueueFilter;
  /** Index the page query must walk (by name), when there is one obvious choice. */
  index?: RegExp;
  /** Text search: FTS5 finds the matches, which are then sorted by priority. */
  sorted?: boolean;
}

const SHAPES: Shape[] = [
  { name: 'default (new, all queues)', filter: {}, index: /item_order_status_priority/ },
  { name: 'queue', filter: { queue: 'mentions' }, index: /item_order_queue_status_priority/ },
  // A dimension in a status, many of its items: the status index walked, the dimension checked
  // in it (few of them: see 'a dimension in a status' below).
  { name: 'kind', filter: { kind: 'review' }, index: /item_order_status_priority \(status=\?\)/ },
  { name: 'platform', filter: { platform: 'youtube' }, index: /item_order_status_priority \(status=\?\)/ },
  { name: 'target', filter: { target: 'Northwind' }, index: /item_order_status_priority \(status=\?\)/ },
  { name: 'kind + platform', filter: { kind: 'review', platform: 'shop' }, index: /item_order_status_priority \(status=\?\)/ },
  { name: 'queue + kind', filter: { queue: 'mentions', kind: 'reply' }, index: /item_order_queue_status_priority/ },
  { name: 'status approved', filter: { status: 'approved' }, index: /item_order_status_priority/ },
  { name: 'kind, approved', filter: { kind: 'review', status: 'approved' }, index: /item_order_status_priority \(status=\?\)/ },
  { name: 'platform, spam', filter: { platform: 'youtube', status: 'spam' }, index: /item_order_status_priority \(status=\?\)/ },
  { name: 'target, approved', filter: { target: 'Northwind', status: 'approved' }, index: /item_order_status_priority \(status=\?\)/ },
  { name: 'status all', filter: { status: 'all' }, index: /item_order_priority/ },
  { name: 'queue, all statuses', filter: { queue: 'reviews', status: 'all' }, index: /item_order_queue_priority/ },
  { name: 'kind, all statuses', filter: { kind: 'review', status: 'all' }, index: /item_order_kind_priority/ },
  { name: 'platform, all statuses', filter: { platform: 'youtube', status: 'all' }, index: /item_order_platform_priority/ },
  { name: 'target, all statuses', filter: { target: 'Northwind', status: 'all' }, index: /item_order_target_priority/ },
  {
    name: 'queue + kind, all statuses',
    filter: { queue: 'mentions', kind: 'reply', status: 'all' },
    index: /item_order_(queue|kind)_priority/,
  },
  { name: 'label', filter: { label: 'urgent' }, index: /item_labels_label_status_priority/ },
  { name: 'label, all statuses', filter: { label: 'urgent', status: 'all' }, index: /item_labels_label_priority/ },
  { name: 'search', filter: { search: 'refund' }, sorted: true },
  { name: 'search + label', filter: { search: 'refund', label: 'urgent' }, sorted: true },
  { name: 'by score', filter: { sort: 'risk' }, index: /items_status_risk/ },
  { name: 'queue, by score', filter: { queue: 'comments', sort: 'risk' }, index: /items_queue_status_risk/ },
  { name: 'all statuses, by score', filter: { status: 'all', sort: 'risk' }, index: /items_risk/ },
  { name: 'kind, by score', filter: { kind: 'review', sort: 'risk' }, index: /items_status_risk/ },
  { name: 'label, by score', filter: { label: 'urgent', sort: 'risk' }, index: /items_status_risk/ },
  { name: 'queue, score at least', filter: { queue: 'comments', minRisk: 0.3 }, index: /item_order_queue_status_priority/ },
  { name: 'score at least, by score', filter: { minRisk: 0.5, sort: 'risk' }, index: /items_status_risk/ },
  { name: 'score at least', filter: { minRisk: 0.5 }, index: /item_order_status_priority/ },
];

type Row = {
  id: number;
  queue: string;
  kind: string;
  platform: string;
  target: string | null;
  status: string;
  priority: number;
  risk: number;
  labels: string;
  text: string;
  handle: string | null;
};

const ROWS_SQL = `SELECT o.id, o.queue, o.kind, o.platform, o.target, o.status, o.priority, i.risk, i.labels, i.text, a.handle
  FROM item_order o JOIN items i ON i.id = o.id LEFT JOIN accounts a ON a.id = i.author_id`;

/**
 * Lines that read a real table without an index: `SCAN i`, `SCAN items`, `SCAN l`, … A
 * search's `matches` (what FTS5 and the handle index found) is read in full by design.
 */
function bareScans(lines: string[]): string[] {
  return lines.filter(
    (l) => l.trim() !== 'SCAN matches' && (/^SCAN \w+$/.test(l.trim()) || (/^SCAN /.test(l.trim()) && !/USING|VIRTUAL TABLE/.test(l))),
  );
}

/** What the queue must answer, computed the slow way from every row. */
function expected(all: Row[], f: QueueFilter): number[] {
  const status = f.status ?? 'new';
  const words = f.search ? (f.search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) : [];
  // A search that is one handle ("@" or not) finds that author's items too.
  const handle = f.search ? /^@?([\p{L}\p{N}_.-]+)$/u.exec(f.search.trim())?.[1]?.toLowerCase() : undefined;
  const byHandle = (r: Row) => handle !== undefined && r.handle !== null && [handle, `@${handle}`].includes(r.handle.toLowerCase());
  return all
    .filter((r) => status === 'all' || r.status === status)
    .filter((r) => f.queue === undefined || r.queue === f.queue)
    .filter((r) => f.kind === undefined || r.kind === f.kind)
    .filter((r) => f.platform === undefined || r.platform === f.platform)
    .filter((r) => f.target === undefined || r.target === f.target)
    .filter((r) => f.label === undefined || (JSON.parse(r.labels) as string[]).includes(f.label))
    .filter(
      (r) =>
        (words.length > 0 && words.every((w) => (r.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).some((t) => t.startsWith(w)))) ||
        byHandle(r) ||
        !f.search,
    )
    .filter((r) => f.minRisk === undefined || r.risk >= f.minRisk)
    .sort((a, b) => (f.sort === 'risk' ? b.risk - a.risk : b.priority - a.priority) || a.id - b.id)
    .map((r) => r.id);
}

function buildDatabase(): Database {
  const db = openDatabase(':memory:');
  loadWorkload(db, { items: 4000, seed: 11, now: Date.UTC(2025, 0, 6) });
  rescore(db, Date.UTC(2025, 0, 6), { thresholds: DEFAULT_THRESHOLDS });
  const who = actor();
  const ids = db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
  // a realistic spread: most items waiting, some decided, a label on a few hundred
  const approve = ids.filter((_, i) => i % 7 === 1);
  const spam = ids.filter((_, i) => i % 11 === 2);
  applyDecision(db, who, { itemIds: approve, action: 'approve' });
  applyDecision(db, who, { itemIds: spam, action: 'spam' });
  labelItems(db, who, { itemIds: ids.filter((_, i) => i % 13 === 0), add: ['urgent'], remove: [] });
  labelItems(db, who, { itemIds: ids.filter((_, i) => i % 17 === 0), add: ['vip'], remove: [] });
  return db;
}

describe.each([
  { stats: 'without ANALYZE', analyze: false },
  { stats: 'after ANALYZE', analyze: true },
])('queue query plans ($stats)', ({ analyze }) => {
  let db: Database;
  let all: Row[];
  beforeAll(() => {
    db = buildDatabase();
    if (analyze) db.exec('ANALYZE');
    all = db.prepare(ROWS_SQL).all() as Row[];
    return () => db.close();
  });

  it('has data for every shape to find', () => {
    for (const s of SHAPES) expect(expected(all, s.filter).length, s.name).toBeGreaterThan(0);
  });

  describe.each(SHAPES)('$name', (shape) => {
    it('page query walks an index in priority order', () => {
      const q = pageSql(shape.filter)!;
      const lines = planRows(db, q.sql, [...q.params, 50, 0]);
      const text = lines.join('\n');
      expect(bareScans(lines), text).toEqual([]);
      if (shape.index) expect(text).toMatch(shape.index);
      if (shape.sorted) {
        expect(text).toMatch(/VIRTUAL TABLE/);
      } else {
        expect(text, text).not.toMatch(/TEMP B-TREE/);
      }
      // the items themselves are reached through an index or their primary key, never a scan
      expect(
        lines.some((l) => /^(SEARCH|SCAN) i USING/.test(l.trim())),
        text,
      ).toBe(true);
    });

    it('count query uses an index too', () => {
      const q = countSql(shape.filter)!;
      const lines = planRows(db, q.sql, q.params);
      expect(bareScans(lines), lines.join('\n')).toEqual([]);
    });

    it('answers what a slow filter over every row answers', () => {
      const want = expected(all, shape.filter);
      expect(queuePage(db, shape.filter, 0, 50).map((r) => r.id)).toEqual(want.slice(0, 50));
      expect(queuePage(db, shape.filter, 20, 10).map((r) => r.id)).toEqual(want.slice(20, 30));
      expect(queueCount(db, shape.filter)).toBe(want.length);
    });
  });
});

describe('a search that matches thousands', () => {
  let db: Database;
  let all: Row[];
  beforeAll(() => {
    db = buildDatabase();
    all = db.prepare(ROWS_SQL).all() as Row[];
    return () => db.close();
  });

  it.each([{ status: undefined }, { status: 'all' as const }])('walks the priority index, with no sort (status $status)', ({ status }) => {
    const q = searchWalkSql({ search: 'the', status })!;
    const lines = planRows(db, q.sql, [...q.params, 50, 0]);
    const text = lines.join('\n');
    expect(text).toMatch(status === 'all' ? /item_order_priority/ : /item_order_status_priority/);
    expect(text).not.toMatch(/TEMP B-TREE/);
  });

  it('answers what sorting every match answers, and is chosen from the threshold on', () => {
    for (const filter of [{ search: 'the' }, { search: 'the', status: 'all' as const }, { search: 'great' }]) {
      const want = expected(all, filter);
      expect(want.length, filter.search).toBeGreaterThan(50);
      // A threshold of 1 forces the walk; a huge one forces the sort: both must agree.
      expect(queuePage(db, filter, 0, 50, 1).map((r) => r.id)).toEqual(want.slice(0, 50));
      expect(queuePage(db, filter, 30, 20, 1).map((r) => r.id)).toEqual(want.slice(30, 50));
      expect(queuePage(db, filter, 0, 50, Number.MAX_SAFE_INTEGER).map((r) => r.id)).toEqual(want.slice(0, 50));
    }
  });

  it('is not used with other filters, which have their own index', () => {
    expect(searchWalkSql({ search: 'the', queue: 'mentions' })).toBeNull();
    expect(searchWalkSql({ search: 'the', label: 'urgent' })).toBeNull();
    expect(searchWalkSql({ search: '!!!' })).toBeNull();
  });
});

describe('a search for an author’s handle', () => {
  let db: Database;
  let all: Row[];
  let handle: string;
  beforeAll(() => {
    db = buildDatabase();
    // An author with waiting and decided items, whose handle no item's text contains.
    handle = db
      .prepare(
        `SELECT a.handle FROM accounts a JOIN items i ON i.author_id = a.id
         WHERE NOT EXISTS (SELECT 1 FROM items_fts WHERE items_fts MATCH '"' || a.handle || '"')
         GROUP BY a.id HAVING count(*) >= 3 AND sum(i.status = 'new') >= 1 AND sum(i.status <> 'new') >= 1 ORDER BY a.id LIMIT 1`,
      )
      .pluck()
      .get() as string;
    // The same person stored by a source that writes handles with their "@".
    db.prepare("UPDATE accounts SET handle = '@' || handle WHERE handle = ?").run(handle);
    all = db.prepare(ROWS_SQL).all() as Row[];
    return () => db.close();
  });
  const authored = (status: string) =>
    all.filter((r) => r.handle === `@${handle}` && (status === 'all' || r.status === status)).map((r) => r.id);

  it.each([
    { typed: (h: string) => `@${h}`, status: undefined },
    { typed: (h: string) => h.toUpperCase(), status: undefined },
    { typed: (h: string) => `  @${h} `, status: 'all' as const },
  ])('finds the author’s items in priority order, sorted or walked alike ($status)', ({ typed, status }) => {
    const filter: QueueFilter = { search: typed(handle), status };
    const want = expected(all, filter);
    const mine = authored(status ?? 'new');
    expect(mine.length).toBeGreaterThan(0);
    expect(want).toEqual(expect.arrayContaining(mine));
    for (const walkMin of [1, Number.MAX_SAFE_INTEGER])
      expect(queuePage(db, filter, 0, 200, walkMin).map((r) => r.id)).toEqual(want.slice(0, 200));
    expect(queueCount(db, filter)).toBe(want.length);
  });

  it('reads the accounts and the author’s items through their indexes, matches first', () => {
    for (const status of [undefined, 'all' as const]) {
      const filter: QueueFilter = { search: `@${handle}`, status };
      for (const q of [pageSql(filter)!, searchWalkSql(filter)!]) {
        const lines = planRows(db, q.sql, [...q.params, 50, 0]);
        const text = lines.join('\n');
        expect(bareScans(lines), text).toEqual([]);
        expect(text).toMatch(/accounts_handle \(handle=\?\)/);
        expect(text).toMatch(/items_author_created \(author_id=\?\)/);
      }
      // The matches drive the few-rows shape: no status index walked in full to look them up.
      const few = planRows(db, pageSql(filter)!.sql, [...pageSql(filter)!.params, 50, 0]);
      expect(few.findIndex((l) => l.trim() === 'SCAN matches')).toBeLessThan(
        few.findIndex((l) => /SEARCH o USING INTEGER PRIMARY KEY/.test(l)),
      );
      const count = countSql(filter)!;
      expect(bareScans(planRows(db, count.sql, count.params))).toEqual([]);
    }
    // Several words are words of the text only: no handle to look up.
    expect(pageSql({ search: `@${handle} refund` })!.sql).not.toMatch(/handle COLLATE/);
  });

  it('binds what was typed: a hostile search is a handle that matches nobody, or no handle at all', () => {
    // A quote is no handle's: only the word is searched, in the text.
    const quote = pageSql({ search: "@x'--" })!;
    expect(quote.sql).not.toMatch(/handle COLLATE/);
    expect(quote.params).toEqual(['"x"*', 'new']);
    const like = pageSql({ search: '@_x.-' })!;
    expect(like.params).toEqual(expect.arrayContaining(['_x.-', '@_x.-']));
    expect(like.sql).not.toContain('_x.-');
    expect(queuePage(db, { search: '@_x.-' }, 0, 10)).toEqual([]);
    // "%" and "_" are not wildcards: a handle is compared whole.
    expect(
      queuePage(db, { search: `${handle.slice(0, -1)}_`, status: 'all' }, 0, 500).filter((r) => r.authorHandle === `@${handle}`),
    ).toEqual([]);
  });
});

describe('a dimension in a status', () => {
  let db: Database;
  let all: Row[];
  beforeAll(() => {
    db = buildDatabase();
    db.exec('ANALYZE');
    all = db.prepare(ROWS_SQL).all() as Row[];
    return () => db.close();
  });
  const FILTERS: { name: string; filter: QueueFilter; index: RegExp }[] = [
    { name: 'kind', filter: { kind: 'review' }, index: /item_order_kind_status \(kind=\? AND status=\?\)/ },
    { name: 'platform', filter: { platform: 'youtube' }, index: /item_order_platform_status \(platform=\? AND status=\?\)/ },
    { name: 'target', filter: { target: 'Northwind' }, index: /item_order_target_status \(target=\? AND status=\?\)/ },
    { name: 'kind + platform', filter: { kind: 'review', platform: 'shop' }, index: /item_order_kind_status \(kind=\? AND status=\?\)/ },
    { name: 'kind, score at least', filter: { kind: 'review', minRisk: 0.01 }, index: /item_order_kind_status \(kind=\? AND status=\?\)/ },
    { name: 'kind, approved', filter: { kind: 'comment', status: 'approved' }, index: /item_order_kind_status \(kind=\? AND status=\?\)/ },
  ];

  it.each(FILTERS)('few ($name): read along the (dimension, status) index and sorted, with no scan', ({ filter, index }) => {
    const q = pageSql(filter, new Set([filter.status ?? 'new']))!;
    const lines = planRows(db, q.sql, [...q.params, 50, 0]);
    expect(bareScans(lines)).toEqual([]);
    expect(lines.join('\n')).toMatch(index);
  });

  it.each(FILTERS)('few or many ($name): the same answer, and counting picks by the threshold', ({ filter }) => {
    const want = expected(all, filter);
    expect(want.length).toBeGreaterThan(30);
    // A threshold of 1 forces the walk; a huge one forces the sort: both must agree.
    for (const walkMin of [1, Number.MAX_SAFE_INTEGER]) {
      expect(queuePage(db, filter, 0, 50, walkMin).map((r) => r.id)).toEqual(want.slice(0, 50));
      expect(queuePage(db, filter, 20, 10, walkMin).map((r) => r.id)).toEqual(want.slice(20, 30));
    }
    expect([...fewMatches(db, filter, want.length)]).toEqual([]);
    expect([...fewMatches(db, filter, want.length + 1)]).toEqual([filter.status ?? 'new']);
  });

  it('is not asked with a queue, a label, a search or another order', () => {
    for (const filter of [
      { kind: 'review', queue: 'reviews' },
      { kind: 'review', label: 'urgent' },
      { kind: 'review', search: 'the' },
      { kind: 'review', sort: 'risk' },
      { kind: 'review', sort: 'due' },
      { status: 'approved' },
    ] as QueueFilter[]) {
      expect([...fewMatches(db, filter, Number.MAX_SAFE_INTEGER)]).toEqual([]);
    }
  });
});

describe('detection statements', () => {
  it('re-scoring an author’s items walks the author index, not every waiting item', () => {
    const db = openDatabase(':memory:');
    const text = plan(db, TOUCH_AUTHOR_SQL, [1]);
    expect(text).toMatch(/items_author_created/);
    expect(bareScans(text.split('\n'))).toEqual([]);
    db.close();
  });
});

describe('a score floor', () => {
  let db: Database;
  beforeAll(() => {
    db = buildDatabase();
    return () => db.close();
  });

  it('few rows over it: a range on the risk index, then sorted; many: the priority index walked', () => {
    const few = riskRangeSql({ minRisk: 0.9 })!;
    const text = plan(db, few.sql, [...few.params, 50, 0]);
    expect(text).toMatch(/items_status_risk \(status=\? AND risk>\?\)/);
    const many = pageSql({ minRisk: 0.01 })!;
    expect(plan(db, many.sql, [...many.params, 50, 0])).not.toMatch(/TEMP B-TREE/);
  });

  it('answers the same either way, on both sides of the threshold', () => {
    for (const minRisk of [0.01, 0.5, 0.9]) {
      const f: QueueFilter = { minRisk };
      const walked = db
        .prepare(pageSql(f)!.sql)
        .all(...pageSql(f)!.params, 50, 0)
        .map((r) => (r as { id: number }).id);
      const ranged = db
        .prepare(riskRangeSql(f)!.sql)
        .all(...riskRangeSql(f)!.params, 50, 0)
        .map((r) => (r as { id: number }).id);
      expect(walked).toEqual(ranged);
      expect(queuePage(db, f, 0, 50).map((r) => r.id)).toEqual(walked);
    }
  });
});

describe('queue query shapes', () => {
  it('the plan checks catch a scan and a sort when there is one', () => {
    const db = openDatabase(':memory:');
    try {
      const lines = planRows(db, "SELECT i.id FROM items i WHERE i.text = 'x' ORDER BY i.rating", []);
      expect(bareScans(lines)).not.toEqual([]);
      expect(lines.join('\n')).toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
    }
  });

  it('prepares one SQL text per shape: values are bound, never spliced', () => {
    const a = pageSql({ queue: "mentions' OR 1=1 --", label: 'x' })!;
    const b = pageSql({ queue: 'reviews', label: 'y' })!;
    expect(a.sql).toBe(b.sql);
    expect(a.sql).not.toContain('OR 1=1');
    expect(a.params).toContain("mentions' OR 1=1 --");
  });

  it('a search of only punctuation matches nothing, without an FTS syntax error', () => {
    const db = openDatabase(':memory:');
    try {
      expect(pageSql({ search: '"*()' })).toBeNull();
      expect(queuePage(db, { search: '"*()' }, 0, 10)).toEqual([]);
      expect(queueCount(db, { search: 'AND OR NOT "' })).toBe(0);
    } finally {
      db.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { applyDecision, claimItems, labelItems } from '../../src/core/decisions/decide';
import { priorityKey } from '../../src/core/queue/priority';
import { account, actor, importText, item, itemId, memoryDb, ndjson, queueCountsActual, queueCountsTable } from './helpers';

const FILE = ndjson([
  account('a1', { followers: 40 }),
  account('a2', { followers: 9000 }),
  item('i1', { author: 'a1' }),
  item('i2', { author: 'a2', kind: 'review', rating: 2, target: 'Breeze kettle' }),
  item('i3', { author: 'a1', kind: 'comment' }),
  { type: 'follow', platform: 'x', follower: 'a1', followee: 'a2' },
]);

const count = (db: ReturnType<typeof memoryDb>, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('importing again (upsert on platform + id)', () => {
  it('creates no duplicates and reports updates the second time', async () => {
    const db = memoryDb();
    const first = await importText(db, 'feed.ndjson', FILE);
    expect(first.accounts).toEqual({ inserted: 2, updated: 0 });
    expect(first.items).toEqual({ inserted: 3, updated: 0 });
    expect(first.follows).toEqual({ inserted: 1, updated: 0 });

    const second = await importText(db, 'feed.ndjson', FILE);
    expect(second.accounts).toEqual({ inserted: 0, updated: 2 });
    expect(second.items).toEqual({ inserted: 0, updated: 3 });
    expect(second.follows).toEqual({ inserted: 0, updated: 1 });
    expect(second.errors).toEqual([]);

    expect([count(db, 'accounts'), count(db, 'items'), count(db, 'follows')]).toEqual([2, 3, 1]);
    expect(db.prepare("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'i1'").pluck().get()).toBe(1);
    expect(queueCountsTable(db)).toEqual({ 'comments/new': 1, 'mentions/new': 1, 'reviews/new': 1 });
  });

  it('the same id on another platform is another record', async () => {
    const db = memoryDb();
    await importText(db, 'a.ndjson', ndjson([item('same', { author: null }), item('same', { author: null, platform: 'instagram' })]));
    expect(count(db, 'items')).toBe(2);
  });

  it('updates what the platform says: text (and its search index), target, rating', async () => {
    const db = memoryDb();
    await importText(db, 'feed.ndjson', FILE);
    await importText(
      db,
      'edit.ndjson',
      ndjson([item('i2', { author: 'a2', kind: 'review', rating: 4, target: 'Breeze kettle v2', text: 'Edited: actually fine' })]),
    );
    expect(db.prepare("SELECT text, rating, target FROM items WHERE external_id = 'i2'").get()).toEqual({
      text: 'Edited: actually fine',
      rating: 4,
      target: 'Breeze kettle v2',
    });
    const match = (w: string) => db.prepare('SELECT count(*) FROM items_fts WHERE items_fts MATCH ?').pluck().get(w);
    expect(match('edited')).toBe(1);
    expect(match('"text of i2"')).toBe(0);
  });

  it('never changes the status, labels, assignee or version that events decided', async () => {
    const db = memoryDb();
    await importText(db, 'feed.ndjson', FILE);
    const who = actor();
    const [i1, i2] = [itemId(db, 'i1'), itemId(db, 'i2')];
    applyDecision(db, who, { itemIds: [i1], action: 'spam' });
    labelItems(db, who, { itemIds: [i1, i2], add: ['urgent'], remove: [] });
    claimItems(db, who, { itemIds: [i2], claim: true });
    const decided = () =>
      db.prepare('SELECT external_id, status, labels, assignee, version, decided_by, decided_at FROM items ORDER BY external_id').all();
    const before = decided();
    const events = count(db, 'events');

    // the platform sends the items again, and even claims a status of its own
    const again = FILE.replace(/"type":"item"/g, '"type":"item","status":"approved","labels":["platform"],"assignee":"someone"');
    const report = await importText(db, 'feed.ndjson', again);
    expect(report.items.updated).toBe(3);

    expect(decided()).toEqual(before);
    expect(count(db, 'events')).toBe(events);
    expect(queueCountsTable(db)).toEqual(queueCountsActual(db));
    // the platform's own fields of that name are kept, as extra data
    expect(JSON.parse(db.prepare('SELECT extra FROM items WHERE id = ?').pluck().get(i1) as string)).toEqual({
      status: 'approved',
      labels: ['platform'],
      assignee: 'someone',
    });
    expect(db.prepare("SELECT item_id, status FROM item_labels WHERE label = 'urgent' ORDER BY item_id").all()).toEqual([
      { item_id: i1, status: 'spam' },
      { item_id: i2, status: 'new' },
    ]);
  });

  it('an author not yet imported becomes a stub that the account record fills in later', async () => {
    const db = memoryDb();
    const at = '2025-01-05T10:00:00Z';
    await importText(
      db,
      'items.ndjson',
      ndjson([item('i1', { author: 'ghost', createdAt: at }), item('i2', { author: 'ghost', kind: 'review', rating: 5, createdAt: at })]),
    );
    const stub = db.prepare("SELECT id, handle, stub, followers FROM accounts WHERE external_id = 'ghost'").get() as { id: number };
    expect(stub).toMatchObject({ handle: 'ghost', stub: 1, followers: null });
    const [i1, i2] = [itemId(db, 'i1'), itemId(db, 'i2')];
    // Priority holds the first detection verdict (the text, the author as known) from the start.
    const risk = (id: number) => db.prepare('SELECT risk FROM items WHERE id = ?').pluck().get(id) as number;
    // Urgency counts from the first-response due of the default SLA policy (migration 0016).
    const due = (id: number) => db.prepare('SELECT sla_due FROM item_order WHERE id = ?').pluck().get(id) as number;
    expect(due(i1)).toBeGreaterThan(Date.parse(at));
    expect(risk(i1)).toBeGreaterThan(0);
    expect(db.prepare('SELECT priority FROM item_order WHERE id = ?').pluck().get(i1)).toBeCloseTo(
      priorityKey('mention', null, due(i1), risk(i1)),
      9,
    );
    labelItems(db, actor(), { itemIds: [i2], add: ['vip'], remove: [] });

    const report = await importText(db, 'accounts.ndjson', ndjson([account('ghost', { handle: 'real_handle', followers: 250_000 })]));
    expect(report.accounts).toEqual({ inserted: 0, updated: 1 });
    const filled = db.prepare("SELECT id, handle, stub, followers, name FROM accounts WHERE external_id = 'ghost'").get();
    expect(filled).toEqual({ id: stub.id, handle: 'real_handle', stub: 0, followers: 250_000, name: 'Name ghost' });
    expect(count(db, 'accounts')).toBe(1);
    expect(db.prepare('SELECT author_id FROM items WHERE id = ?').pluck().get(i1)).toBe(stub.id);

    // the author's reach is part of priority: their items are re-ranked, labels index too
    const p1 = db.prepare('SELECT priority FROM item_order WHERE id = ?').pluck().get(i1) as number;
    const p2 = db.prepare('SELECT priority FROM item_order WHERE id = ?').pluck().get(i2) as number;
    expect(p1).toBeCloseTo(priorityKey('mention', 250_000, due(i1), risk(i1)), 9);
    expect(p2).toBeCloseTo(priorityKey('review', 250_000, due(i2), risk(i2)), 9);
    expect(db.prepare('SELECT priority FROM item_labels WHERE item_id = ?').pluck().get(i2)).toBe(p2);
  });

  it('follows of unknown accounts make stubs too, and a follow is stored once', async () => {
    const db = memoryDb();
    const f = { type: 'follow', platform: 'x', follower: 'f1', followee: 'star' };
    const report = await importText(db, 'follows.ndjson', ndjson([f, f, { ...f, follower: 'f2' }]));
    expect(report.follows).toEqual({ inserted: 2, updated: 1 });
    expect(db.prepare('SELECT external_id, stub FROM accounts ORDER BY external_id').all()).toEqual([
      { external_id: 'f1', stub: 1 },
      { external_id: 'f2', stub: 1 },
      { external_id: 'star', stub: 1 },
    ]);
  });

  it('an item without a date is dated by its import', async () => {
    const db = memoryDb();
    const now = Date.UTC(2025, 0, 6, 8);
    await importText(db, 'x.ndjson', ndjson([item('nodate', { createdAt: undefined, author: null })]), { now });
    const r = db
      .prepare(
        "SELECT i.created_at, i.imported_at, o.priority, i.risk, o.sla_due FROM items i JOIN item_order o ON o.id = i.id WHERE i.external_id = 'nodate'",
      )
      .get() as { risk: number; sla_due: number };
    // Its SLA counts from the import too: the first-response due is after it.
    expect(r.sla_due).toBeGreaterThan(now);
    expect(r).toEqual({
      created_at: null,
      imported_at: now,
      priority: priorityKey('mention', null, r.sla_due, r.risk),
      risk: r.risk,
      sla_due: r.sla_due,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { applyDecision, labelItems, undoEvents } from '../../src/core/decisions/decide';
import { facets } from '../../src/core/queue/facets';
import { queueCount, queueCounts } from '../../src/core/queue/query';
import { loadWorkload } from '../../src/core/seed/load';
import { stats } from '../../src/core/app/stats';
import { account, actor, importText, item, itemId, memoryDb, ndjson, queueCountsActual, queueCountsTable } from './helpers';

const FILE = ndjson([
  account('a1'),
  item('m1'),
  item('m2', { kind: 'reply' }),
  item('r1', { kind: 'review', rating: 5, target: 'Breeze kettle', platform: 'shop' }),
  item('r2', { kind: 'review', rating: 1, target: 'The Drake', platform: 'hotels' }),
  item('c1', { kind: 'comment', platform: 'youtube', target: 'Spring collection launch' }),
  item('c2', { kind: 'comment', platform: 'youtube', target: 'Spring collection launch' }),
  { type: 'follow', platform: 'x', follower: 'a2', followee: 'a1' },
]);

describe('stats', () => {
  it('counts items, accounts, follows, statuses, kinds, decisions in force, events and outbox', async () => {
    const db = memoryDb();
    await importText(db, 'f.ndjson', FILE);
    const who = actor();
    applyDecision(db, who, { itemIds: [itemId(db, 'm1'), itemId(db, 'm2')], action: 'approve' });
    const [spam] = applyDecision(db, who, { itemIds: [itemId(db, 'c1', 'youtube')], action: 'spam' });
    undoEvents(db, who, [spam!.eventId]);
    labelItems(db, who, { itemIds: [itemId(db, 'r1', 'shop')], add: ['x'], remove: [] });

    expect(stats(db)).toEqual({
      items: 6,
      // x/a1 and the follower x/a2, plus a stub "a1" on each platform where only items name it
      accounts: 5,
      follows: 1,
      byStatus: { new: 4, approved: 2 },
      byKind: { mention: 1, reply: 1, review: 2, comment: 2 },
      decisions: 2, // the undone spam decision is not in force
      events: 5,
      outbox: 5,
    });
  });

  it('of an empty database is all zeros', () => {
    expect(stats(memoryDb())).toEqual({ items: 0, accounts: 0, follows: 0, byStatus: {}, byKind: {}, decisions: 0, events: 0, outbox: 0 });
  });
});

describe('queue counts', () => {
  it('equal COUNT(*) by queue and status after imports, re-imports, decisions and undos', async () => {
    const db = memoryDb();
    loadWorkload(db, { items: 2500, seed: 9, now: Date.UTC(2025, 0, 6) });
    await importText(db, 'f.ndjson', FILE);
    await importText(db, 'f.ndjson', FILE);
    expect(queueCountsTable(db)).toEqual(queueCountsActual(db));

    const who = actor();
    const ids = db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
    applyDecision(db, who, { itemIds: ids.filter((_, i) => i % 3 === 0), action: 'approve' });
    const removed = applyDecision(db, who, { itemIds: ids.filter((_, i) => i % 5 === 1), action: 'remove' });
    applyDecision(db, who, { itemIds: ids.filter((_, i) => i % 6 === 0), action: 'escalate' });
    undoEvents(
      db,
      who,
      removed.filter((_, i) => i % 2 === 0).map((o) => o.eventId),
    );
    expect(queueCountsTable(db)).toEqual(queueCountsActual(db));

    const counts = queueCounts(db);
    const open = db.prepare("SELECT queue, count(*) AS n FROM items WHERE status = 'new' GROUP BY queue").all() as {
      queue: string;
      n: number;
    }[];
    const total = db.prepare('SELECT queue, count(*) AS n FROM items GROUP BY queue').all() as { queue: string; n: number }[];
    expect(counts.queues).toEqual(total.map((t) => ({ queue: t.queue, total: t.n, open: open.find((o) => o.queue === t.queue)?.n ?? 0 })));
    expect(counts.total).toBe(ids.length);
    expect(counts.open).toBe(db.prepare("SELECT count(*) FROM items WHERE status = 'new'").pluck().get());

    // the sidebar's counters agree with counting the rows
    for (const f of [
      {},
      { queue: 'reviews' },
      { status: 'all' as const },
      { queue: 'comments', status: 'approved' as const },
      { status: 'escalated' as const },
    ]) {
      const where: string[] = [];
      const params: unknown[] = [];
      if ('queue' in f) {
        where.push('queue = ?');
        params.push(f.queue);
      }
      const status = 'status' in f ? f.status : 'new';
      if (status !== 'all') {
        where.push('status = ?');
        params.push(status);
      }
      const n = db
        .prepare(`SELECT count(*) FROM items ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
        .pluck()
        .get(...params);
      expect(queueCount(db, f), JSON.stringify(f)).toBe(n);
    }
  });
});

describe('facets', () => {
  it('lists the distinct labels, platforms, queues and targets, sorted', async () => {
    const db = memoryDb();
    await importText(db, 'f.ndjson', FILE);
    const who = actor();
    labelItems(db, who, { itemIds: [itemId(db, 'm1'), itemId(db, 'm2')], add: ['vip', 'billing'], remove: [] });
    labelItems(db, who, { itemIds: [itemId(db, 'm2')], add: [], remove: ['vip'] });
    const [gone] = labelItems(db, who, { itemIds: [itemId(db, 'm1')], add: ['temporary'], remove: [] });
    undoEvents(db, who, [gone!.eventId]);

    expect(facets(db)).toEqual({
      labels: ['billing', 'vip'],
      platforms: ['hotels', 'shop', 'x', 'youtube'],
      queues: ['comments', 'mentions', 'reviews'],
      targets: ['Breeze kettle', 'Spring collection launch', 'The Drake'],
    });
  });

  it('a queue whose items all moved away is not offered', async () => {
    const db = memoryDb();
    await importText(db, 'f.ndjson', FILE);
    db.prepare("UPDATE items SET queue = 'escalations' WHERE queue = 'reviews'").run();
    expect(facets(db).queues).toEqual(['comments', 'escalations', 'mentions']);
  });

  it('of an empty database is empty', () => {
    expect(facets(memoryDb())).toEqual({ labels: [], platforms: [], queues: [], targets: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { applyDecision, undoEvents } from '../../src/core/decisions/decide';
import { itemDetail } from '../../src/core/items/detail';
import { VigilFailure } from '../../src/shared/errors';
import { account, actor, importText, item, itemId, memoryDb, ndjson } from './helpers';

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>alert(1)</script>';

const FILE = ndjson([
  account('a1', { followers: 1500, verified: true, bio: 'Coffee lover' }),
  account('brand', { handle: 'northwind' }),
  item('t1', { thread: 't1', createdAt: '2025-01-05T10:00:00Z', text: 'Where is my order?' }),
  item('t2', { thread: 't1', parent: 't1', author: 'brand', kind: 'reply', createdAt: '2025-01-05T10:05:00Z', text: 'Sorry! DM us.' }),
  item('t3', {
    thread: 't1',
    parent: 't2',
    createdAt: '2025-01-05T10:09:00Z',
    text: HOSTILE,
    lang: 'en',
    url: 'https://x.example/t3',
    clientTag: 7,
  }),
  item('p1', { createdAt: '2025-01-04T10:00:00Z', text: 'root' }),
  item('p2', { parent: 'p1', createdAt: '2025-01-04T11:00:00Z', text: 'child' }),
  item('p3', { parent: 'p2', createdAt: '2025-01-04T12:00:00Z', text: 'grandchild' }),
  item('loner', { author: null, text: 'nobody' }),
]);

describe('item detail', () => {
  it('has the full item (text as stored), its author card with decision history, thread and events', async () => {
    const db = memoryDb();
    await importText(db, 'f.ndjson', FILE);
    const who = actor('ana');
    const [t1, t3, p1] = [itemId(db, 't1'), itemId(db, 't3'), itemId(db, 'p1')];
    applyDecision(db, who, { itemIds: [t1], action: 'approve' });
    applyDecision(db, who, { itemIds: [p1], action: 'fake' });
    const [spam] = applyDecision(db, who, { itemIds: [t3], action: 'spam' });
    undoEvents(db, who, [spam!.eventId]);

    const d = itemDetail(db, t3);
    expect(d.item).toMatchObject({
      id: t3,
      externalId: 't3',
      text: HOSTILE,
      lang: 'en',
      url: 'https://x.example/t3',
      parent: 't2',
      status: 'new',
      version: 2,
    });
    expect(d.item.extra).toEqual({ clientTag: 7 });
    expect(d.author).toMatchObject({
      externalId: 'a1',
      followers: 1500,
      verified: true,
      bio: 'Coffee lover',
      itemCount: 5,
      markedFake: true,
    });
    expect(d.author!.decisions).toEqual({ approved: 1, fake: 1 });
    expect(d.author!.recentItems[0]!.id).toBe(t3);
    expect(d.thread.map((t) => [t.text, t.authorHandle])).toEqual([
      ['Where is my order?', 'h_a1'],
      ['Sorry! DM us.', 'northwind'],
      [HOSTILE, 'h_a1'],
    ]);
    expect(d.events.map((e) => [e.action, e.undoneBy !== null, e.undoOf])).toEqual([
      ['spam', true, null],
      ['undo', false, spam!.eventId],
    ]);
  });

  it('follows the parent chain when there is no thread id', async () => {
    const db = memoryDb();
    await importText(db, 'f.ndjson', FILE);
    expect(itemDetail(db, itemId(db, 'p3')).thread.map((t) => t.text)).toEqual(['root', 'child', 'grandchild']);
    expect(itemDetail(db, itemId(db, 'p1')).thread).toEqual([]);
  });

  it('an item without author has no card; an unknown item is not_found', async () => {
    const db = memoryDb();
    await importText(db, 'f.ndjson', FILE);
    expect(itemDetail(db, itemId(db, 'loner')).author).toBeNull();
    expect(() => itemDetail(db, 987_654)).toThrow(VigilFailure);
  });
});

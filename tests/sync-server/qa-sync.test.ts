// Quality review works offline and syncs: a supervisor's draw and a reviewer's blind review,
// each made on its own workstation while cut off, reach the server and every other
// workstation, whose review tables and agreement then say the same.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/index';
import { call } from '../unit/call';
import { serve, workstation } from './loopback';

const USERS = {
  users: [
    ['ana', 'moderator'],
    ['bo', 'moderator'],
    ['sam', 'supervisor'],
  ],
} as const;

const ITEMS = ['i1', 'i2', 'i3', 'i4'].map((id) => ({
  type: 'item',
  platform: 'x',
  id,
  kind: 'mention',
  text: `message ${id} about a late order`,
  createdAt: '2026-11-20T10:00:00Z',
}));

const idOf = (core: Core, id: string) => core.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(id) as number;
const reviews = (core: Core) =>
  core.db
    .prepare('SELECT r.reviewer, r.answer, r.blind, i.external_id AS item FROM qa_reviews r JOIN items i ON i.id = r.item_id ORDER BY item')
    .all();

describe('quality review across workstations', () => {
  it('a draw and a review made offline sync, and every workstation agrees on the figures', async () => {
    const url = await serve('sqlite', USERS);
    const ana = await workstation(url, 'ana', { records: ITEMS });
    const bo = await workstation(url, 'bo', { records: ITEMS });
    const sam = await workstation(url, 'sam', { records: ITEMS });
    await call(ana, 'decision.apply', { itemIds: ['i1', 'i2', 'i3', 'i4'].map((x) => idOf(ana, x)), action: 'approve' });
    await call(ana, 'sync.run', {});
    await call(sam, 'sync.run', {});
    // The supervisor draws the whole period's four decisions, then is offline until it syncs.
    const d = await call(sam, 'qa.draw', { from: 0, to: Date.now() + 60_000, size: 4, seed: 3 });
    expect(d.picked).toBe(4);
    expect((await call(sam, 'sync.status', {})).outbox).toBe(4);
    await call(sam, 'sync.run', {});
    // bo gets the picks, reviews blind; his answers wait in the outbox until he syncs.
    await call(bo, 'sync.run', {});
    const tasks = (await call(bo, 'qa.queue', {})).tasks;
    expect(tasks).toHaveLength(4);
    expect(tasks.every((t) => t.blind && t.decision === null)).toBe(true);
    for (const t of tasks) {
      const item = bo.db.prepare('SELECT external_id FROM items WHERE id = ?').pluck().get(t.itemId) as string;
      await call(bo, 'qa.review', { itemId: t.itemId, of: t.of, answer: item === 'i4' ? 'remove' : 'approve', blind: true, draw: t.draw });
    }
    // He answered every pick: none is his to review again.
    expect((await call(bo, 'qa.queue', {})).tasks).toEqual([]);
    expect((await call(bo, 'sync.run', {})).refused).toEqual([]);
    // ana and sam pull: the same reviews, the same agreement.
    await call(ana, 'sync.run', {});
    await call(sam, 'sync.run', {});
    const expected = [
      { reviewer: 'bo', answer: 'approve', blind: 1, item: 'i1' },
      { reviewer: 'bo', answer: 'approve', blind: 1, item: 'i2' },
      { reviewer: 'bo', answer: 'approve', blind: 1, item: 'i3' },
      { reviewer: 'bo', answer: 'remove', blind: 1, item: 'i4' },
    ];
    for (const w of [ana, bo, sam]) expect(reviews(w)).toEqual(expected);
    const figures = await call(sam, 'qa.agreement', { seed: 1 });
    expect(figures.units).toBe(4);
    expect(figures.pairs).toEqual([
      expect.objectContaining({ a: 'ana', b: 'bo', kappa: expect.objectContaining({ percent: 0.75, units: 4 }) }),
    ]);
    expect(await call(bo, 'qa.agreement', { seed: 1 })).toEqual(figures);
    // The disagreement on i4 stays open for a third person; ana decided it, so not for her.
    expect((await call(ana, 'qa.queue', {})).tasks).toEqual([]);
    expect((await call(sam, 'qa.queue', {})).tasks.map((t) => t.itemId)).toEqual([idOf(sam, 'i4')]);
  });
});

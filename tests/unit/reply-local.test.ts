// A reply on a workstation not connected to a team server is in nobody's outbound queue: it
// says so, rather than "queued".
import { describe, expect, it } from 'vitest';
import type { ItemDetail } from '../../src/shared/model';
import { importRecords, testCore, value } from './core-helpers';
import { account, item, itemId } from './helpers';

describe('a reply with no team server', () => {
  it('is recorded here only, in the history and the case timeline', async () => {
    const c = testCore();
    await importRecords(c, [account('noor'), item('q1', { author: 'noor', text: 'Where is my parcel?' })]);
    const id = itemId(c.db, 'q1');
    value(await c.dispatch('decision.apply', { itemIds: [id], action: 'reply', note: 'Hi Noor, it left the depot this morning.' }));
    const d = value<ItemDetail>(await c.dispatch('item.detail', { itemId: id }));
    expect(d.events.filter((e) => e.action === 'reply').map((e) => e.delivery?.state)).toEqual(['local']);
    const view = value<{ timeline: { action: string; delivery?: { state: string } }[] }>(await c.dispatch('case.get', { itemId: id }));
    expect(view.timeline.filter((t) => t.action === 'reply').map((t) => t.delivery?.state)).toEqual(['local']);
  });
});

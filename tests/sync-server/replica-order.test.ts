// Replicas fold an item's events in the server's order, not in the order each workstation
// happened to receive them: otherwise two workstations that made opposite label changes (or a
// claim and a release) offline end up with different states for ever, though both hold the
// same events with the same verdicts. Found by the fault runs (tests/sync-server/faults.test.ts).
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/index';
import { call } from '../unit/call';
import { serve, workstation } from './loopback';

async function twoWorkstations(): Promise<[Core, Core]> {
  const url = await serve('sqlite', {
    users: [
      ['ana', 'moderator'],
      ['bo', 'moderator'],
    ],
  });
  const records = [{ type: 'item', platform: 'x', id: 'i1', kind: 'mention', text: 'hi' }];
  return [await workstation(url, 'ana', { records }), await workstation(url, 'bo', { records })];
}

const itemOf = (core: Core) =>
  core.db.prepare("SELECT id, labels, assignee, version FROM items WHERE external_id = 'i1'").get() as {
    id: number;
    labels: string;
    assignee: string | null;
    version: number;
  };

describe('replica order', () => {
  it('folds in server order, so opposite offline changes end alike on both workstations', async () => {
    const [ana, bo] = await twoWorkstations();
    // Offline, each on its own: ana adds a label and claims; bo removes that label and releases.
    await call(ana, 'item.label', { itemIds: [itemOf(ana).id], add: ['vip'] });
    await call(ana, 'item.claim', { itemIds: [itemOf(ana).id], claim: true });
    await call(bo, 'item.label', { itemIds: [itemOf(bo).id], add: [], remove: ['vip'] });
    await call(bo, 'item.claim', { itemIds: [itemOf(bo).id], claim: false });
    // ana reaches the server first, then bo (who also pulls ana's), then ana pulls bo's.
    await call(ana, 'sync.run', {});
    await call(bo, 'sync.run', {});
    await call(ana, 'sync.run', {});

    // In server order ana's changes come first and bo's label change undoes hers, on both
    // workstations; bo's release is refused (ana held the item by then, and only the holder
    // releases), so ana holds it on both.
    expect(itemOf(ana)).toMatchObject({ labels: '[]', assignee: 'ana', version: 3 });
    expect(itemOf(bo)).toMatchObject({ labels: '[]', assignee: 'ana', version: 3 });
  });
});

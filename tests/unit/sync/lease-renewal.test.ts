// A workstation renews the leases its user still holds on open items shortly before they end,
// and leaves alone what has ended, what someone else holds and what is decided.
import { expect, it } from 'vitest';
import { applyDecision, claimItems } from '../../../src/core/decisions/decide';
import { leasesToRenew, renewLeases } from '../../../src/core/sync/leases';
import { CLAIM_LEASE_MS, CLAIM_RENEW_MS } from '../../../src/shared/sync';
import { actor, importText, item, itemId, memoryDb, ndjson } from '../helpers';
import { plan } from '../query-plan';

const until = (db: ReturnType<typeof memoryDb>, id: number) =>
  db.prepare('SELECT claim_until FROM items WHERE id = ?').pluck().get(id) as number | null;

it('renews only what its user holds on open items, shortly before the end', async () => {
  const db = memoryDb();
  await importText(db, 'items.ndjson', ndjson(['k1', 'k2', 'k3', 'k4'].map((id) => item(id, { author: null }))));
  const [k1, k2, k3, k4] = ['k1', 'k2', 'k3', 'k4'].map((id) => itemId(db, id)) as [number, number, number, number];
  const ana = actor('ana', 'ws-a');
  const bo = actor('bo', 'ws-b', ana.now());
  claimItems(db, ana, { itemIds: [k1, k2, k3], claim: true });
  claimItems(db, bo, { itemIds: [k4], claim: true });
  applyDecision(db, ana, { itemIds: [k3], action: 'approve' });

  // Plenty of time left: nothing to do.
  expect(renewLeases(db, ana)).toBe(0);
  ana.tick(CLAIM_LEASE_MS - CLAIM_RENEW_MS + 1);
  expect(leasesToRenew(db, 'ana', ana.now())).toEqual([k1, k2]);
  expect(renewLeases(db, ana)).toBe(2);
  expect(until(db, k1)).toBe(ana.now() + CLAIM_LEASE_MS);
  expect(db.prepare("SELECT count(*) FROM events WHERE action = 'claim' AND item_id = ?").pluck().get(k1)).toBe(2);
  expect(renewLeases(db, ana)).toBe(0);

  // A lease that has run out is not renewed: someone else may hold the item by now.
  ana.tick(CLAIM_LEASE_MS + 1);
  expect(renewLeases(db, ana)).toBe(0);
  expect(until(db, k2)).toBeLessThan(ana.now());
});

it('finds the leases to renew through the index on their end', () => {
  const db = memoryDb();
  expect(
    plan(db, "SELECT id FROM items WHERE claim_until > ? AND claim_until <= ? AND assignee = ? AND +status = 'new' ORDER BY claim_until", [
      1,
      2,
      'ana',
    ]),
  ).toMatch(/USING INDEX items_claim_until/);
});

// A claim is a lease: the queue shows its holder only while it runs.
import { expect, it } from 'vitest';
import { holderOf } from '../../src/renderer/src/features/queue/holder';

it('shows the holder while the lease runs, nobody once it has ended', () => {
  const now = Date.UTC(2026, 10, 30, 9);
  expect(holderOf({ assignee: 'ana', claimUntil: now + 1 }, now)).toBe('ana');
  expect(holderOf({ assignee: 'ana', claimUntil: now }, now)).toBeNull();
  expect(holderOf({ assignee: null, claimUntil: now + 1 }, now)).toBeNull();
  // A claim made before leases has no end.
  expect(holderOf({ assignee: 'ana', claimUntil: null }, now)).toBe('ana');
});

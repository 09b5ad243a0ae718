// The demo workload a newcomer loads from the empty screen, through the contract on a real
// database: arrivals relative to the core's clock, mostly within the last hour and a few from
// the days before, so a few items are overdue, whatever the business hours say now.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/handlers';
import { generateWorkload, LIVE_WINDOW } from '../../src/core/seed/generate';
import type { ItemRecord } from '../../src/shared/records';
import type { ItemSla, SlaSummary, Team } from '../../src/shared/hours';
import { onCleanup, tempDir } from './helpers';

const nineToFive = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d, i) => [d, i < 5 ? [{ from: '09:00', to: '17:00' }] : []]),
);

async function demoAt(iso: string, items = 3000) {
  const now = Date.parse(iso);
  const core = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana', now: () => now });
  onCleanup(() => core.close());
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const r = await core.dispatch(method, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const { teams } = await call<{ teams: Team[] }>('sla.teams', {});
  await call('sla.team.save', { id: teams[0]!.id, name: 'Support', timeZone: 'UTC', weekly: nineToFive, holidays: [] });
  expect(await call<{ items: number }>('demo.load', { items, seed: 3 })).toMatchObject({ items });
  const created = core.db.prepare('SELECT created_at FROM items').pluck().all() as number[];
  return { now, core, call, created, summary: await call<SlaSummary>('sla.summary', {}) };
}

describe('the demo workload', () => {
  it.each([
    { when: 'a Tuesday morning, the team at work', iso: '2025-06-03T11:00:00Z' },
    { when: 'a Saturday, the team away', iso: '2025-06-07T11:00:00Z' },
    { when: 'a Monday just after opening', iso: '2025-06-09T09:20:00Z' },
  ])('arrived mostly within the last hour, a few overdue ($when)', async ({ iso }) => {
    const { now, created, summary } = await demoAt(iso);
    expect(created.every((t) => t <= now)).toBe(true);
    const recent = created.filter((t) => now - t <= LIVE_WINDOW).length;
    expect(recent / created.length).toBeGreaterThan(0.85);
    // Not one item from "the future", none piled up on the very instant of loading.
    expect(created.filter((t) => t === now).length).toBeLessThan(created.length / 100);
    expect(summary.open).toBe(created.length);
    expect(summary.breached).toBeGreaterThan(0);
    expect(summary.breached / summary.open).toBeLessThan(0.12);
  });

  it('an item of the backlog says it is overdue, a fresh out-of-hours one when the team is back', async () => {
    const { now, core, call } = await demoAt('2025-06-07T11:00:00Z', 2000);
    const oldest = core.db.prepare('SELECT id FROM items ORDER BY created_at LIMIT 1').pluck().get() as number;
    const newest = core.db.prepare('SELECT id FROM items ORDER BY created_at DESC LIMIT 1').pluck().get() as number;
    const old = await call<ItemSla>('sla.item', { itemId: oldest });
    expect(now - old.arrivedAt).toBeGreaterThan(2 * 86_400_000);
    expect(old).toMatchObject({ breached: true, awaitingOpening: false });
    expect(await call<ItemSla>('sla.item', { itemId: newest })).toMatchObject({
      breached: false,
      awaitingOpening: true,
      arrivedOutOfHours: true,
      backAt: Date.parse('2025-06-09T09:00:00Z'),
    });
  });

  it('is spread over the days before by default, as benchmarks and tests that need history have it', () => {
    const now = Date.UTC(2025, 5, 3, 11);
    const items = [...generateWorkload({ items: 2000, seed: 3, now })].filter((r): r is ItemRecord => r.type === 'item');
    expect(items.filter((i) => now - i.createdAt! <= LIVE_WINDOW).length / items.length).toBeLessThan(0.05);
  });

  it('refuses a workload of no items or a hostile size, in words', async () => {
    const core = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana' });
    onCleanup(() => core.close());
    for (const items of [0, -5, 1e9, 2.5]) {
      const r = await core.dispatch('demo.load', { items });
      expect(r.ok).toBe(false);
    }
    expect(core.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(0);
  });
});

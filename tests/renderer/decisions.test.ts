// The store's queue and decision slices against a real core: the next item is current at
// once, the write reaches SQLite, undo puts the row back where it was, failures roll back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../src/renderer/src/store';
import { bridgeCore, type Bridge } from './helpers/core-bridge';

const initial = useStore.getState();
let bridge: Bridge;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function booted(): Promise<void> {
  await useStore.getState().boot();
  await until(() => useStore.getState().currentRow() !== undefined && useStore.getState().total !== null, 'the first page');
}

interface Detail {
  item: { status: string };
  events: { action: string }[];
}

beforeEach(() => {
  useStore.setState(initial, true);
  bridge = bridgeCore({ items: 300 });
});

afterEach(async () => {
  await useStore.getState().writesSettled();
  bridge.close();
});

describe('the queue in the store', () => {
  it('loads the first page in priority order, as core pages it', async () => {
    await booted();
    const s = useStore.getState();
    const { total } = await bridge.direct<{ total: number }>('queue.count', { filter: {} });
    expect(s.total).toBe(total);
    const { rows } = await bridge.direct<{ rows: { id: number }[] }>('queue.page', { filter: {}, offset: 0, limit: 20 });
    expect(s.win.rows.slice(0, 20).map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it('keeps the window aligned with core when it fetches further on', async () => {
    await booted();
    useStore.getState().ensureRange(250, 280);
    await until(() => useStore.getState().rowAt(280) !== undefined, 'rows 250 to 280');
    const { rows } = await bridge.direct<{ rows: { id: number }[] }>('queue.page', { filter: {}, offset: 250, limit: 31 });
    const s = useStore.getState();
    expect(Array.from({ length: 31 }, (_, i) => s.rowAt(250 + i)?.id)).toEqual(rows.map((r) => r.id));
  });

  it('resets cursor and selection when the filter changes', async () => {
    await booted();
    const s = useStore.getState();
    s.moveCursor(3);
    s.toggleSelect();
    s.setFilter({ queue: 'reviews' });
    const after = useStore.getState();
    expect(after.cursor).toBe(0);
    expect(after.selection.size).toBe(0);
    await until(() => useStore.getState().currentRow() !== undefined, 'the reviews');
    expect(useStore.getState().currentRow()!.queue).toBe('reviews');
  });
});

describe('decisions from the store', () => {
  it('shows the next item at once and stores the decision durably', async () => {
    await booted();
    const s = useStore.getState();
    const decided = s.currentRow()!.id;
    const next = s.rowAt(1)!.id;
    const total = s.total!;
    s.decide('approve');
    // Synchronously: the row is gone and the next one is current, before core has answered.
    expect(useStore.getState().currentRow()!.id).toBe(next);
    expect(useStore.getState().total).toBe(total - 1);
    expect(useStore.getState().saving).toBe(1);
    await useStore.getState().writesSettled();
    expect(useStore.getState().saving).toBe(0);
    const d = await bridge.direct<Detail>('item.detail', { itemId: decided });
    expect(d.item.status).toBe('approved');
    expect(d.events.map((e) => e.action)).toEqual(['approve']);
  });

  it('undo puts the row back at its place and records an undo event', async () => {
    await booted();
    const s = useStore.getState();
    s.moveCursor(2);
    const decided = useStore.getState().currentRow()!.id;
    s.decide('remove');
    await useStore.getState().writesSettled();
    useStore.getState().undo();
    await useStore.getState().writesSettled();
    const after = useStore.getState();
    expect(after.cursor).toBe(2);
    expect(after.currentRow()!.id).toBe(decided);
    const d = await bridge.direct<Detail>('item.detail', { itemId: decided });
    expect(d.item.status).toBe('new');
    expect(d.events.map((e) => e.action)).toEqual(['remove', 'undo']);
  });

  it('puts the row back and says so when the write fails', async () => {
    await booted();
    const s = useStore.getState();
    const id = s.currentRow()!.id;
    // The item disappears under the renderer's feet: core refuses the decision.
    bridge.core.db.prepare('DELETE FROM items WHERE id = ?').run(id);
    s.decide('spam');
    expect(useStore.getState().currentRow()!.id).not.toBe(id);
    await useStore.getState().writesSettled();
    const after = useStore.getState();
    expect(after.currentRow()!.id).toBe(id);
    expect(after.toasts.some((t) => t.tone === 'error' && /failed/.test(t.text))).toBe(true);
    expect(after.undoStack).toHaveLength(0);
  });

  it('decides every selected item with one bulk action', async () => {
    await booted();
    const s = useStore.getState();
    const picked = [s.rowAt(0)!.id, s.rowAt(2)!.id, s.rowAt(4)!.id];
    for (const id of picked) useStore.getState().toggleSelect(id);
    useStore.getState().decide('escalate', { bulk: true });
    await useStore.getState().writesSettled();
    expect(useStore.getState().selection.size).toBe(0);
    for (const id of picked) {
      expect((await bridge.direct<Detail>('item.detail', { itemId: id })).item.status).toBe('escalated');
      expect(useStore.getState().win.rows.some((r) => r.id === id)).toBe(false);
    }
    const { decisions } = await bridge.direct<{ decisions: number }>('stats', {});
    expect(decisions).toBe(3);
  });
});

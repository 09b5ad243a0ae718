// The decision slice against a real core: the next item is current at once, the write
// reaches SQLite, undo puts the row back where it was, failures roll back and say so.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStore } from '../../src/renderer/src/store';
import { booted, bridgeCore, resetStore, until, type Bridge, type Detail } from './helpers/core-bridge';

let bridge: Bridge;

beforeEach(() => {
  resetStore();
  bridge = bridgeCore({ items: 300 });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await bridge.quiet();
  bridge.close();
});

const state = () => useStore.getState();
const ids = () => state().win.rows.map((r) => r.id);
const detail = (itemId: number) => bridge.direct<Detail>('item.detail', { itemId });

/** Makes SQLite refuse every event for these items: a real failed write, from the database itself. */
function refuseWritesFor(...itemIds: number[]): void {
  // Core reports an unexpected database error on the console as well; the test checks what the user sees.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  bridge.core.db.exec(
    `CREATE TEMP TRIGGER refuse BEFORE INSERT ON events WHEN NEW.item_id IN (${itemIds.join(',')})
     BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
  );
}

/**
 * The rows in memory are core's, in core's order. A decision scores the author's other waiting
 * items again in passing, and a score is part of an item's priority; the list keeps its order
 * under the moderator's keys until it is read again, so rows whose score moved meanwhile are
 * left out of the comparison (never more than a few).
 */
async function expectWindowMatchesCore(): Promise<void> {
  const { win, filter } = state();
  const { rows } = await bridge.direct<{ rows: { id: number; risk: number }[] }>('queue.page', {
    filter,
    offset: win.start,
    limit: Math.min(500, win.rows.length),
  });
  const riskHere = new Map(win.rows.map((r) => [r.id, r.risk]));
  const rescored = new Set(rows.filter((r) => riskHere.has(r.id) && riskHere.get(r.id) !== r.risk).map((r) => r.id));
  expect(rescored.size).toBeLessThan(10);
  const kept = (list: number[]) => list.filter((id) => !rescored.has(id));
  expect(kept(ids().slice(0, 500))).toEqual(kept(rows.map((r) => r.id)));
}

describe('a decision', () => {
  it('is not made on whatever item arrives while the list is read again, and says so', async () => {
    await booted();
    const s = state();
    const stored = (await bridge.direct<{ decisions: number }>('stats', {})).decisions;
    s.reload();
    expect(state().currentRow()).toBeUndefined();
    state().decide('approve');
    expect(state().saving).toBe(0);
    expect(state().toasts.at(-1)?.text).toBe('The list is being read again: press the key once the item shows.');
    await until(() => state().currentRow() !== undefined, 'the list read again');
    await state().writesSettled();
    expect((await bridge.direct<{ decisions: number }>('stats', {})).decisions).toBe(stored);
  });

  it('shows the next item at once and stores the decision durably', async () => {
    await booted();
    const s = state();
    const decided = s.currentRow()!.id;
    const next = s.rowAt(1)!.id;
    const total = s.total!;
    s.decide('approve');
    // Synchronously: the row is gone and the next one is current, before core has answered.
    expect(state().currentRow()!.id).toBe(next);
    expect(state().total).toBe(total - 1);
    expect(state().saving).toBe(1);
    expect((await detail(decided)).item.status).toBe('new');
    await state().writesSettled();
    expect(state().saving).toBe(0);
    expect(state().lastSavedAt).not.toBeNull();
    const d = await detail(decided);
    expect(d.item.status).toBe('approved');
    expect(d.events.map((e) => e.action)).toEqual(['approve']);
  });

  it('leaves the rows in memory where core has them', async () => {
    await booted();
    // The scoring pass the app starts at boot moves items (risk is part of their priority) and
    // reads the list again when it ends: the decisions below are made on the list it leaves.
    await bridge.quiet();
    await expectWindowMatchesCore();
    const s = state();
    s.moveCursor(5);
    s.decide('remove');
    s.decide('spam');
    s.setCursor(0);
    s.decide('escalate');
    await state().writesSettled();
    await expectWindowMatchesCore();
    const { total } = await bridge.direct<{ total: number }>('queue.count', { filter: {} });
    expect(state().total).toBe(total);
    expect(total).toBe(297);
  });

  it('keeps the row in view when the list shows every status', async () => {
    await booted();
    state().setFilter({ status: 'all' });
    await until(() => state().currentRow() !== undefined, 'every item');
    const row = state().currentRow()!;
    const before = ids();
    state().decide('escalate');
    expect(ids()).toEqual(before);
    await state().writesSettled();
    expect(state().currentRow()!.id).toBe(row.id);
    expect(state().currentRow()!.status).toBe('escalated');
    expect((await detail(row.id)).item.status).toBe('escalated');
  });
});

describe('undo', () => {
  it('puts the row back at its place and records an undo event', async () => {
    await booted();
    state().moveCursor(2);
    const decided = state().currentRow()!.id;
    const before = ids();
    state().decide('remove');
    await state().writesSettled();
    state().undo();
    await state().writesSettled();
    expect(state().cursor).toBe(2);
    expect(state().currentRow()!.id).toBe(decided);
    expect(ids()).toEqual(before);
    const d = await detail(decided);
    expect(d.item.status).toBe('new');
    expect(d.events.map((e) => e.action)).toEqual(['remove', 'undo']);
    expect(state().toasts.some((t) => t.tone === 'success' && /^Undone: Removed (@\S+: )?“.+”$/.test(t.text))).toBe(true);
  });

  it('undoes the decision just made, even while its write is still on its way', async () => {
    await booted();
    const first = state().currentRow()!.id;
    state().decide('approve');
    await state().writesSettled();
    const second = state().currentRow()!.id;
    state().decide('remove');
    // Pressed straight after: the undo is for `second`, not for the decision before it.
    state().undo();
    await state().writesSettled();
    expect(state().currentRow()!.id).toBe(second);
    expect((await detail(second)).item.status).toBe('new');
    expect((await detail(second)).events.map((e) => e.action)).toEqual(['remove', 'undo']);
    expect((await detail(first)).item.status).toBe('approved');
    await expectWindowMatchesCore();
  });

  it('goes back one decision at a time', async () => {
    await booted();
    const before = ids();
    const approved = state().currentRow()!.id;
    state().decide('approve');
    state().moveCursor(3);
    const spammed = state().currentRow()!.id;
    state().decide('spam');
    state().undo();
    await state().writesSettled();
    expect((await detail(spammed)).events.map((e) => e.action)).toEqual(['spam', 'undo']);
    expect((await detail(approved)).item.status).toBe('approved');
    state().undo();
    await state().writesSettled();
    expect(ids()).toEqual(before);
    expect(state().undoStack).toHaveLength(0);
    expect((await detail(approved)).events.map((e) => e.action)).toEqual(['approve', 'undo']);
    expect((await detail(approved)).item.status).toBe('new');
  });

  it('names the decided item in a message whose Undo button takes it back', async () => {
    await booted();
    const row = state().currentRow()!;
    state().decide('escalate');
    await state().writesSettled();
    const message = state().toasts.at(-1)!;
    expect(message.tone).toBe('success');
    expect(message.text).toContain('Escalated ');
    expect(message.text).toContain(`“${row.text.replace(/\s+/g, ' ').trim().slice(0, 20)}`);
    expect(message.action?.label).toBe('Undo (u)');
    message.action!.run();
    await state().writesSettled();
    expect((await detail(row.id)).events.map((e) => e.action)).toEqual(['escalate', 'undo']);
  });

  it('reaches past a reload: a fresh window takes back the last decision, a selection as one step', async () => {
    await booted();
    const [a, b] = ids();
    state().toggleSelect(a!);
    state().toggleSelect(b!);
    state().decide('remove', { bulk: true });
    await state().writesSettled();
    // The window reloaded: nothing of the session is left but the core.
    resetStore();
    await booted();
    expect(state().undoStack).toHaveLength(0);
    state().undo();
    await state().writesSettled();
    expect(state().toasts.at(-1)?.text).toBe('Undone: Removed 2 items');
    expect((await detail(a!)).item.status).toBe('new');
    expect((await detail(b!)).item.status).toBe('new');
    await until(() => ids().includes(a!) && ids().includes(b!), 'the undone rows back in the list');
  });

  it('says there is nothing to undo, and writes nothing', async () => {
    await booted();
    await bridge.quiet();
    const before = bridge.calls.length;
    state().undo();
    await state().writesSettled();
    expect(state().toasts.some((t) => /Nothing to undo/.test(t.text))).toBe(true);
    expect(bridge.calls.slice(before)).not.toContain('decision.undo');
  });
});

describe('a failed write', () => {
  it('puts the row back where it was and says so', async () => {
    await booted();
    state().moveCursor(1);
    const id = state().currentRow()!.id;
    const before = ids();
    refuseWritesFor(id);
    state().decide('spam');
    expect(state().currentRow()!.id).not.toBe(id);
    await state().writesSettled();
    expect(ids()).toEqual(before);
    expect(state().currentRow()!.id).toBe(id);
    expect(state().saving).toBe(0);
    expect(state().toasts.some((t) => t.tone === 'error' && /^Marked as spam (@\S+: )?“.+” failed: /.test(t.text))).toBe(true);
    expect(state().undoStack).toHaveLength(0);
    expect((await detail(id)).item.status).toBe('new');
  });

  it('keeps the list in core order when a later decision went through', async () => {
    await booted();
    const [a, b] = ids();
    refuseWritesFor(b!);
    state().moveCursor(1);
    state().decide('remove'); // b: refused
    state().moveCursor(-1);
    state().decide('approve'); // a: stored
    await state().writesSettled();
    await bridge.quiet();
    expect((await detail(a!)).item.status).toBe('approved');
    expect((await detail(b!)).item.status).toBe('new');
    expect(state().win.rows.some((r) => r.id === a)).toBe(false);
    expect(state().currentRow()!.id).toBe(b);
    await expectWindowMatchesCore();
  });

  it('does not put a row into another list', async () => {
    await booted();
    const review = state().win.rows.find((r) => r.queue === 'reviews')!;
    state().setCursor(state().win.rows.indexOf(review));
    refuseWritesFor(review.id);
    state().decide('remove');
    state().setFilter({ queue: 'comments' });
    await state().writesSettled();
    await bridge.quiet();
    expect(state().toasts.some((t) => t.tone === 'error')).toBe(true);
    expect(state().win.rows.every((r) => r.queue === 'comments')).toBe(true);
    await expectWindowMatchesCore();
  });

  it('rolls back when the host is gone', async () => {
    await booted();
    const before = ids();
    bridge.disconnect();
    state().decide('approve');
    expect(state().currentRow()!.id).toBe(before[1]);
    await state().writesSettled();
    expect(ids()).toEqual(before);
    expect(state().toasts.some((t) => t.tone === 'error' && /did not answer/.test(t.text))).toBe(true);
  });
});

describe('bulk decisions', () => {
  it('decide every selected item with one write', async () => {
    await booted();
    const s = state();
    const picked = [s.rowAt(0)!.id, s.rowAt(2)!.id, s.rowAt(4)!.id];
    for (const id of picked) state().toggleSelect(id);
    const before = bridge.calls.filter((c) => c === 'decision.apply').length;
    state().decide('escalate', { bulk: true });
    expect(picked.some((id) => ids().includes(id))).toBe(false);
    await state().writesSettled();
    expect(bridge.calls.filter((c) => c === 'decision.apply').length - before).toBe(1);
    expect(state().selection.size).toBe(0);
    for (const id of picked) expect((await detail(id)).item.status).toBe('escalated');
    const { decisions } = await bridge.direct<{ decisions: number }>('stats', {});
    expect(decisions).toBe(3);
    await expectWindowMatchesCore();
    state().undo();
    await state().writesSettled();
    for (const id of picked) expect((await detail(id)).item.status).toBe('new');
    expect(ids().slice(0, 5)).toEqual(expect.arrayContaining(picked));
  });

  it('restores all of them when the write fails', async () => {
    await booted();
    const before = ids();
    const picked = [before[1]!, before[3]!];
    for (const id of picked) state().toggleSelect(id);
    refuseWritesFor(picked[1]!);
    state().decide('remove', { bulk: true });
    await state().writesSettled();
    expect(ids()).toEqual(before);
    for (const id of picked) expect((await detail(id)).item.status).toBe('new');
    expect(state().selection.size).toBe(2);
  });

  it('asks for a selection first', async () => {
    await booted();
    const before = ids();
    state().decide('approve', { bulk: true });
    await state().writesSettled();
    expect(ids()).toEqual(before);
    expect(state().toasts.some((t) => t.tone === 'info' && /Nothing is selected/.test(t.text))).toBe(true);
    expect(bridge.calls).not.toContain('decision.apply');
  });
});

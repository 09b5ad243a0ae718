// `u` takes back the latest decision this person made here: one item, a selection, a label,
// a campaign. The groups live in the database, so undo reaches past a reload and a restart;
// each undo is an undo event like any other, under the team's rules.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../src/core/handlers';
import { call } from './call';
import { importRecords, testCore } from './core-helpers';
import { item, itemId, onCleanup, tempDir } from './helpers';

type Core = ReturnType<typeof openCore>;

async function withItems(core: Core, n: number): Promise<number[]> {
  const ids = Array.from({ length: n }, (_, i) => `u${i + 1}`);
  await importRecords(
    core,
    ids.map((id) => item(id, { author: null })),
  );
  return ids.map((id) => itemId(core.db, id));
}
const statusOf = (core: Core, id: number) => core.db.prepare('SELECT status FROM items WHERE id = ?').pluck().get(id);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('decision.undoLast', () => {
  it('takes back decisions newest first, a selection and a label as one step each, then says there is nothing left', async () => {
    const core = testCore();
    const [a, b, c] = await withItems(core, 3);
    await call(core, 'decision.apply', { itemIds: [a!], action: 'approve' });
    await call(core, 'decision.apply', { itemIds: [b!, c!], action: 'remove' });
    await call(core, 'item.label', { itemIds: [a!], add: ['vip'], remove: [] });

    const first = (await call(core, 'decision.undoLast', {})).undone!;
    expect(first.text).toBe('Labelled 1 item +vip');
    expect(first.itemIds).toEqual([a]);
    const second = (await call(core, 'decision.undoLast', {})).undone!;
    expect(second.text).toBe('Removed 2 items');
    expect(second.outcomes.map((o) => [o.itemId, o.status])).toEqual([
      [b, 'new'],
      [c, 'new'],
    ]);
    expect((await call(core, 'decision.undoLast', {})).undone!.text).toBe('Approved 1 item');
    expect(statusOf(core, a!)).toBe('new');
    expect(await call(core, 'decision.undoLast', {})).toEqual({ undone: null });
    // Each step was an undo event, in the log like any other.
    expect(core.db.prepare("SELECT count(*) FROM events WHERE action = 'undo'").pluck().get()).toBe(4);
  });

  it('reaches past a restart of the workstation', async () => {
    const dataDir = tempDir();
    const first = openCore({ dataDir, host: 'test', actor: 'ana' });
    const [a] = await withItems(first, 1);
    await call(first, 'decision.apply', { itemIds: [a!], action: 'spam' });
    first.close();
    const again = openCore({ dataDir, host: 'test', actor: 'ana' });
    onCleanup(() => again.close());
    expect((await call(again, 'decision.undoLast', {})).undone!.text).toBe('Marked as spam 1 item');
    expect(statusOf(again, a!)).toBe('new');
  });

  it('passes over what was undone some other way, and takes back only what still stands of a group', async () => {
    const core = testCore();
    const [a, b, c] = await withItems(core, 3);
    await call(core, 'decision.apply', { itemIds: [a!], action: 'approve' });
    const bulk = await call(core, 'decision.apply', { itemIds: [b!, c!], action: 'escalate' });
    const single = await call(core, 'decision.apply', { itemIds: [a!], action: 'remove' });
    // Undone from the history: the whole of the newest, one of the selection.
    await call(core, 'decision.undo', { eventIds: [single.outcomes[0]!.eventId] });
    await call(core, 'decision.undo', { eventIds: [bulk.outcomes[0]!.eventId] });
    const next = (await call(core, 'decision.undoLast', {})).undone!;
    expect(next.eventIds).toEqual([bulk.outcomes[1]!.eventId]);
    expect([statusOf(core, b!), statusOf(core, c!)]).toEqual(['new', 'new']);
    expect((await call(core, 'decision.undoLast', {})).undone!.text).toBe('Approved 1 item');
  });

  it("never takes back another person's decisions", async () => {
    const core = testCore();
    const [a, b] = await withItems(core, 2);
    await call(core, 'decision.apply', { itemIds: [a!], action: 'approve' });
    await call(core, 'settings.set', { actor: 'bo' });
    await call(core, 'decision.apply', { itemIds: [b!], action: 'approve' });
    expect((await call(core, 'decision.undoLast', {})).undone!.itemIds).toEqual([b]);
    expect(await call(core, 'decision.undoLast', {})).toEqual({ undone: null });
    expect(statusOf(core, a!)).toBe('approved');
  });

  it('keeps a decision and its group in one transaction: neither is stored without the other', async () => {
    const core = testCore();
    const [a] = await withItems(core, 1);
    // Core reports an unexpected database error on the console as well; the test checks what was stored.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    core.db.exec("CREATE TEMP TRIGGER refuse_group BEFORE INSERT ON undo_groups BEGIN SELECT RAISE(ABORT, 'no room for the group'); END");
    const r = await core.dispatch('decision.apply', { itemIds: [a!], action: 'remove' });
    expect(r.ok).toBe(false);
    expect(statusOf(core, a!)).toBe('new');
    expect(core.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
  });

  it('keeps the latest 50 decisions of a person', async () => {
    const core = testCore();
    const ids = await withItems(core, 55);
    for (const id of ids) await call(core, 'item.note', { itemId: id, text: `n${id}` });
    expect(core.db.prepare("SELECT count(*) FROM undo_groups WHERE actor = 'ana'").pluck().get()).toBe(50);
    for (let i = 0; i < 50; i++) expect((await call(core, 'decision.undoLast', {})).undone!.itemIds).toEqual([ids[54 - i]]);
    expect(await call(core, 'decision.undoLast', {})).toEqual({ undone: null });
  });
});

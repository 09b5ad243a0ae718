// A workstation takes pull pages from a server it does not trust blindly: an event it cannot
// take into its log is set aside with its reason, counted and shown, and the rest of the page
// (and every page after it) goes on. Here the page comes from a hostile server, written by
// hand: events no honest server would accept, mixed with ordinary ones.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyPage } from '../../../src/core/sync/apply';
import { ItemScorer } from '../../../src/core/detection/scores/item-scores';
import { cursorOf } from '../../../src/core/sync/state';
import type { ServerEvent } from '../../../src/shared/sync';
import { importRecords, testCore, value } from '../core-helpers';

const NOW = Date.UTC(2026, 11, 7, 9);
let seq = 100;

function serverEvent(more: Partial<ServerEvent>): ServerEvent {
  seq++;
  return {
    id: randomUUID(),
    clientId: 'ws-bo',
    clientSeq: seq,
    platform: 'x',
    externalId: 'm1',
    action: 'approve',
    baseVersion: 0,
    actor: 'bo',
    createdAt: NOW,
    seq,
    status: 'accepted',
    verdict: null,
    receivedAt: NOW,
    by: 'bo',
    role: 'moderator',
    ...more,
  };
}

describe('a pull page from a hostile server', () => {
  it('sets aside what cannot be taken, with its reason, and applies the rest', async () => {
    const core = testCore(NOW);
    await importRecords(
      core,
      ['m1', 'm2'].map((id) => ({ type: 'item', platform: 'x', id, kind: 'mention', text: `message ${id}` })),
    );
    const itemOf = (id: string) => core.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(id) as number;
    // A decision of this workstation's own, not pushed yet.
    const mine = value<{ outcomes: { eventId: string }[] }>(
      await core.dispatch('decision.apply', { itemIds: [itemOf('m2')], action: 'escalate' }),
    ).outcomes[0]!;
    const own = core.db.prepare('SELECT client_id, client_seq FROM events WHERE id = ?').get(mine.eventId) as {
      client_id: string;
      client_seq: number;
    };

    const approve = serverEvent({ action: 'approve' });
    const onM2 = serverEvent({ externalId: 'm2', action: 'label', labels: ['x'] });
    const undo = serverEvent({ action: 'undo', undoOf: approve.id, baseVersion: 1 });
    const page = [
      approve,
      onM2,
      undo,
      serverEvent({ action: 'undo', undoOf: approve.id, baseVersion: 2 }),
      serverEvent({ action: 'undo', undoOf: randomUUID(), baseVersion: 2 }),
      serverEvent({ action: 'undo', undoOf: onM2.id, baseVersion: 2 }),
      serverEvent({ action: 'remove', status: 'rejected', verdict: 'only ana (or a supervisor) undoes ana’s remove', by: 'mal' }),
      // Another workstation's event that claims this workstation's own client sequence.
      serverEvent({ action: 'spam', clientId: own.client_id, clientSeq: own.client_seq }),
      serverEvent({ action: 'label', labels: ['after'], baseVersion: 2 }),
    ];
    const r = applyPage(core.db, { events: page }, 999, NOW, new ItemScorer(core.db, {}));
    expect(r).toMatchObject({ applied: 4, setAside: 5, parked: 0 });
    expect(cursorOf(core.db)).toBe(999);

    const status = value<{
      setAside: { unappliable: number; refusedElsewhere: number; recent: { eventId: string; reason: string; by: string }[] };
    }>(await core.dispatch('sync.status', {}));
    expect(status.setAside.unappliable).toBe(4);
    expect(status.setAside.refusedElsewhere).toBe(1);
    expect(status.setAside.recent).toHaveLength(4);
    expect(status.setAside.recent.map((x) => x.reason)).toEqual(
      expect.arrayContaining([
        `the event it undoes was already undone here (by ${undo.id})`,
        'it undoes an event on another item',
        'it undoes an event this workstation does not have',
        expect.stringMatching(/^this workstation could not store it: UNIQUE constraint failed/),
      ]),
    );
    // The refused one is evidence, not state: it is nowhere in the log.
    expect(core.db.prepare('SELECT count(*) FROM events WHERE id = ?').pluck().get(page[6]!.id)).toBe(0);
    // What was applied counts: m1 was approved, then undone, then labelled.
    expect(core.db.prepare('SELECT status, labels FROM items WHERE id = ?').get(itemOf('m1'))).toEqual({
      status: 'new',
      labels: '["after"]',
    });
    // A page applied again adds nothing.
    expect(applyPage(core.db, { events: page }, 999, NOW, new ItemScorer(core.db, {}))).toMatchObject({ applied: 0 });
  });
});

describe('two undos of one event: one made here, one the server accepted first', () => {
  it('takes the server’s undo, and the one made here counts for nothing once refused', async () => {
    const core = testCore(NOW);
    await importRecords(core, [{ type: 'item', platform: 'x', id: 'm1', kind: 'mention', text: 'message m1' }]);
    const item = core.db.prepare("SELECT id FROM items WHERE external_id = 'm1'").pluck().get() as number;
    const state = () => core.db.prepare('SELECT status, version FROM items WHERE id = ?').get(item);
    const approve = serverEvent({ action: 'approve', by: 'ana', actor: 'ana', clientId: 'ws-ana-old' });
    applyPage(core.db, { events: [approve] }, 1, NOW, new ItemScorer(core.db, {}));
    expect(state()).toEqual({ status: 'approved', version: 1 });

    // Undone here, offline: waiting in the outbox.
    const mine = value<{ outcomes: { eventId: string }[] }>(await core.dispatch('decision.undo', { eventIds: [approve.id] })).outcomes[0]!;
    expect(state()).toEqual({ status: 'new', version: 2 });
    // A supervisor's undo of the same event reached the server first.
    const theirs = serverEvent({
      action: 'undo',
      undoOf: approve.id,
      baseVersion: 1,
      by: 'sam',
      actor: 'sam',
      role: 'supervisor',
      clientId: 'ws-sam',
    });
    expect(applyPage(core.db, { events: [theirs] }, 2, NOW, new ItemScorer(core.db, {}))).toMatchObject({ applied: 1, setAside: 0 });
    expect(state()).toEqual({ status: 'new', version: 3 });

    // The one made here is refused when it arrives; the item then stands as the server's.
    const own = core.db.prepare('SELECT client_id, client_seq FROM events WHERE id = ?').get(mine.eventId) as {
      client_id: string;
      client_seq: number;
    };
    const refused = serverEvent({
      id: mine.eventId,
      action: 'undo',
      undoOf: approve.id,
      baseVersion: 1,
      clientId: own.client_id,
      clientSeq: own.client_seq,
      status: 'rejected',
      verdict: 'that event was already undone',
    });
    expect(applyPage(core.db, { events: [refused] }, 3, NOW, new ItemScorer(core.db, {}))).toMatchObject({ setAside: 0 });
    expect(state()).toEqual({ status: 'new', version: 2 });
    const status = value<{ setAside: { unappliable: number } }>(await core.dispatch('sync.status', {}));
    expect(status.setAside.unappliable).toBe(0);
    // The history names the undo that counts, and a lookup of the approval finds it undone by the server's.
    const views = value<{ events: { id: string; undoneBy: string | null }[] }>(await core.dispatch('item.detail', { itemId: item }));
    expect(views.events.find((e) => e.id === approve.id)?.undoneBy).toBe(theirs.id);
  });
});

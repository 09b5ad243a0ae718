// Workstations record and show the server's author of record: work done under a local name
// before a first sign-in is shown as not verified by a server, then as the signed-in user's
// (with the name it was made under); another person signing in on the same workstation waits
// for the first one's work to leave and then works under a client id of their own; nobody
// renames themselves while signed in; the rules stop a moderator from undoing another's work
// before anything is pushed; and the refusals a workstation lists are its own.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/index';
import { call } from '../unit/call';
import { serve, workstation } from './loopback';
import { PASSWORD } from './helpers';

const USERS = [
  ['ana', 'moderator'],
  ['bo', 'moderator'],
  ['sam', 'supervisor'],
] as const;
const records = ['m1', 'm2', 'm3'].map((id) => ({ type: 'item', platform: 'x', id, kind: 'mention', text: `message ${id}` }));
const idOf = (core: Core, externalId: string) =>
  core.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(externalId) as number;
const clientIdOf = (core: Core) => core.db.prepare("SELECT value FROM meta WHERE key = 'client_id'").pluck().get() as string;

describe('the author of record on workstations', () => {
  it('shows work done before a first sign-in as not verified, then as the signed-in user’s', async () => {
    const url = await serve('sqlite', { users: USERS });
    const here = await workstation(null, 'root', { records });
    const { eventId } = (await call(here, 'decision.apply', { itemIds: [idOf(here, 'm1')], action: 'remove' })).outcomes[0]!;
    const before = (await call(here, 'item.detail', { itemId: idOf(here, 'm1') })).events.find((e) => e.id === eventId)!;
    expect(before.author).toEqual({ name: 'root', verified: false, wrote: null });

    await call(here, 'sync.connect', { url, name: 'ana', password: PASSWORD });
    await call(here, 'sync.run', {});
    const after = (await call(here, 'item.detail', { itemId: idOf(here, 'm1') })).events.find((e) => e.id === eventId)!;
    expect(after).toMatchObject({ actor: 'ana', author: { name: 'ana', verified: true, wrote: 'root' } });
    expect(here.db.prepare('SELECT decided_by FROM items WHERE id = ?').pluck().get(idOf(here, 'm1'))).toBe('ana');

    // Another workstation sees the same: ana's removal, made under the name "root".
    const bo = await workstation(url, 'bo', { records });
    await call(bo, 'sync.run', {});
    const seen = (await call(bo, 'item.detail', { itemId: idOf(bo, 'm1') })).events.find((e) => e.id === eventId)!;
    expect(seen).toMatchObject({ actor: 'ana', author: { name: 'ana', verified: true, wrote: 'root' } });
  });

  it('lets another person sign in only once the first one’s work has left, under a client id of their own', async () => {
    const url = await serve('sqlite', { users: USERS });
    const ws = await workstation(url, 'ana', { records });
    await call(ws, 'decision.apply', { itemIds: [idOf(ws, 'm1')], action: 'approve' });
    const anas = clientIdOf(ws);
    // Offline (the server is fine, ana just has not synced): bo may not sign in over her waiting work.
    const refused = await ws.dispatch('sync.connect', { url, name: 'bo', password: PASSWORD });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'action_refused',
        message: expect.stringMatching(/^1 event ana made on this workstation has not reached the server yet: sign in as ana/),
      },
    });
    expect((await call(ws, 'sync.status', {})).user).toBe('ana');

    await call(ws, 'sync.run', {});
    await call(ws, 'sync.disconnect', {});
    await call(ws, 'sync.connect', { url, name: 'bo', password: PASSWORD });
    expect(clientIdOf(ws)).not.toBe(anas);
    await call(ws, 'decision.apply', { itemIds: [idOf(ws, 'm2')], action: 'spam' });
    const r = await call(ws, 'sync.run', {});
    expect(r.refused).toEqual([]);
    expect(r.outbox).toBe(0);
    const history = (await call(ws, 'item.detail', { itemId: idOf(ws, 'm2') })).events;
    expect(history.map((e) => [e.action, e.author.name, e.server?.status])).toEqual([['spam', 'bo', 'accepted']]);
  });

  it('keeps the signed-in name: nobody renames themselves while connected', async () => {
    const url = await serve('sqlite', { users: USERS });
    const ws = await workstation(url, 'ana', { records });
    const r = await ws.dispatch('settings.set', { actor: 'sam' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'action_refused', message: expect.stringMatching(/^Signed in to the team server as ana/) },
    });
    expect((await call(ws, 'settings.get', {})).actor).toBe('ana');
  });

  it("refuses at once a moderator's undo of another's decision; a supervisor's goes through", async () => {
    const url = await serve('sqlite', { users: USERS });
    const bo = await workstation(url, 'bo', { records });
    const { eventId } = (await call(bo, 'decision.apply', { itemIds: [idOf(bo, 'm3')], action: 'remove' })).outcomes[0]!;
    await call(bo, 'sync.run', {});
    const ana = await workstation(url, 'ana', { records });
    const sam = await workstation(url, 'sam', { records });
    await call(ana, 'sync.run', {});
    await call(sam, 'sync.run', {});
    expect(await ana.dispatch('decision.undo', { eventIds: [eventId] })).toMatchObject({
      ok: false,
      error: { code: 'undo_refused', message: 'Only bo (or a supervisor) undoes bo’s remove.' },
    });
    expect((await call(ana, 'sync.status', {})).outbox).toBe(0);
    await call(sam, 'decision.undo', { eventIds: [eventId] });
    expect((await call(sam, 'sync.run', {})).refused).toEqual([]);
    await call(bo, 'sync.run', {});
    expect(bo.db.prepare('SELECT status FROM items WHERE id = ?').pluck().get(idOf(bo, 'm3'))).toBe('new');
  });

  it("lists only this workstation's own refusals", async () => {
    const url = await serve('sqlite', { users: USERS });
    const ana = await workstation(url, 'ana', { records });
    const bo = await workstation(url, 'bo', { records });
    await call(ana, 'decision.apply', { itemIds: [idOf(ana, 'm1')], action: 'approve' });
    await call(bo, 'decision.apply', { itemIds: [idOf(bo, 'm1')], action: 'remove' });
    await call(ana, 'sync.run', {});
    const boSync = await call(bo, 'sync.run', {});
    expect(boSync.refused).toEqual([expect.objectContaining({ action: 'remove', status: 'conflict' })]);
    const anaSync = await call(ana, 'sync.run', {});
    expect(anaSync.refused).toEqual([]);
    // The conflict is known on both (a supervisor settles it), but only bo's list names it as refused.
    expect(anaSync.openConflicts).toBe(1);
  });
});

// Two workstations and a real server on loopback: decisions made on one reach the other,
// disagreeing decisions on the same item version become a conflict on both sides, and a
// server that is down leaves the outbox intact for the next attempt.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/index';
import { call } from '../unit/call';
import { PASSWORD } from './helpers';
import { serve, stopServer, workstation as signedIn } from './loopback';

const USERS = {
  users: [
    ['ana', 'moderator'],
    ['bo', 'moderator'],
    ['sam', 'supervisor'],
  ],
} as const;

const ITEMS = ['i1', 'i2', 'i3'].map((id) => ({
  type: 'item',
  platform: 'x',
  id,
  kind: 'mention',
  text: `message ${id}`,
  createdAt: '2026-11-20T10:00:00Z',
}));

/** A workstation with the same three items as every other, and its ids for them. */
async function workstation(url: string, name: string): Promise<{ core: Core; item: (id: string) => number }> {
  const core = await signedIn(url, name, { records: ITEMS });
  const item = (id: string) => core.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(id) as number;
  return { core, item };
}

const statusOf = (core: Core, id: number) => core.db.prepare('SELECT status FROM items WHERE id = ?').pluck().get(id);

describe('two workstations and a server', () => {
  it('carries a decision from one to the other, once', async () => {
    const url = await serve('sqlite', USERS);
    const a = await workstation(url, 'ana');
    const b = await workstation(url, 'bo');
    await call(a.core, 'decision.apply', { itemIds: [a.item('i1')], action: 'spam' });
    expect((await call(a.core, 'sync.status', {})).outbox).toBe(1);
    expect(await call(a.core, 'sync.run', {})).toMatchObject({ pushed: 1, outbox: 0, lastError: null });
    expect(await call(b.core, 'sync.run', {})).toMatchObject({ pulled: 1, cursor: 1, serverHead: 1 });
    expect(statusOf(b.core, b.item('i1'))).toBe('spam');
    const history = await call(b.core, 'item.detail', { itemId: b.item('i1') });
    expect(history.events.map((e) => [e.action, e.actor])).toEqual([['spam', 'ana']]);
    // Pulling again brings nothing twice.
    expect(await call(b.core, 'sync.run', {})).toMatchObject({ pulled: 0 });
    await call(a.core, 'sync.run', {});
    expect(a.core.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
  });

  it('turns two different decisions on the same version into a conflict both sides see', async () => {
    const url = await serve('sqlite', USERS);
    const a = await workstation(url, 'ana');
    const b = await workstation(url, 'bo');
    await call(a.core, 'decision.apply', { itemIds: [a.item('i2')], action: 'approve' });
    await call(b.core, 'decision.apply', { itemIds: [b.item('i2')], action: 'remove' });
    await call(a.core, 'sync.run', {});
    const bs = await call(b.core, 'sync.run', {});
    expect(bs.refused).toEqual([
      expect.objectContaining({
        action: 'remove',
        status: 'conflict',
        reason: 'bo decided remove while ana had decided approve on the same version',
      }),
    ]);
    // The server's accepted decision stands on both; the other is kept and shown, not applied.
    expect(statusOf(b.core, b.item('i2'))).toBe('approved');
    await call(a.core, 'sync.run', {});
    expect(statusOf(a.core, a.item('i2'))).toBe('approved');
    const seenOnA = await call(a.core, 'item.detail', { itemId: a.item('i2') });
    expect(seenOnA.events.map((e) => [e.action, e.actor])).toEqual([
      ['approve', 'ana'],
      ['remove', 'bo'],
    ]);
  });

  it("brings a conflict to the supervisor's queue; the supervisor's resolution settles it everywhere", async () => {
    const url = await serve('sqlite', USERS);
    const a = await workstation(url, 'ana');
    const b = await workstation(url, 'bo');
    const s = await workstation(url, 'sam');
    await call(a.core, 'decision.apply', { itemIds: [a.item('i1')], action: 'approve' });
    await call(b.core, 'decision.apply', { itemIds: [b.item('i1')], action: 'spam', reason: 'link farm' });
    await call(a.core, 'sync.run', {});
    await call(b.core, 'sync.run', {});
    expect((await call(s.core, 'sync.run', {})).openConflicts).toBe(1);
    const { conflicts, open } = await call(s.core, 'conflicts.list', {});
    expect(open).toBe(1);
    expect(conflicts).toEqual([
      expect.objectContaining({
        itemId: s.item('i1'),
        externalId: 'i1',
        text: 'message i1',
        standing: expect.objectContaining({ status: 'approved', by: 'ana' }),
        contenders: [
          expect.objectContaining({
            action: 'spam',
            actor: 'bo',
            reason: 'bo decided spam while ana had decided approve on the same version',
          }),
        ],
      }),
    ]);
    // A moderator sees the conflict too, and may not settle it.
    expect((await call(a.core, 'sync.run', {})).openConflicts).toBe(1);
    expect(await a.core.dispatch('conflict.resolve', { itemId: a.item('i1'), action: 'approve', reason: 'mine stands' })).toMatchObject({
      ok: false,
      error: { code: 'action_refused' },
    });

    await call(s.core, 'conflict.resolve', { itemId: s.item('i1'), action: 'spam', reason: 'the link is a known farm' });
    expect((await call(s.core, 'conflicts.list', {})).open).toBe(0);
    expect(statusOf(s.core, s.item('i1'))).toBe('spam');
    await call(s.core, 'sync.run', {});
    for (const w of [a, b]) {
      const after = await call(w.core, 'sync.run', {});
      expect(after.openConflicts).toBe(0);
      expect(statusOf(w.core, w.item('i1'))).toBe('spam');
    }
    // Every side is kept in the log: the approval, the clash, the resolution.
    const log = await call(a.core, 'item.detail', { itemId: a.item('i1') });
    expect(log.events.map((e) => [e.action, e.actor, e.server?.status, e.server?.resolvedBy ?? null])).toEqual([
      ['approve', 'ana', 'accepted', null],
      ['spam', 'bo', 'conflict', log.events[2]!.id],
      ['spam', 'sam', 'accepted', null],
    ]);
  });

  it('counts as refused only what is still refused on each workstation: a settled conflict leaves the count', async () => {
    const url = await serve('sqlite', USERS);
    const a = await workstation(url, 'ana');
    const b = await workstation(url, 'bo');
    const s = await workstation(url, 'sam');
    await call(a.core, 'decision.apply', { itemIds: [a.item('i1'), a.item('i2')], action: 'approve' });
    await call(b.core, 'decision.apply', { itemIds: [b.item('i1'), b.item('i2')], action: 'spam' });
    await call(a.core, 'sync.run', {});
    await call(b.core, 'sync.run', {});
    await call(s.core, 'sync.run', {});
    const refused = async (w: { core: Core }) => (await call(w.core, 'sync.run', {})).refused.map((r) => [r.action, r.status]);
    // Only bo's own events are his to see as refused; the others have nothing refused.
    expect(await refused(b)).toEqual([
      ['spam', 'conflict'],
      ['spam', 'conflict'],
    ]);
    expect(await refused(a)).toEqual([]);
    expect(await refused(s)).toEqual([]);

    // A resolution says why: none, or only spaces, is refused with what to do, and settles nothing.
    for (const reason of ['', '   ', 'ok']) {
      expect(await s.core.dispatch('conflict.resolve', { itemId: s.item('i1'), action: 'spam', reason })).toMatchObject({
        ok: false,
        error: { code: 'invalid_args', message: expect.stringMatching(/^Say why you settle it this way/) },
      });
    }
    expect(await s.core.dispatch('conflict.resolve', { itemId: s.item('i1'), action: 'spam' } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect((await call(s.core, 'conflicts.list', {})).open).toBe(2);

    // One settled: bo's count drops by that one, whichever side the supervisor took.
    await call(s.core, 'conflict.resolve', { itemId: s.item('i1'), action: 'approve', reason: '  the link is the shop itself  ' });
    await call(s.core, 'sync.run', {});
    expect(await refused(b)).toEqual([['spam', 'conflict']]);
    await call(s.core, 'conflict.resolve', { itemId: s.item('i2'), action: 'spam', reason: 'a known link farm' });
    await call(s.core, 'sync.run', {});
    for (const w of [a, b, s]) {
      expect(await refused(w)).toEqual([]);
      expect((await call(w.core, 'sync.status', {})).openConflicts).toBe(0);
    }
    // The reason is recorded as typed (trimmed), and the history still says what became of bo's decision.
    const log = await call(b.core, 'item.detail', { itemId: b.item('i1') });
    expect(log.events.map((e) => [e.action, e.actor, e.server?.status, e.reason])).toEqual([
      ['spam', 'bo', 'conflict', null],
      ['approve', 'ana', 'accepted', null],
      ['approve', 'sam', 'accepted', 'the link is the shop itself'],
    ]);
    expect(log.events[0]!.server?.resolvedBy).toBe(log.events[2]!.id);
  });

  it('names each side of a conflict by its author of record, and the item by its author, text and scores', async () => {
    const url = await serve('sqlite', USERS);
    const a = await workstation(url, 'ana');
    const b = await workstation(url, 'bo');
    const s = await workstation(url, 'sam');
    await call(a.core, 'decision.apply', { itemIds: [a.item('i3')], action: 'remove', reason: 'off topic' });
    await call(b.core, 'decision.apply', { itemIds: [b.item('i3')], action: 'approve' });
    await call(a.core, 'sync.run', {});
    await call(b.core, 'sync.run', {});
    await call(s.core, 'sync.run', {});
    // Not scored yet: the list says so rather than inventing numbers.
    expect((await call(s.core, 'conflicts.list', {})).conflicts[0]!.scores).toBeNull();
    await call(s.core, 'detection.rescore', {});
    const [c] = (await call(s.core, 'conflicts.list', {})).conflicts;
    expect(c).toMatchObject({
      externalId: 'i3',
      text: 'message i3',
      authorHandle: null,
      standing: {
        status: 'removed',
        by: 'ana',
        decision: { action: 'remove', author: { name: 'ana', verified: true, wrote: null }, said: 'off topic', synced: true },
      },
      contenders: [{ action: 'approve', actor: 'bo', author: { name: 'bo', verified: true, wrote: null }, said: null }],
    });
    expect(c!.scores).toEqual({ risk: expect.any(Number), spam: expect.any(Number), review: null, author: null });
    expect(c!.scores!.risk).toBeGreaterThanOrEqual(c!.scores!.spam!);
  });

  it("shows who holds an item; another's claim is refused and work on the held item is flagged", async () => {
    const url = await serve('sqlite', USERS);
    const a = await workstation(url, 'ana');
    const b = await workstation(url, 'bo');
    await call(a.core, 'item.claim', { itemIds: [a.item('i2')], claim: true });
    await call(a.core, 'sync.run', {});
    await call(b.core, 'sync.run', {});
    const seen = (await call(b.core, 'queue.page', { filter: {}, offset: 0, limit: 10 })).rows.find((r) => r.externalId === 'i2')!;
    expect(seen).toMatchObject({ assignee: 'ana', claimUntil: expect.any(Number) });
    expect(seen.claimUntil!).toBeGreaterThan(Date.now());

    // bo's workstation knows ana holds it: the claim is refused at once, nothing is recorded.
    const refused = await b.core.dispatch('item.claim', { itemIds: [b.item('i2')], claim: true });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'action_refused', message: expect.stringMatching(/^Ana holds this item until/) },
    });
    expect(b.core.db.prepare('SELECT assignee FROM items WHERE id = ?').pluck().get(b.item('i2'))).toBe('ana');

    await call(b.core, 'decision.apply', { itemIds: [b.item('i2')], action: 'remove' });
    await call(b.core, 'sync.run', {});
    expect(
      b.core.db.prepare("SELECT s.status, s.reason FROM event_sync s JOIN events e ON e.id = s.event_id WHERE e.action = 'remove'").get(),
    ).toEqual({
      status: 'accepted',
      reason: 'done while ana held the item',
    });
    expect(statusOf(b.core, b.item('i2'))).toBe('removed');
    // The item's history says what the server made of each event.
    const history = await call(b.core, 'item.detail', { itemId: b.item('i2') });
    expect(history.events.map((e) => [e.action, e.actor, e.server?.status, e.server?.reason ?? null])).toEqual([
      ['claim', 'ana', 'accepted', null],
      ['remove', 'bo', 'accepted', 'done while ana held the item'],
    ]);
    // A supervisor finds it among the flagged work.
    expect((await call(b.core, 'conflicts.list', {})).flagged).toEqual([
      expect.objectContaining({
        itemId: b.item('i2'),
        externalId: 'i2',
        action: 'remove',
        actor: 'bo',
        reason: 'done while ana held the item',
        text: 'message i2',
      }),
    ]);
  });

  it("carries a case's owner and hand-overs to the other workstation", async () => {
    const url = await serve('sqlite', USERS);
    const a = await workstation(url, 'ana');
    const b = await workstation(url, 'bo');
    await call(a.core, 'case.take', { itemId: a.item('i3') });
    await call(a.core, 'case.handover', { itemId: a.item('i3'), to: 'bo', reason: 'billing question' });
    await call(a.core, 'sync.run', {});
    await call(b.core, 'sync.run', {});
    const seen = await call(b.core, 'case.get', { itemId: b.item('i3') });
    expect([seen.owner, seen.handovers, seen.owners]).toEqual(['bo', 1, ['ana', 'bo']]);
    // bo owns it now on both workstations: he resolves it, ana sees it resolved.
    await call(b.core, 'case.resolve', { itemId: b.item('i3'), outcome: 'answered' });
    await call(b.core, 'sync.run', {});
    await call(a.core, 'sync.run', {});
    expect(await call(a.core, 'case.get', { itemId: a.item('i3') })).toMatchObject({
      status: 'resolved',
      outcome: 'answered',
      owner: 'bo',
    });
  });

  it('acts as the signed-in user once connected', async () => {
    const url = await serve('sqlite', USERS);
    const core = await signedIn(null, 'desk-7');
    expect((await call(core, 'settings.get', {})).actor).toBe('desk-7');
    await call(core, 'sync.connect', { url, name: 'bo', password: PASSWORD });
    expect((await call(core, 'settings.get', {})).actor).toBe('bo');
  });

  it('keeps working offline: the outbox waits, and drains once the server is back', async () => {
    const url = await serve('sqlite', USERS);
    const a = await workstation(url, 'ana');
    await stopServer(url);
    await call(a.core, 'decision.apply', { itemIds: [a.item('i3')], action: 'escalate' });
    const offline = await a.core.dispatch('sync.run', {});
    expect(offline).toMatchObject({ ok: false, error: { code: 'transport' } });
    const waiting = await call(a.core, 'sync.status', {});
    expect(waiting.outbox).toBe(1);
    expect(waiting.lastError).toMatch(/cannot be reached/);
    expect(statusOf(a.core, a.item('i3'))).toBe('escalated');
  });

  it('asks to sign in again when the session has expired, and keeps the outbox until then', async () => {
    const url = await serve('sqlite', { ...USERS, sessionMs: 1000 });
    const a = await workstation(url, 'ana');
    await call(a.core, 'decision.apply', { itemIds: [a.item('i1')], action: 'approve' });
    await new Promise((r) => setTimeout(r, 1200));
    expect(await a.core.dispatch('sync.run', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const out = await call(a.core, 'sync.status', {});
    expect(out).toMatchObject({ state: 'signed-out', outbox: 1 });
    // No more tries with a refused token: the next says so at once.
    expect(await a.core.dispatch('sync.run', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: expect.stringMatching(/sign in again/) },
    });
    const back = await call(a.core, 'sync.connect', { url, name: 'ana', password: PASSWORD });
    expect(back.state).toBe('online');
    expect(await call(a.core, 'sync.run', {})).toMatchObject({ pushed: 1, outbox: 0 });
  });
});

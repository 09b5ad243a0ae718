// Quality review on the server: picks are a supervisor's, a review names an accepted decision
// on its own item that its reviewer did not make, and the reviewer is the session's user
// whatever the event says. A hostile client that skips every local check is refused by the
// server, event by event, without stopping the rest of its batch.
import { afterAll, describe, expect, it } from 'vitest';
import { event, pushAs, onEachStore, storeKinds, stopCluster, testServer } from './helpers';

const kinds = await storeKinds();
afterAll(() => stopCluster());

const USERS: [string, 'moderator' | 'supervisor'][] = [
  ['ana', 'moderator'],
  ['bo', 'moderator'],
  ['sam', 'supervisor'],
];

onEachStore(kinds, (kind) => {
  describe('quality-review events', () => {
    /** ana approved x1 (accepted); the tokens of all three. */
    async function decided() {
      const s = await testServer(USERS, kind);
      const [ana, bo, sam] = [await s.login('ana'), await s.login('bo'), await s.login('sam')];
      const [d] = await pushAs(s, ana, [event({ clientId: 'a', externalId: 'x1', action: 'approve', actor: 'ana' })]);
      expect(d!.status).toBe('accepted');
      const [note] = await pushAs(s, ana, [
        event({ clientId: 'a', externalId: 'x1', action: 'note', actor: 'ana', note: 'checked', baseVersion: 1 }),
      ]);
      return { s, ana, bo, sam, decision: d!.id, note: note!.id };
    }
    const review = (actor: string, of: string, more: Record<string, unknown> = {}, on = 'x1') =>
      event({
        clientId: actor[0],
        externalId: on,
        action: 'qa-review',
        actor,
        baseVersion: 2,
        payload: { of, answer: 'remove', blind: true, ...more },
      });

    it('accepts a review of someone else’s decision, and a supervisor’s pick', async () => {
      const { s, bo, sam, decision } = await decided();
      const [pick] = await pushAs(s, sam, [
        event({
          clientId: 's',
          externalId: 'x1',
          action: 'qa-pick',
          actor: 'sam',
          baseVersion: 2,
          payload: { of: decision, draw: 'draw-1', blind: true },
        }),
      ]);
      expect(pick).toMatchObject({ status: 'accepted' });
      const [r] = await pushAs(s, bo, [review('bo', decision, { scores: { tone: 1 } })]);
      expect(r).toMatchObject({ status: 'accepted' });
    });

    it('refuses, one by one, what a hostile client sends past its own checks, and accepts the honest event in the same batch', async () => {
      const { s, ana, bo, decision, note } = await decided();
      const results = await pushAs(s, bo, [
        // A moderator's pick.
        event({
          clientId: 'b',
          externalId: 'x1',
          action: 'qa-pick',
          actor: 'bo',
          baseVersion: 2,
          payload: { of: decision, draw: 'd', blind: true },
        }),
        review('bo', 'no-such-event'),
        review('bo', note),
        review('bo', decision, {}, 'x2'),
        review('bo', decision, { answer: 'toString' }),
        review('bo', decision, { scores: { tone: 7 } }),
        review('bo', decision, { blind: 'yes' }),
        review('bo', decision),
      ]);
      expect(results.map((r) => [r.status, r.reason])).toEqual([
        ['rejected', 'a moderator does not qa-pick items'],
        ['rejected', 'a review is about a decision the log does not have'],
        ['rejected', `a review is about a decision, and ${note} is a note`],
        ['rejected', 'a review is about a decision on another item'],
        ['rejected', 'a review answers with a decision (approve, remove, escalate, spam, fake or reply)'],
        ['rejected', 'the score of tone is a number from 0 to 1'],
        ['rejected', 'a review says whether it was made blind'],
        ['accepted', undefined],
      ]);
      // ana cannot review her own decision, even by writing another name into the event.
      const [own] = await pushAs(s, ana, [{ ...review('bo', decision), clientId: 'a' }]);
      expect(own).toMatchObject({ status: 'rejected', reason: 'nobody reviews their own decision' });
    });

    it('refuses a review of a decision in conflict, or one that was undone', async () => {
      const { s, ana, bo, sam, decision } = await decided();
      // bo removes x1 on the version ana approved: a conflict.
      const [c] = await pushAs(s, bo, [event({ clientId: 'b', externalId: 'x1', action: 'remove', actor: 'bo', baseVersion: 0 })]);
      expect(c!.status).toBe('conflict');
      const [onConflict] = await pushAs(s, sam, [review('sam', c!.id)]);
      expect(onConflict).toMatchObject({ status: 'rejected', reason: 'a review is about a decision the server did not accept' });
      const [u] = await pushAs(s, ana, [
        event({ clientId: 'a', externalId: 'x1', action: 'undo', actor: 'ana', undoOf: decision, baseVersion: 2 }),
      ]);
      expect(u!.status).toBe('accepted');
      const [onUndone] = await pushAs(s, sam, [review('sam', decision)]);
      expect(onUndone).toMatchObject({ status: 'rejected', reason: 'that decision was undone: there is nothing to review' });
    });

    it('judges a review against a decision earlier in the same batch', async () => {
      const s = await testServer(USERS, kind);
      const bo = await s.login('bo');
      const d = event({ clientId: 'b', externalId: 'x9', action: 'approve', actor: 'bo' });
      const results = await pushAs(s, bo, [d, review('bo', d.id, {}, 'x9')]);
      expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected']);
      expect(results[1]!.reason).toBe('nobody reviews their own decision');
    });
  });
});

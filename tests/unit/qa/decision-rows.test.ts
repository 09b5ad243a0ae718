// The sampling table follows the log: a decision adds its row, an undo takes it away, a new
// decision on the same item adds its own, and other events on the item leave the rows alone.
import { describe, expect, it } from 'vitest';
import type { DecisionOutcome } from '../../../src/shared/model';
import { decisionHash } from '../../../src/core/qa/decision-rows';
import { importRecords, testCore, value } from '../core-helpers';
import { item, itemId } from '../helpers';

describe('qa_decisions', () => {
  it('holds each decision in force once, with its hash, author, queue and action', async () => {
    const c = testCore(Date.UTC(2026, 11, 7, 12));
    await importRecords(c, [item('m1', { text: 'where is my order, it is late' }), item('m2', { text: 'thanks for the quick help' })]);
    const rows = () =>
      c.db
        .prepare(
          `SELECT d.event_id AS id, d.h, m.name AS moderator, q.name AS queue, d.action FROM qa_decisions d
           JOIN qa_names m ON m.id = d.moderator JOIN qa_names q ON q.id = d.queue ORDER BY d.at, d.event_id`,
        )
        .all();
    const m1 = itemId(c.db, 'm1');
    const first = value<{ outcomes: DecisionOutcome[] }>(await c.dispatch('decision.apply', { itemIds: [m1], action: 'remove' }))
      .outcomes[0]!;
    const queue = c.db.prepare('SELECT queue FROM items WHERE id = ?').pluck().get(m1);
    expect(rows()).toEqual([{ id: first.eventId, h: decisionHash(first.eventId), moderator: 'ana', queue, action: 1 }]);
    // A note writes nothing here.
    value(await c.dispatch('item.note', { itemId: m1, text: 'checked the order number' }));
    expect(rows()).toHaveLength(1);
    value(await c.dispatch('decision.undo', { eventIds: [first.eventId] }));
    expect(rows()).toEqual([]);
    const again = value<{ outcomes: DecisionOutcome[] }>(await c.dispatch('decision.apply', { itemIds: [m1], action: 'approve' }))
      .outcomes[0]!;
    expect(rows()).toEqual([{ id: again.eventId, h: decisionHash(again.eventId), moderator: 'ana', queue, action: 0 }]);
  });
});

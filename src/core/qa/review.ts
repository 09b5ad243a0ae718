// A reviewer's answer to a picked (or any) decision, recorded as a qa-review event on the
// decision's item. Who may review what is the event's rule (shared/event-rules.ts): checked
// here against this workstation's log, and again by the server.
import type { Database } from 'better-sqlite3';
import type { ArgsOut } from '../../shared/contract';
import { VigilFailure } from '../../shared/errors';
import type { DecisionOutcome } from '../../shared/model';
import type { Actor } from '../decisions/log';
import { recordEvents } from '../decisions/project';
import { itemOfDecision } from './decisions';

export function reviewDecision(db: Database, who: Actor, a: ArgsOut<'qa.review'>): DecisionOutcome[] {
  const on = itemOfDecision(db, a.of);
  if (on !== undefined && on !== a.itemId) throw new VigilFailure('invalid_args', `Decision ${a.of} is not on item ${a.itemId}.`);
  return recordEvents(db, who, [
    {
      itemId: a.itemId,
      action: 'qa-review',
      note: a.note || null,
      payload: {
        of: a.of,
        answer: a.answer,
        blind: a.blind,
        ...(a.draw ? { draw: a.draw } : {}),
        ...(a.scores && Object.keys(a.scores).length ? { scores: a.scores } : {}),
      },
    },
  ]);
}

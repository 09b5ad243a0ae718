// Decisions on items, and taking them back. A reply passes the personalisation check first;
// a spam or fake call, and any undo, has the authors' other items scored again.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import { decisionText } from '../../shared/decision-text';
import { ownOnWork } from '../cases/commands';
import type { RescoreAuthors } from '../detection/scoring/after-decision';
import { guardReply } from '../triage/answer/check';
import { applyDecision, undoEvents } from './decide';
import type { Actor } from './log';
import { undoLastGroup, writeGroup } from './undo-groups';

type DecisionMethods = 'decision.apply' | 'decision.undo' | 'decision.undoLast';

export function decisionHandlers(db: Database, who: Actor, rescoreAuthorsOf: RescoreAuthors): Pick<CoreHandlers, DecisionMethods> {
  return {
    'decision.apply': (a) => {
      // A reply passes the personalisation check first (or carries an override with its reason).
      const extra = a.action === 'reply' ? guardReply(db, who, a) : undefined;
      const outcomes = writeGroup(
        db,
        who.actor,
        who.now(),
        () => applyDecision(db, who, a, extra),
        (o) => decisionText(a.action, o.length),
      );
      if (a.action === 'spam' || a.action === 'fake') rescoreAuthorsOf(a.itemIds);
      // Whoever answers a customer owns the case, if nobody did.
      if (a.action === 'reply') ownOnWork(db, who, a.itemIds);
      return { outcomes };
    },
    'decision.undo': ({ eventIds }) => {
      const outcomes = undoEvents(db, who, eventIds);
      rescoreAuthorsOf(outcomes.map((o) => o.itemId));
      return { outcomes };
    },
    'decision.undoLast': () => {
      const undone = undoLastGroup(db, who);
      if (undone) rescoreAuthorsOf(undone.itemIds);
      return { undone };
    },
  };
}

// A customer's case: what it holds (case.get), the work on it, each an event in the log
// (take, hand over, resolve, reopen, link and unlink messages), the cases bounced between
// people, and "how did we answer this before?" (case.similar).
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import type { Actor } from '../decisions/log';
import { handOverCase, linkItem, reopenCase, resolveCase, takeCase, unlinkItem } from './commands';
import { similarCases } from './similar/find';
import { bouncedCases, caseView } from './view';

type CaseMethods =
  | 'case.get'
  | 'case.take'
  | 'case.handover'
  | 'case.resolve'
  | 'case.reopen'
  | 'case.link'
  | 'case.unlink'
  | 'case.similar'
  | 'cases.bounced';

export function caseHandlers(db: Database, who: Actor): Pick<CoreHandlers, CaseMethods> {
  return {
    'case.get': ({ itemId }) => caseView(db, itemId),
    'case.take': ({ itemId }) => ({ outcomes: takeCase(db, who, itemId) }),
    'case.handover': ({ itemId, to, reason }) => ({ outcomes: handOverCase(db, who, itemId, to, reason) }),
    'case.resolve': ({ itemId, outcome, note }) => ({ outcomes: resolveCase(db, who, itemId, outcome, note) }),
    'case.reopen': ({ itemId, reason }) => ({ outcomes: reopenCase(db, who, itemId, reason) }),
    'case.link': ({ itemId, toItemId }) => ({ outcomes: linkItem(db, who, itemId, toItemId) }),
    'case.unlink': ({ itemId }) => ({ outcomes: unlinkItem(db, who, itemId) }),
    'case.similar': ({ itemId, limit }) => ({ cases: similarCases(db, itemId, limit) }),
    'cases.bounced': ({ limit }) => ({ cases: bouncedCases(db, limit) }),
  };
}

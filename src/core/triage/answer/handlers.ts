// reply.check: what the personalisation check would say of a reply, asked by the reply editor
// before recording (decision.apply runs the same check on the reply it records).
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../../shared/contract';
import type { Actor } from '../../decisions/log';
import { checkReply } from './check';

export function answerHandlers(db: Database, who: Actor): Pick<CoreHandlers, 'reply.check'> {
  return {
    'reply.check': (d) => ({ hits: checkReply(db, who, d) }),
  };
}

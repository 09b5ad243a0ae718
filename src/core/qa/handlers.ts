// The quality-review methods of the contract: drawing a sample (a supervisor's), the review
// queue and a review (anyone who decides, never on their own decision), and agreement.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import type { Actor } from '../decisions/log';
import { OVERSEERS } from '../../shared/event-rules';
import { localRole } from '../decisions/rules-here';
import { agreementReport } from './agreement';
import { drawForReview } from './draw';
import { reviewTasks } from './queue';
import { reviewDecision } from './review';

type QaMethods = 'qa.draw' | 'qa.queue' | 'qa.review' | 'qa.agreement';

export function qaHandlers(db: Database, who: Actor): Pick<CoreHandlers, QaMethods> {
  return {
    'qa.draw': (a) => drawForReview(db, who, a),
    'qa.queue': ({ limit }) => ({ tasks: reviewTasks(db, who.actor, limit) }),
    'qa.review': (a) => ({ outcomes: reviewDecision(db, who, a) }),
    'qa.agreement': (a) => {
      const report = agreementReport(db, a);
      // Pairs name people: a supervisor sees every pair, anyone else the pairs they are in.
      if (OVERSEERS.includes(localRole(db))) return report;
      return { ...report, pairs: report.pairs.filter((p) => p.a === who.actor || p.b === who.actor) };
    },
  };
}

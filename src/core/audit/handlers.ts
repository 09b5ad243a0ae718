// The record's checks as contract methods: the workstation's own chain and its copy of the
// server's log (audit.verify), and inclusion proofs for one event (audit.proof).
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import { VigilFailure } from '../../shared/errors';
import type { AuditReport } from '../../shared/model';
import { verifyChain } from '../decisions/log';

export function auditHandlers(db: Database, now: () => number): Pick<CoreHandlers, 'audit.verify' | 'audit.proof'> {
  return {
    'audit.verify': (): AuditReport => {
      const entries = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
      const broken = verifyChain(db);
      const problems: AuditReport['problems'] = broken >= 0 ? [{ where: 'chain', position: broken, what: 'this entry or the one before it was changed, removed or inserted after it was written' }] : [];
      return { ok: problems.length === 0, checkedAt: now(), chain: { entries }, serverLog: null, problems };
    },
    'audit.proof': () => {
      throw new VigilFailure('not_found', 'This workstation has no copy of a signed server log yet.');
    },
  };
}

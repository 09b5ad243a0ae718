// The rules' contract methods, registered into core's handler map in one line.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../../shared/contract';
import { VigilFailure } from '../../../shared/errors';
import type { Actor } from '../../decisions/log';
import { rulesDoc } from '../../sync/config/documents';
import { shareChange } from '../../sync/config/log';
import { connection } from '../../sync/state';
import { reevaluateWaiting } from './apply';
import { previewRules } from './preview';
import { listRules, routerOf, saveRules } from './store';

type RulesHandlers = Pick<CoreHandlers, 'rules.list' | 'rules.save' | 'rules.preview'>;

export function rulesHandlers(db: Database, who: Actor): RulesHandlers {
  return {
    'rules.list': () => ({ rules: listRules(db) }),
    'rules.save': async ({ rules }) => {
      // Signed in to the team's server, only an admin edits routing; a workstation on its own
      // is its user's, who is its admin.
      const role = connection(db)?.role;
      if (role !== undefined && role !== 'admin') {
        throw new VigilFailure('action_refused', `Only an admin edits routing rules: this workstation is signed in as a ${role}.`);
      }
      // Queued for the team's server with the save, in one transaction (nothing when not connected).
      const saved = db.transaction(() => {
        const s = saveRules(db, rules, who.actor, who.now());
        shareChange(db, who, rulesDoc(db));
        return s;
      })();
      const reevaluated = await reevaluateWaiting(db, routerOf(db), who.now());
      return { rules: saved, reevaluated };
    },
    'rules.preview': ({ rules, focus, limit }) => previewRules(db, rules, focus, limit, who.now()),
  };
}

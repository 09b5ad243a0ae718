// The routing rules: the ordered set, saving it (waiting items are routed again), and a
// preview of a draft set. The save queues its document for the team's server itself, in its
// transaction: the re-routing after it runs outside any transaction.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../../shared/contract';
import type { Actor } from '../../decisions/log';
import { rulesDoc } from '../../sync/config/documents';
import { shareChange } from '../../sync/config/log';
import { reevaluateWaiting } from './apply';
import { previewRules } from './preview';
import { listRules, routerOf, saveRules } from './store';

type RulesHandlers = Pick<CoreHandlers, 'rules.list' | 'rules.save' | 'rules.preview'>;

export function rulesHandlers(db: Database, who: Actor): RulesHandlers {
  return {
    'rules.list': () => ({ rules: listRules(db) }),
    // Signed in to the team's server, only an admin saves them (api/traits.ts).
    'rules.save': async ({ rules }) => {
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

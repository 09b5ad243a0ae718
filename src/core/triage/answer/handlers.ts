// The answer methods of the contract: templates (admins keep them) and the personalisation
// check the reply editor asks before recording.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../../shared/contract';
import { VigilFailure } from '../../../shared/errors';
import type { Actor } from '../../decisions/log';
import { connection } from '../../sync/state';
import { checkReply } from './check';
import { deleteTemplate, listTemplates, reorderTemplates, saveTemplate } from './templates';

type AnswerMethods = 'templates.list' | 'templates.save' | 'templates.delete' | 'templates.reorder' | 'reply.check';

/** Signed in to the team's server, only an admin edits templates; a workstation on its own is its user's. */
function adminOnly(db: Database): void {
  const role = connection(db)?.role;
  if (role !== undefined && role !== 'admin') throw new VigilFailure('action_refused', `Only an admin edits reply templates: this workstation is signed in as a ${role}.`);
}

export function answerHandlers(db: Database, who: Actor): Pick<CoreHandlers, AnswerMethods> {
  return {
    'templates.list': () => ({ templates: listTemplates(db) }),
    'templates.save': (t) => {
      adminOnly(db);
      return { template: saveTemplate(db, t, who.actor, who.now()) };
    },
    'templates.delete': ({ id }) => {
      adminOnly(db);
      return { deleted: deleteTemplate(db, id) };
    },
    'templates.reorder': ({ ids }) => {
      adminOnly(db);
      return { templates: reorderTemplates(db, ids) };
    },
    'reply.check': (d) => ({ hits: checkReply(db, who, d) }),
  };
}

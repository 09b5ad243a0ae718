// The team's reply templates: anyone lists them; signed in to a team server, only an admin
// changes them, and each change is shared (api/traits.ts).
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../../shared/contract';
import type { Actor } from '../../decisions/log';
import { deleteTemplate, listTemplates, reorderTemplates, saveTemplate } from './store';

type TemplateMethods = 'templates.list' | 'templates.save' | 'templates.delete' | 'templates.reorder';

export function templateHandlers(db: Database, who: Actor): Pick<CoreHandlers, TemplateMethods> {
  return {
    'templates.list': () => ({ templates: listTemplates(db) }),
    'templates.save': (t) => ({ template: saveTemplate(db, t, who.actor, who.now()) }),
    'templates.delete': ({ id }) => ({ deleted: deleteTemplate(db, id) }),
    'templates.reorder': ({ ids }) => ({ templates: reorderTemplates(db, ids) }),
  };
}

// The contract's "learn from earlier answers" methods: similar resolved cases with
// their replies, and internal notes by their words or by whom they mention.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import { similarCases } from '../cases/similar/find';
import type { Actor } from '../decisions/log';
import { notesMentioning, searchNotes } from './search';

type NotesMethods = 'case.similar' | 'notes.search' | 'notes.mentions';

export function notesHandlers(db: Database, who: Pick<Actor, 'actor'>): Pick<CoreHandlers, NotesMethods> {
  return {
    'case.similar': ({ itemId, limit }) => ({ cases: similarCases(db, itemId, limit) }),
    'notes.search': ({ text, limit }) => ({ notes: searchNotes(db, text, limit) }),
    'notes.mentions': ({ name, limit }) => notesMentioning(db, name ?? who.actor, limit),
  };
}

// Internal notes, found by their words or by whom they mention.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import type { Actor } from '../decisions/log';
import { notesMentioning, searchNotes } from './search';

type NotesMethods = 'notes.search' | 'notes.mentions';

export function notesHandlers(db: Database, who: Pick<Actor, 'actor'>): Pick<CoreHandlers, NotesMethods> {
  return {
    'notes.search': ({ text, limit }) => ({ notes: searchNotes(db, text, limit) }),
    'notes.mentions': ({ name, limit }) => notesMentioning(db, name ?? who.actor, limit),
  };
}

// config.docs: where each shared configuration document stands here (revision, who changed
// it last and when). Saving the documents is each feature's own method; what a save queues
// for the server is in shares.ts.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../../shared/contract';
import { configDocInfo } from './log';

export function configHandlers(db: Database): Pick<CoreHandlers, 'config.docs'> {
  return {
    'config.docs': ({ docs }) => ({ docs: configDocInfo(db, docs) }),
  };
}

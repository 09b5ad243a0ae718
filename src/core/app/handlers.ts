// The app itself: what is running where (app.info) and how much the database holds (stats).
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import type { AppInfo } from '../../shared/model';
import { schemaVersionOf } from '../db/open';
import type { Actor } from '../decisions/log';
import { holdsNoItems, stats } from './stats';
import { VERSION } from './version';

export interface AppPlace {
  dataDir: string;
  dbPath: string;
  host: AppInfo['host'];
}

export function appHandlers(db: Database, who: Actor, place: AppPlace): Pick<CoreHandlers, 'app.info' | 'stats'> {
  return {
    'app.info': () => ({
      version: VERSION,
      schemaVersion: schemaVersionOf(db),
      dataDir: place.dataDir,
      dbPath: place.dbPath,
      clientId: who.clientId,
      actor: who.actor,
      host: place.host,
      empty: holdsNoItems(db),
    }),
    stats: () => stats(db),
  };
}

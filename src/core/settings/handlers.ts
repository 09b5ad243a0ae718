// The person's settings (name, keys, blurring) and the detection thresholds, which are the
// team's once signed in to a server (api/traits.ts: who may change them, and their sharing).
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import { VigilFailure } from '../../shared/errors';
import { rerouteAll } from '../detection/scores/settle';
import { connection } from '../sync/state';
import { getSettings, setSettings } from './settings';

export function settingsHandlers(db: Database, defaultActor: string): Pick<CoreHandlers, 'settings.get' | 'settings.set'> {
  return {
    'settings.get': () => getSettings(db, defaultActor),
    'settings.set': (patch) => {
      const signedIn = connection(db);
      if (patch.actor !== undefined && signedIn && patch.actor !== signedIn.user) {
        throw new VigilFailure(
          'action_refused',
          `Signed in to the team server as ${signedIn.user}: decisions are recorded under that name. Disconnect from the server to work under another.`,
        );
      }
      const settings = setSettings(db, defaultActor, patch);
      if (patch.thresholds) rerouteAll(db, settings.thresholds);
      return settings;
    },
  };
}

// Keeping in step with the team's server: signing in, the state of the sync, a round now,
// signing out; and the conflicts the server found, which a supervisor settles here.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import type { Actor } from '../decisions/log';
import { setSettings } from '../settings/settings';
import type { SyncClient } from './client';
import { listConflicts, listFlagged, openConflictCount, resolveConflict } from './conflicts';
import type { SyncScheduler } from './scheduler';

type SyncMethods = 'sync.connect' | 'sync.status' | 'sync.run' | 'sync.disconnect' | 'conflicts.list' | 'conflict.resolve';

/** `scheduler`: null where the host syncs only when asked (tests, the CLI). */
export function syncHandlers(
  db: Database,
  who: Actor,
  defaultActor: string,
  sync: SyncClient,
  scheduler: SyncScheduler | null,
): Pick<CoreHandlers, SyncMethods> {
  return {
    'sync.connect': async ({ url, name, password }) => {
      const status = await sync.connect(url, name, password);
      // Signed in, the workstation acts as that user: events name who the server knows.
      if (status.user) setSettings(db, defaultActor, { actor: status.user });
      scheduler?.stop();
      scheduler?.start();
      return scheduler ? sync.status() : status;
    },
    'sync.status': () => sync.status(),
    'sync.run': async () => {
      const r = await sync.run();
      return { ...sync.status(), ...r };
    },
    'sync.disconnect': () => {
      scheduler?.stop();
      return sync.disconnect();
    },
    'conflicts.list': ({ limit }) => ({
      conflicts: listConflicts(db, limit),
      open: openConflictCount(db),
      flagged: listFlagged(db, limit),
    }),
    'conflict.resolve': ({ itemId, action, reason }) => ({ outcomes: resolveConflict(db, who, itemId, action, reason) }),
  };
}

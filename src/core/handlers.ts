// Opening the workstation's core: the services (the database, sync and its scheduler,
// scoring, training, imports) built once, and handed to the domains' handlers (api/domains.ts),
// which dispatch answers from. What cuts across the methods (who may call each, which saves are
// shared with the team, which add to the log and so start a push) is api/traits.ts.
import type { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { isMethod, type CoreHandlers } from '../shared/contract';
import type { AppInfo } from '../shared/model';
import { coreHandlers } from './api/domains';
import { TRAITS } from './api/traits';
import { createCheckpointer } from './db/checkpoint';
import { openDatabase } from './db/open';
import { DB_FILE } from './db/paths';
import type { Actor } from './decisions/log';
import { rescoreAfterDecisions } from './detection/scoring/after-decision';
import { ScoringRunner } from './detection/scoring/runner';
import { rescore } from './detection/scores/rescore';
import { rerouteAll } from './detection/scores/settle';
import { TrainingJobs } from './detection/training/jobs';
import { activeModels } from './detection/training/models';
import { createDispatch, type Dispatch } from './dispatch';
import { ImportSessions } from './import/sessions';
import { getSettings } from './settings/settings';
import { SyncClient } from './sync/client';
import type { ConfigEffects } from './sync/config/documents';
import { currentClientId } from './sync/identity';
import { renewLeases } from './sync/leases';
import { SyncScheduler } from './sync/scheduler';
import { keyFileProtector, type SecretProtector } from './sync/secrets';
import { reevaluateWaiting } from './triage/rules/apply';
import { routerOf } from './triage/rules/store';
import { fillPendingDues, recomputeDues } from './triage/sla/recompute';

export { VERSION } from './app/version';

export interface CoreOptions {
  /** Folder holding vigil.db; created if missing. */
  dataDir: string;
  host: AppInfo['host'];
  /** Who decides, until the settings name someone; defaults to the OS user. */
  actor?: string | undefined;
  nativeBinding?: string | undefined;
  now?: () => number;
  /** Keep in step with the server by itself (default: for the web and Electron hosts). */
  autoSync?: boolean;
  /** A first sync starts from the server's snapshot above this many server records (Infinity: pages only). */
  syncSnapshotAbove?: number;
  /**
   * Seals the session and device tokens before they are stored. By default AES-256-GCM under
   * a key file in the data folder (vigil.key, mode 0600); a host may bring the operating
   * system's keychain instead.
   */
  secrets?: SecretProtector;
  /**
   * Score in a worker thread (default: for the web and Electron hosts, which answer a window
   * while they score); false scores on the calling thread, in slices.
   */
  scoringWorker?: boolean;
}

export interface Core {
  db: Database;
  handlers: CoreHandlers;
  dispatch: Dispatch;
  /** Where scoring runs, and its progress while a pass is under way in the worker. */
  scoring: ScoringRunner;
  close(): void;
}

function osUser(): string {
  try {
    return userInfo().username || 'moderator';
  } catch {
    return 'moderator';
  }
}

export function openCore(opts: CoreOptions): Core {
  mkdirSync(opts.dataDir, { recursive: true });
  const dbPath = join(opts.dataDir, DB_FILE);
  const db = openDatabase(dbPath, { nativeBinding: opts.nativeBinding });
  const now = opts.now ?? Date.now;
  const defaultActor = opts.actor ?? osUser();
  fillPendingDues(db);
  const who: Actor = {
    get actor() {
      return getSettings(db, defaultActor).actor;
    },
    // A different person signing in gives the workstation a new client id (sync/identity.ts).
    get clientId() {
      return currentClientId(db);
    },
    now,
  };

  const imports = new ImportSessions(db, now);
  let models = activeModels(db);
  const runRescore = (maxItems?: number) => rescore(db, now(), { thresholds: getSettings(db, defaultActor).thresholds, maxItems, models });
  const scoring = new ScoringRunner({
    db,
    file: db.memory ? null : dbPath,
    nativeBinding: opts.nativeBinding,
    worker: opts.scoringWorker ?? (opts.host === 'web' || opts.host === 'electron'),
    context: () => ({ thresholds: getSettings(db, defaultActor).thresholds, now: now() }),
    inThread: runRescore,
  });
  const rescoreAuthorsOf = rescoreAfterDecisions(db, scoring);
  const sync = new SyncClient(db, now, {
    secrets: opts.secrets ?? keyFileProtector(opts.dataDir),
    ...(opts.syncSnapshotAbove !== undefined ? { snapshotAbove: opts.syncSnapshotAbove } : {}),
    // Synced content is scored as an import's is, before the round reports done.
    afterContent: async () => void (await scoring.runAll(() => db.open)),
    // Configuration from the server: what the local save of the same documents re-does after it.
    afterConfig: async (effects: ConfigEffects) => {
      if (effects.rules) await reevaluateWaiting(db, routerOf(db), now());
      for (const teamId of effects.teams) recomputeDues(db, { teamId });
      for (const policyId of effects.policies) recomputeDues(db, { policyId });
      if (effects.thresholds) rerouteAll(db, getSettings(db, defaultActor).thresholds);
    },
  });
  sync.beforeRound = () => void renewLeases(db, who);
  // Hosts with a window sync by themselves; tests and the CLI call sync.run when they mean to.
  const scheduler = (opts.autoSync ?? (opts.host === 'web' || opts.host === 'electron')) ? new SyncScheduler(db, sync) : null;
  if (scheduler) sync.stateOf = () => scheduler.state;
  scheduler?.start();
  const training = new TrainingJobs(db, () => ({ actor: who.actor, now: now() }));

  const handlers = coreHandlers({
    db,
    who,
    defaultActor,
    now,
    place: { dataDir: opts.dataDir, dbPath, host: opts.host },
    imports,
    scoring,
    rescoreAuthorsOf,
    training,
    modelsSwitched: () => void (models = activeModels(db)),
    sync,
    scheduler,
  });

  const checkpointer = createCheckpointer(db, db.memory);
  const inner = createDispatch(handlers);
  const dispatch: Dispatch = async (method, args) => {
    try {
      return await inner(method, args);
    } finally {
      checkpointer.touch();
      if (scheduler && isMethod(method) && TRAITS[method].logs) scheduler.kick();
    }
  };

  return {
    db,
    handlers,
    dispatch,
    scoring,
    close() {
      imports.close();
      training.close();
      scoring.close();
      scheduler?.stop();
      if (db.open) {
        checkpointer.close();
        db.close();
      }
    },
  };
}

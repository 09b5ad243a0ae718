// The contract's methods by domain: each folder's handlers module answers its own methods,
// with the services openCore built. This is the map of core's API: a method is found in the
// folder named here for it, and the traits table (traits.ts) says what cuts across them.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import { appHandlers, type AppPlace } from '../app/handlers';
import { auditHandlers } from '../audit/handlers';
import { caseHandlers } from '../cases/handlers';
import { decisionHandlers } from '../decisions/handlers';
import type { Actor } from '../decisions/log';
import { detectionHandlers } from '../detection/handlers';
import type { RescoreAuthors } from '../detection/scoring/after-decision';
import type { ScoringRunner } from '../detection/scoring/runner';
import { modelHandlers } from '../detection/training/handlers';
import type { TrainingJobs } from '../detection/training/jobs';
import { exportHandlers } from '../export/handlers';
import { importHandlers } from '../import/handlers';
import type { ImportSessions } from '../import/sessions';
import { itemHandlers } from '../items/handlers';
import { notesHandlers } from '../notes/handlers';
import { queueHandlers } from '../queue/handlers';
import { demoHandlers } from '../seed/handlers';
import { settingsHandlers } from '../settings/handlers';
import type { SyncClient } from '../sync/client';
import { configHandlers } from '../sync/config/handlers';
import { syncHandlers } from '../sync/handlers';
import type { SyncScheduler } from '../sync/scheduler';
import { answerHandlers } from '../triage/answer/handlers';
import { rulesHandlers } from '../triage/rules/handlers';
import { slaHandlers } from '../triage/sla/handlers';
import { templateHandlers } from '../triage/templates/handlers';
import { qaHandlers } from '../qa/handlers';
import { applyTraits } from './apply-traits';
import { joinHandlers } from './join';

/** What openCore builds once and the domains share. */
export interface Services {
  db: Database;
  who: Actor;
  /** Who decides until the settings name someone. */
  defaultActor: string;
  now: () => number;
  place: AppPlace;
  imports: ImportSessions;
  scoring: ScoringRunner;
  rescoreAuthorsOf: RescoreAuthors;
  training: TrainingJobs;
  /** The active models changed (a model switched on or back). */
  modelsSwitched: () => void;
  sync: SyncClient;
  /** null where the host syncs only when asked (tests, the CLI). */
  scheduler: SyncScheduler | null;
}

/** Every contract method's handler, each from its domain, with the traits table applied. */
export function coreHandlers(s: Services): CoreHandlers {
  const { db, who, now } = s;
  const joined = joinHandlers({
    app: appHandlers(db, who, s.place),
    queue: queueHandlers(db),
    items: itemHandlers(db, who),
    decisions: decisionHandlers(db, who, s.rescoreAuthorsOf),
    import: importHandlers(s.imports),
    export: exportHandlers(db),
    demo: demoHandlers(db, now),
    settings: settingsHandlers(db, s.defaultActor),
    templates: templateHandlers(db, who),
    replies: answerHandlers(db, who),
    detection: detectionHandlers(db, who, s.scoring, s.rescoreAuthorsOf),
    models: modelHandlers(db, now, s.training, s.modelsSwitched),
    sync: syncHandlers(db, who, s.defaultActor, s.sync, s.scheduler),
    config: configHandlers(db),
    cases: caseHandlers(db, who),
    notes: notesHandlers(db, who),
    audit: auditHandlers(db, now, s.sync),
    rules: rulesHandlers(db, who),
    sla: slaHandlers(db, now),
    qa: qaHandlers(db, who),
  });
  return applyTraits(db, who, joined);
}

import { campaignText, classifyText, decisionText, labelText } from '../shared/decision-text';
import { undoLastGroup, writeGroup } from './decisions/undo-groups';
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { CoreHandlers } from '../shared/contract';
import { VigilFailure } from '../shared/errors';
import { MODEL_KINDS, type AppInfo, type ModelKind, type ModelKindStatus } from '../shared/model';
import { createCheckpointer } from './db/checkpoint';
import { topAccounts } from './detection/store/accounts';
import { campaignByKey, listCampaigns } from './detection/store/campaigns';
import { hasMorePending, rescore } from './detection/store/rescore';
import { ScoringRunner } from './detection/scoring/runner';
import { rerouteAll } from './detection/store/settle';
import { touchAuthorsOf } from './detection/store/items';
import { TrainingJobs } from './detection/training/jobs';
import { SyncClient } from './sync/client';
import { keyFileProtector, type SecretProtector } from './sync/secrets';
import { currentClientId } from './sync/identity';
import { connection } from './sync/state';
import type { ConfigEffects } from './sync/config/documents';
import { sharedConfigHandlers } from './sync/config/handlers';
import { handOverCase, linkItem, ownOnWork, reopenCase, resolveCase, takeCase, unlinkItem } from './cases/commands';
import { bouncedCases, caseView } from './cases/view';
import { notesHandlers } from './notes/handlers';
import { auditHandlers } from './audit/handlers';
import { listConflicts, listFlagged, openConflictCount, resolveConflict } from './sync/conflicts';
import { renewLeases } from './sync/leases';
import { SyncScheduler } from './sync/scheduler';
import { labelCounts, typeLabelCounts } from './detection/training/labels';
import { MIN_PER_CLASS } from './detection/training/kinds';
import { activateModel, activeModels, listModels, previousModel } from './detection/training/models';
import { openDatabase, schemaVersionOf } from './db/open';
import { DB_FILE } from './db/paths';
import { applyDecision, claimItems, classifyItems, handOver, labelItems, noteItem, undoEvents } from './decisions/decide';
import type { Actor } from './decisions/log';
import { itemDetail } from './detail/item-detail';
import { triageOf } from './triage/store/classification';
import { stmt } from './db/statements';
import { createDispatch, type Dispatch } from './dispatch';
import { exportPage } from './export/export';
import { ImportSession, formatOf } from './import/session';
import { facets } from './queue/facets';
import { queueCount, queueCounts, queuePage } from './queue/query';
import { locateItem } from './queue/locate';
import { loadWorkload } from './seed/load';
import { getSettings, setSettings } from './settings/settings';
import { stats } from './stats';
import { answerHandlers } from './triage/answer/handlers';
import { guardReply } from './triage/answer/check';
import { rulesHandlers } from './triage/rules/handlers';
import { slaHandlers } from './triage/sla/handlers';
import { fillPendingDues, recomputeDues } from './triage/sla/recompute';
import { reevaluateWaiting } from './triage/rules/apply';
import { routerOf } from './triage/rules/store';

export const VERSION = '0.1.0';

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

/** Re-scoring after a decision happens in passing only up to this many waiting items. */
const AFTER_DECISION_MAX = 2000;

/** Methods that add events to the log (and so to the outbox). */
const LOCAL_EVENTS = new Set<string>(['rules.save', 'templates.save', 'templates.delete', 'templates.reorder', 'sla.team.save', 'sla.policy.save', 'settings.set', 'decision.apply', 'decision.undo', 'decision.undoLast', 'item.label', 'item.note', 'item.claim', 'item.handover', 'item.classify', 'campaign.decide', 'conflict.resolve', 'case.take', 'case.handover', 'case.resolve', 'case.reopen', 'case.link', 'case.unlink']);

/** An import left without a chunk this long is dropped (what it committed stays). */
const IMPORT_IDLE_MS = 10 * 60_000;

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

  const imports = new Map<string, { session: ImportSession; touched: number }>();
  const importOf = (id: string) => {
    const entry = imports.get(id);
    if (!entry) throw new VigilFailure('import_unknown', 'That import is no longer open (finished, cancelled or idle too long). Start it again.');
    entry.touched = Date.now();
    return entry.session;
  };
  const sweep = setInterval(() => {
    const cutoff = Date.now() - IMPORT_IDLE_MS;
    for (const [id, e] of imports) if (e.touched < cutoff) imports.delete(id);
  }, 60_000);
  sweep.unref();

  let models = activeModels(db);
  const runRescore = (maxItems?: number) =>
    rescore(db, now(), { thresholds: getSettings(db, defaultActor).thresholds, maxItems, models });
  const scoring = new ScoringRunner({
    db,
    file: db.memory ? null : dbPath,
    nativeBinding: opts.nativeBinding,
    worker: opts.scoringWorker ?? (opts.host === 'web' || opts.host === 'electron'),
    context: () => ({ thresholds: getSettings(db, defaultActor).thresholds, now: now() }),
    inThread: runRescore,
  });
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
  const modelStatus = (kind: ModelKind): ModelKindStatus => {
    const list = listModels(db, kind);
    const out: ModelKindStatus = { kind, labels: labelCounts(db, kind), needed: MIN_PER_CLASS, models: list, training: training.state(kind) };
    if (kind === 'type') out.classes = typeLabelCounts(db);
    if (list.some((m) => m.active)) out.rollbackTo = previousModel(db, kind);
    return out;
  };
  const switchModel = (kind: ModelKind, modelId: number | null): ModelKindStatus => {
    if (modelId !== null && !listModels(db, kind, 1000).some((m) => m.id === modelId)) {
      throw new VigilFailure('not_found', `There is no ${kind} model ${modelId}.`);
    }
    activateModel(db, kind, modelId, now());
    models = activeModels(db);
    // Everything the kind scores waits to be scored again (the app shows the progress).
    if (kind === 'accounts') db.prepare('UPDATE accounts SET scored_at = NULL WHERE stub = 0 AND scored_at IS NOT NULL').run();
    // Sentiment and type: the waiting items are classified again (decided ones keep what they were decided with).
    else if (kind === 'sentiment' || kind === 'type') db.prepare("UPDATE items SET scored_at = NULL WHERE status = 'new' AND scored_at IS NOT NULL").run();
    else db.prepare(`UPDATE items SET scored_at = NULL WHERE kind ${kind === 'reviews' ? '=' : '!='} 'review' AND scored_at IS NOT NULL`).run();
    return modelStatus(kind);
  };
  /**
   * A spam or fake call on an item says something of its author's other items: they are
   * marked, and scored again just after the decision is answered (the moderator's next item
   * must not wait), unless a large scoring is under way, which takes them with the rest.
   */
  let rescoreScheduled = false;
  const rescoreAuthorsOf = (itemIds: readonly number[]) => {
    if (touchAuthorsOf(db, itemIds) === 0 || rescoreScheduled) return;
    rescoreScheduled = true;
    setImmediate(() => {
      rescoreScheduled = false;
      if (!db.open || hasMorePending(db, AFTER_DECISION_MAX)) return;
      // Through the runner: never beside a pass under way in the worker.
      scoring.run().catch((e: Error) => {
        if (db.open) console.error(`vigil: re-scoring after a decision failed (the items stay marked for the next pass): ${e.message}`);
      });
    });
  };

  const own: Omit<CoreHandlers, 'config.docs'> = {
    'app.info': () => ({
      version: VERSION,
      schemaVersion: schemaVersionOf(db),
      dataDir: opts.dataDir,
      dbPath,
      clientId: who.clientId,
      actor: who.actor,
      host: opts.host,
      empty: db.prepare('SELECT 1 FROM items LIMIT 1').get() === undefined,
    }),
    stats: () => stats(db),
    'queue.page': ({ filter, offset, limit }) => ({ rows: queuePage(db, filter, offset, limit), offset }),
    'queue.count': ({ filter }) => ({ total: queueCount(db, filter) }),
    'queue.locate': ({ itemId }) => locateItem(db, itemId),
    'queue.counts': () => queueCounts(db),
    'queue.facets': () => facets(db),
    'item.detail': ({ itemId }) => itemDetail(db, itemId),
    'decision.apply': (a) => {
      // A reply passes the personalisation check first (or carries an override with its reason).
      const extra = a.action === 'reply' ? guardReply(db, who, a) : undefined;
      const outcomes = writeGroup(db, who.actor, now(), () => applyDecision(db, who, a, extra), (o) => decisionText(a.action, o.length));
      if (a.action === 'spam' || a.action === 'fake') rescoreAuthorsOf(a.itemIds);
      // Whoever answers a customer owns the case, if nobody did.
      if (a.action === 'reply') ownOnWork(db, who, a.itemIds);
      return { outcomes };
    },
    'decision.undo': ({ eventIds }) => {
      const outcomes = undoEvents(db, who, eventIds);
      rescoreAuthorsOf(outcomes.map((o) => o.itemId));
      return { outcomes };
    },
    'decision.undoLast': () => {
      const undone = undoLastGroup(db, who);
      if (undone) rescoreAuthorsOf(undone.itemIds);
      return { undone };
    },
    'item.label': (a) => {
      return { outcomes: writeGroup(db, who.actor, now(), () => labelItems(db, who, a), (o) => labelText(o.length, a.add, a.remove)) };
    },
    'item.note': (a) => {
      return { outcomes: writeGroup(db, who.actor, now(), () => noteItem(db, who, a), () => 'Note added') };
    },
    'item.claim': (a) => ({ outcomes: claimItems(db, who, a) }),
    'item.handover': (a) => ({ outcomes: handOver(db, who, a) }),
    'item.classify': (a) => {
      const outcomes = writeGroup(db, who.actor, now(), () => classifyItems(db, who, a), () => (a.type ? classifyText('type', a.type) : classifyText('sentiment', a.sentiment ?? '')));
      return { outcomes: outcomes.map((o) => ({ ...o, triage: triageOf(db, o.itemId) })) };
    },
    'import.begin': ({ fileName, format }) => {
      const importId = randomUUID();
      const fmt = format ?? formatOf(fileName);
      imports.set(importId, { session: new ImportSession(db, importId, fileName, fmt, now), touched: Date.now() });
      return { importId, format: fmt };
    },
    'import.chunk': ({ importId, text }) => importOf(importId).write(text),
    'import.finish': async ({ importId }) => {
      const report = await importOf(importId).end();
      imports.delete(importId);
      return report;
    },
    'import.cancel': ({ importId }) => ({ cancelled: imports.delete(importId) }),
    'export.page': ({ format, cursor, limit }) => exportPage(db, format, cursor, limit),
    'demo.load': ({ items, seed }) => loadWorkload(db, { items, seed, now: now(), arrivals: 'live' }),
    'settings.get': () => getSettings(db, defaultActor),
    'settings.set': (patch) => {
      const signedIn = connection(db);
      if (patch.actor !== undefined && signedIn && patch.actor !== signedIn.user) {
        throw new VigilFailure('action_refused', `Signed in to the team server as ${signedIn.user}: decisions are recorded under that name. Disconnect from the server to work under another.`);
      }
      const settings = setSettings(db, defaultActor, patch);
      if (patch.thresholds) rerouteAll(db, settings.thresholds);
      return settings;
    },
    'accounts.top': ({ limit }) => ({ accounts: topAccounts(db, limit) }),
    'campaigns.list': ({ limit }) => ({ campaigns: listCampaigns(db, limit) }),
    'campaign.decide': ({ id, action, reason }) => {
      const c = campaignByKey(db, id);
      if (!c) throw new VigilFailure('not_found', `There is no campaign ${id} (any more): new imports may have reshaped it. Reload the campaign.`);
      const waiting = c.itemIds.filter((itemId) => stmt<[number], { status: string }>(db, 'SELECT status FROM items WHERE id = ?').get(itemId)?.status === 'new');
      if (!waiting.length) return { outcomes: [] };
      const outcomes = writeGroup(db, who.actor, now(), () => applyDecision(db, who, { itemIds: waiting, action, reason: reason?.trim() || `campaign ${id}` }), (o) => campaignText(action, o.length));
      if (action === 'spam' || action === 'fake') rescoreAuthorsOf(waiting);
      return { outcomes };
    },
    'detection.rescore': ({ maxItems }) => scoring.run(maxItems),
    'model.status': () => ({ kinds: MODEL_KINDS.map(modelStatus) }),
    'model.train': ({ kind }) => {
      training.start(kind);
      return modelStatus(kind);
    },
    'model.activate': ({ kind, modelId }) => switchModel(kind, modelId),
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
    'case.get': ({ itemId }) => caseView(db, itemId),
    'case.take': ({ itemId }) => ({ outcomes: takeCase(db, who, itemId) }),
    'case.handover': ({ itemId, to, reason }) => ({ outcomes: handOverCase(db, who, itemId, to, reason) }),
    'case.resolve': ({ itemId, outcome, note }) => ({ outcomes: resolveCase(db, who, itemId, outcome, note) }),
    'case.reopen': ({ itemId, reason }) => ({ outcomes: reopenCase(db, who, itemId, reason) }),
    'case.link': ({ itemId, toItemId }) => ({ outcomes: linkItem(db, who, itemId, toItemId) }),
    'case.unlink': ({ itemId }) => ({ outcomes: unlinkItem(db, who, itemId) }),
    'cases.bounced': ({ limit }) => ({ cases: bouncedCases(db, limit) }),
    'conflicts.list': ({ limit }) => ({ conflicts: listConflicts(db, limit), open: openConflictCount(db), flagged: listFlagged(db, limit) }),
    'conflict.resolve': ({ itemId, action, reason }) => ({ outcomes: resolveConflict(db, who, itemId, action, reason) }),
    'model.rollback': ({ kind }) => {
      const status = modelStatus(kind);
      if (status.rollbackTo === undefined) throw new VigilFailure('action_refused', `The built-in rules already score ${kind}: there is nothing to roll back.`);
      return switchModel(kind, status.rollbackTo);
    },
    ...rulesHandlers(db, who),
    ...slaHandlers(db, now),
    ...answerHandlers(db, who),
    ...notesHandlers(db, who),
    ...auditHandlers(db, now, sync),
  };
  // Configuration saves also queue their document for the team's server (sync/config/handlers.ts).
  const handlers: CoreHandlers = { ...own, ...sharedConfigHandlers(db, who, own) };

  const checkpointer = createCheckpointer(db, db.memory);
  const inner = createDispatch(handlers);
  const dispatch: Dispatch = async (method, args) => {
    try {
      return await inner(method, args);
    } finally {
      checkpointer.touch();
      if (scheduler && typeof method === 'string' && LOCAL_EVENTS.has(method)) scheduler.kick();
    }
  };

  return {
    db,
    handlers,
    dispatch,
    scoring,
    close() {
      clearInterval(sweep);
      training.close();
      scoring.close();
      scheduler?.stop();
      imports.clear();
      if (db.open) {
        checkpointer.close();
        db.close();
      }
    },
  };
}

// The whole API between a host (Electron IPC, HTTP, CLI) and core, typed once.
// Every method takes one JSON object, validated here by the schema of its arguments at each
// boundary, and answers a Result: errors are data, never exceptions across a boundary.
import { z } from 'zod';
import type { Result } from './errors';
import {
  CASE_OUTCOMES,
  CORRECTABLE_TYPES,
  DECISION_ACTIONS,
  ITEM_KINDS,
  SENTIMENTS,
  ITEM_STATUSES,
  MODEL_KINDS,
  QA_MAX_SAMPLE,
  QA_STRATA,
  type AccountScore,
  type AgreementReport,
  type DrawReport,
  type QaTask,
  type AuditProof,
  type AuditReport,
  type AppInfo,
  type CampaignInfo,
  type CaseView,
  type ConflictView,
  type FlaggedWork,
  type DecisionOutcome,
  type ImportReport,
  type ItemDetail,
  type ItemTriage,
  type ModelKindStatus,
  type QueueCount,
  type QueueFilter,
  type QueueRow,
  type ReplyTemplate,
  type RescoreReport,
  type Settings,
  type Stats,
  type SyncStatus,
} from './model';
import type { ConfigDocInfo } from './config-sync';
import { labelName, RULE_LIMITS, ruleSet, type Rule, type RulePreview } from './rules';
import type { NoteHit, SimilarCase } from './similar';
import { holiday, timeZone, weeklyHours, type ItemSla, type SlaPolicy, type SlaSummary, type Team } from './hours';
import { TEMPLATE_KINDS, type ReplyCheckHit } from './templates';

const id = z.number().int().positive();
const shortText = z.string().trim().min(1).max(200);
/** A time in ms since the epoch, within years 1970–2286. */
const epoch = z.number().int().min(0).max(1e13);

/** Bulk actions are bounded so one call is one bounded transaction. */
const itemIds = z.array(id).min(1).max(5000);

export const queueFilter = z
  .object({
    queue: z.string().min(1).max(64).optional(),
    status: z.enum([...ITEM_STATUSES, 'all']).optional(),
    kind: z.enum(ITEM_KINDS).optional(),
    label: labelName.optional(),
    platform: z.string().min(1).max(64).optional(),
    target: z.string().min(1).max(200).optional(),
    search: z.string().max(200).optional(),
    minRisk: z.number().min(0).max(1).optional(),
    /** Items a routing rule (by id) routed. */
    rule: z.string().min(1).max(64).optional(),
    sort: z.enum(['priority', 'risk', 'due']).optional(),
  })
  .strict();

const threshold = z.number().min(0.05).max(1);

export const importFormat = z.enum(['ndjson', 'csv']);

export const contractArgs = {
  'app.info': z.object({}).strict(),
  stats: z.object({}).strict(),
  'queue.page': z.object({ filter: queueFilter, offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) }).strict(),
  'queue.count': z.object({ filter: queueFilter }).strict(),
  /** The queue view that shows an item (its queue and status, priority order) and its place there: to open it from elsewhere. */
  'queue.locate': z.object({ itemId: id }).strict(),
  'queue.counts': z.object({}).strict(),
  'queue.facets': z.object({}).strict(),
  'item.detail': z.object({ itemId: id }).strict(),
  'decision.apply': z
    .object({
      itemIds,
      action: z.enum(DECISION_ACTIONS),
      reason: z.string().max(500).optional(),
      /** The reply text for `reply`; an optional remark otherwise. */
      note: z.string().max(10_000).optional(),
      templateId: z.string().max(64).optional(),
      /** Sends a reply the personalisation check stopped; the reason is recorded for supervisors. */
      override: z
        .object({ reason: z.string().trim().min(3).max(500) })
        .strict()
        .optional(),
    })
    .strict()
    .refine((a) => a.action !== 'reply' || (a.note ?? '').trim().length > 0, {
      message: 'a reply needs its text',
      path: ['note'],
    }),
  'decision.undo': z.object({ eventIds: z.array(z.string().uuid()).min(1).max(5000) }).strict(),
  /** Takes back the latest decision this person made here (an item, a selection or a campaign), also after a reload. */
  'decision.undoLast': z.object({}).strict(),
  'item.label': z
    .object({ itemIds, add: z.array(labelName).max(20).default([]), remove: z.array(labelName).max(20).default([]) })
    .strict()
    .refine((a) => a.add.length + a.remove.length > 0, { message: 'name at least one label to add or remove' }),
  'item.note': z.object({ itemId: id, text: z.string().trim().min(1).max(10_000) }).strict(),
  'item.claim': z.object({ itemIds, claim: z.boolean() }).strict(),
  /** A moderator's correction of the type or sentiment: an event, kept through any re-scoring. */
  'item.classify': z
    .object({ itemIds, type: z.enum(CORRECTABLE_TYPES).optional(), sentiment: z.enum(SENTIMENTS).optional() })
    .strict()
    .refine((a) => a.type !== undefined || a.sentiment !== undefined, { message: 'say the type, the sentiment or both' }),
  'item.handover': z.object({ itemIds, to: shortText, reason: z.string().trim().min(3).max(500) }).strict(),
  'import.begin': z
    .object({
      fileName: z.string().min(1).max(500),
      format: importFormat.optional(),
      size: z.number().int().min(0).optional(),
    })
    .strict(),
  'import.chunk': z.object({ importId: z.string().uuid(), text: z.string().max(8 * 1024 * 1024) }).strict(),
  'import.finish': z.object({ importId: z.string().uuid() }).strict(),
  'import.cancel': z.object({ importId: z.string().uuid() }).strict(),
  'export.page': z
    .object({
      format: importFormat,
      /** Item id after which to continue; 0 starts. */
      cursor: z.number().int().min(0),
      limit: z.number().int().min(1).max(10_000),
    })
    .strict(),
  'demo.load': z.object({ items: z.number().int().min(1).max(200_000), seed: z.number().int().optional() }).strict(),
  'settings.get': z.object({}).strict(),
  'settings.set': z
    .object({
      actor: shortText.optional(),
      keymap: z.record(z.string().max(40), z.string().max(40)).optional(),
      blurMedia: z.boolean().optional(),
      thresholds: z
        .object({ 'spam-waves': threshold, 'fake-reviews': threshold, 'fake-accounts': threshold, spam: threshold })
        .partial()
        .strict()
        .optional(),
    })
    .strict(),
  'templates.list': z.object({}).strict(),
  /** Admin: creates (no id) or replaces a template; a contact or private-channel template needs its reason. */
  'templates.save': z
    .object({
      id: z.string().min(1).max(64).optional(),
      name: shortText,
      body: z.string().trim().min(1).max(5000),
      kind: z.enum(TEMPLATE_KINDS).default('reply'),
      reason: z.string().trim().max(500).optional(),
      tags: z.array(labelName).max(20).default([]),
    })
    .strict()
    .refine((a) => a.kind === 'reply' || (a.reason ?? '').length >= 3, {
      message: 'say why the customer is asked (a reason of 3 characters or more)',
      path: ['reason'],
    }),
  'templates.delete': z.object({ id: z.string().min(1).max(64) }).strict(),
  /** Admin: the order the reply dialog lists them in. */
  'templates.reorder': z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(10_000) }).strict(),
  /** What the personalisation check would say of a reply, before it is recorded. */
  'reply.check': z.object({ itemId: id, text: z.string().max(10_000), templateId: z.string().max(64).optional() }).strict(),
  'accounts.top': z.object({ limit: z.number().int().min(1).max(10_000) }).strict(),
  'campaigns.list': z.object({ limit: z.number().int().min(1).max(10_000).optional() }).strict(),
  /** One decision for every waiting item of a campaign, in one transaction. */
  'campaign.decide': z
    .object({ id: z.string().min(1).max(300), action: z.enum(DECISION_ACTIONS), reason: z.string().max(500).optional() })
    .strict()
    .refine((a) => a.action !== 'reply', { message: 'a campaign cannot be answered in bulk', path: ['action'] }),
  /** Scores what waits to be scored, at most `maxItems` items per call (the caller loops, showing progress). */
  'detection.rescore': z.object({ maxItems: z.number().int().min(1).max(100_000).optional() }).strict(),
  'model.status': z.object({}).strict(),
  /** Starts training in the background; model.status reports progress and the result. */
  'model.train': z.object({ kind: z.enum(MODEL_KINDS) }).strict(),
  /** Switches a trained model on (null: the built-in rules); what it scores is scored again. */
  'model.activate': z.object({ kind: z.enum(MODEL_KINDS), modelId: id.nullable() }).strict(),
  /** Switches back to what was on before the current model. */
  'model.rollback': z.object({ kind: z.enum(MODEL_KINDS) }).strict(),
  'sync.connect': z
    .object({ url: z.string().trim().min(1).max(500), name: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) })
    .strict(),
  'sync.status': z.object({}).strict(),
  /** Pushes the outbox and pulls what is new; offline, it fails with `transport` and nothing is lost. */
  'sync.run': z.object({}).strict(),
  'sync.disconnect': z.object({}).strict(),
  /** Shared configuration documents (exact keys, or `kind:` for every one of a kind): revision, who changed each last and when. */
  'config.docs': z.object({ docs: z.array(z.string().min(1).max(200)).min(1).max(20) }).strict(),
  /** The case an item belongs to: customer, owner, messages, timeline. */
  'case.get': z.object({ itemId: id }).strict(),
  'case.take': z.object({ itemId: id }).strict(),
  /** A hand-over needs who takes it and why. */
  'case.handover': z.object({ itemId: id, to: shortText, reason: z.string().trim().min(3).max(500) }).strict(),
  'case.resolve': z.object({ itemId: id, outcome: z.enum(CASE_OUTCOMES), note: z.string().trim().max(2000).optional() }).strict(),
  'case.reopen': z.object({ itemId: id, reason: z.string().trim().min(3).max(500) }).strict(),
  /** Moves a message into the case of another. */
  'case.link': z.object({ itemId: id, toItemId: id }).strict(),
  'case.unlink': z.object({ itemId: id }).strict(),
  /** "How did we answer this before?": resolved cases like the item's, with their outcome and replies, best first. */
  'case.similar': z.object({ itemId: id, limit: z.number().int().min(1).max(20).default(5) }).strict(),
  /** Internal notes holding every word of `text`, newest first. */
  'notes.search': z.object({ text: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).default(50) }).strict(),
  /** Notes mentioning someone (`@name`; the current actor when left out), newest first, and their count. */
  'notes.mentions': z.object({ name: shortText.optional(), limit: z.number().int().min(0).max(200).default(50) }).strict(),
  /** Open cases handed over too often or back and forth, for supervisors. */
  'cases.bounced': z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
  /** Items two people decided differently, waiting for a supervisor (oldest first). */
  'conflicts.list': z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  /** A supervisor's call on an item in conflict: a new decision that settles every open conflict on it, with why (3 characters or more, said by core). */
  'conflict.resolve': z.object({ itemId: id, action: z.enum(DECISION_ACTIONS), reason: z.string().trim().max(500) }).strict(),
  /**
   * Checks this workstation's record: its own log's chain, its copy of the server's log against
   * the checkpoints the server signed, and (when connected and `server` is set) that the server's
   * log today still extends what this workstation saw.
   */
  'audit.verify': z.object({ server: z.boolean().default(true) }).strict(),
  /** An inclusion proof for one event of the server's log, as a file anyone can check with the server's public key. */
  'audit.proof': z.object({ eventId: z.string().uuid() }).strict(),
  'rules.list': z.object({}).strict(),
  /** The whole ordered set (admin); waiting items nobody holds are routed again. */
  'rules.save': z.object({ rules: ruleSet }).strict(),
  /** A draft set run over the newest `limit` items, writing nothing; `focus` is the rule being edited. */
  'rules.preview': z
    .object({
      rules: ruleSet,
      focus: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(RULE_LIMITS.previewItems).default(10_000),
    })
    .strict()
    .refine((a) => a.rules.length === 0 || a.focus < a.rules.length, { message: 'focus names a rule beyond the set', path: ['focus'] }),
  /** Teams (business hours) and SLA policies. */
  'sla.teams': z.object({}).strict(),
  /** Admin: creates (no id) or replaces a team's calendar; open items' dues and priority are worked out again. */
  'sla.team.save': z
    .object({ id: id.optional(), name: shortText, timeZone, weekly: weeklyHours, holidays: z.array(holiday).max(1000) })
    .strict(),
  /** Admin: creates (no id) or replaces a policy; targets in business minutes. */
  'sla.policy.save': z
    .object({
      id: id.optional(),
      name: shortText,
      teamId: id,
      firstResponseMinutes: z.number().int().min(1).max(525_600),
      resolutionMinutes: z.number().int().min(1).max(525_600),
      isDefault: z.boolean().optional(),
    })
    .strict(),
  /** Open and overdue items, per queue and team. */
  'sla.summary': z.object({}).strict(),
  /** One item's time to breach, and when its team is back if it arrived (or it is now) out of hours. */
  'sla.item': z.object({ itemId: id }).strict(),
  /** Supervisor: draws a sample of the period's decisions for review (reproducible from its seed) and records a pick of each. */
  'qa.draw': z
    .object({
      from: epoch,
      to: epoch,
      queue: z.string().min(1).max(64).optional(),
      by: z
        .array(z.enum(QA_STRATA))
        .max(QA_STRATA.length)
        .refine((b) => new Set(b).size === b.length, 'each stratum once')
        .default([]),
      allocation: z.enum(['proportional', 'equal']).default('proportional'),
      size: z.number().int().min(1).max(QA_MAX_SAMPLE),
      seed: z.number().int().min(0).max(0xffffffff).optional(),
      blind: z.boolean().default(true),
    })
    .strict()
    .refine((a) => a.from < a.to, { message: 'the period ends after it starts', path: ['to'] }),
  /** Decisions picked for review that the signed-in person may review and has not. */
  'qa.queue': z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
  /** Reviews a decision: the decision the reviewer would have made, with a scorecard where the review is open. */
  'qa.review': z
    .object({
      itemId: id,
      of: z.string().uuid(),
      answer: z.enum(DECISION_ACTIONS),
      blind: z.boolean(),
      draw: z.string().min(1).max(64).optional(),
      scores: z.record(z.string().min(1).max(64), z.number().min(0).max(1)).optional(),
      note: z.string().trim().max(2000).optional(),
    })
    .strict(),
  /** Agreement between the people who answered the same decisions (decider and reviewers), corrected for chance. */
  'qa.agreement': z
    .object({
      from: epoch.optional(),
      to: epoch.optional(),
      queue: z.string().min(1).max(64).optional(),
      seed: z.number().int().min(0).max(0xffffffff).optional(),
    })
    .strict(),
} as const;

/** What each method answers when it succeeds. */
export interface ContractResults {
  'app.info': AppInfo;
  stats: Stats;
  'queue.page': { rows: QueueRow[]; offset: number };
  'queue.count': { total: number };
  'queue.locate': { row: QueueRow; filter: QueueFilter; index: number };
  'queue.counts': { queues: QueueCount[]; open: number; total: number };
  'queue.facets': { labels: string[]; platforms: string[]; queues: string[]; targets: string[] };
  'item.detail': ItemDetail;
  'decision.apply': { outcomes: DecisionOutcome[] };
  'decision.undo': { outcomes: DecisionOutcome[] };
  /** null: nothing left to take back. */
  'decision.undoLast': { undone: { text: string; eventIds: string[]; itemIds: number[]; outcomes: DecisionOutcome[] } | null };
  'item.label': { outcomes: DecisionOutcome[] };
  'item.note': { outcomes: DecisionOutcome[] };
  'item.claim': { outcomes: DecisionOutcome[] };
  'item.classify': { outcomes: (DecisionOutcome & { triage: ItemTriage | null })[] };
  'item.handover': { outcomes: DecisionOutcome[] };
  'import.begin': { importId: string; format: 'ndjson' | 'csv' };
  'import.chunk': ImportReport;
  'import.finish': ImportReport;
  'import.cancel': { cancelled: boolean };
  'export.page': { text: string; nextCursor: number | null; rows: number };
  'demo.load': { items: number; accounts: number; follows: number };
  'settings.get': Settings;
  'settings.set': Settings;
  'templates.list': { templates: ReplyTemplate[] };
  'templates.save': { template: ReplyTemplate };
  'templates.delete': { deleted: boolean };
  'templates.reorder': { templates: ReplyTemplate[] };
  'reply.check': { hits: ReplyCheckHit[] };
  'accounts.top': { accounts: AccountScore[] };
  'campaigns.list': { campaigns: (CampaignInfo & { itemIds: number[] })[] };
  'campaign.decide': { outcomes: DecisionOutcome[] };
  'detection.rescore': RescoreReport;
  'model.status': { kinds: ModelKindStatus[] };
  'model.train': ModelKindStatus;
  'model.activate': ModelKindStatus;
  'model.rollback': ModelKindStatus;
  'sync.connect': SyncStatus;
  'sync.status': SyncStatus;
  'sync.run': SyncStatus & { pushed: number; pulled: number };
  'sync.disconnect': SyncStatus;
  'config.docs': { docs: ConfigDocInfo[] };
  'case.get': CaseView;
  'case.take': { outcomes: DecisionOutcome[] };
  'case.handover': { outcomes: DecisionOutcome[] };
  'case.resolve': { outcomes: DecisionOutcome[] };
  'case.reopen': { outcomes: DecisionOutcome[] };
  'case.link': { outcomes: DecisionOutcome[] };
  'case.unlink': { outcomes: DecisionOutcome[] };
  'cases.bounced': { cases: CaseView[] };
  'case.similar': { cases: SimilarCase[] };
  'notes.search': { notes: NoteHit[] };
  'notes.mentions': { name: string; notes: NoteHit[]; total: number };
  'conflicts.list': { conflicts: ConflictView[]; open: number; flagged: FlaggedWork[] };
  'conflict.resolve': { outcomes: DecisionOutcome[] };
  'audit.verify': AuditReport;
  'audit.proof': AuditProof;
  'rules.list': { rules: Rule[] };
  /** `reevaluated`: waiting items looked at again, and how many of them moved or changed rule. */
  'rules.save': { rules: Rule[]; reevaluated: { examined: number; changed: number } };
  'rules.preview': RulePreview;
  'sla.teams': { teams: Team[]; policies: SlaPolicy[] };
  'sla.team.save': { team: Team; recomputed: { items: number; changed: number } };
  'sla.policy.save': { policy: SlaPolicy; recomputed: { items: number; changed: number } };
  'sla.summary': SlaSummary;
  'sla.item': ItemSla;
  'qa.draw': DrawReport;
  'qa.queue': { tasks: QaTask[] };
  'qa.review': { outcomes: DecisionOutcome[] };
  'qa.agreement': AgreementReport;
}

export type Method = keyof typeof contractArgs;
export const METHODS = Object.keys(contractArgs) as Method[];

/** Arguments as a caller writes them (defaults may be left out). */
export type ArgsIn<M extends Method> = z.input<(typeof contractArgs)[M]>;
/** Arguments as a handler receives them, after validation and defaults. */
export type ArgsOut<M extends Method> = z.output<(typeof contractArgs)[M]>;
export type ResultOf<M extends Method> = ContractResults[M];

/** The API as a caller sees it: the shape of `window.vigil` and of the HTTP client. */
export type CoreApi = { [M in Method]: (args: ArgsIn<M>) => Promise<Result<ResultOf<M>>> };

/** What core implements: validated arguments in, a value (or a thrown VigilFailure) out. */
export type CoreHandlers = { [M in Method]: (args: ArgsOut<M>) => ResultOf<M> | Promise<ResultOf<M>> };

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contractArgs, name);
}

export { HTTP_PREFIX, IPC_PREFIX } from './transport';

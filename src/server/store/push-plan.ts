// One push batch, planned without I/O: what the store read for the batch goes in, the
// protocol's rules run over the events in order (each sees what the ones before it did), and
// the plan says what to write. Both stores (SQLite, PostgreSQL) read the same facts and apply
// the same plan, so their behaviour cannot drift apart.
import type { Assignee } from '../../shared/event-rules';
import { resolvedBy, type PushOutcome, type PushStatus, type SyncEvent } from '../../shared/sync';
import { isConfigEvent, isDecision, judge, judgeConfig, leaseAfter, type DocHead, type Lease, type NamedEvent } from './push-rules';
import type { User } from './types';

/** An event the server stored, as later events of a batch need to know it. */
export interface KnownEvent {
  id: string;
  seq: number;
  status: Exclude<PushStatus, 'duplicate'>;
  platform: string;
  externalId: string;
  action: string;
  /** The user who pushed it. */
  userId: number;
  by: string;
  /** The server's reason for a refusal, a conflict or a flag. */
  reason: string | null;
  /** An accepted undo of it. */
  undoneBy: string | null;
  resolution: boolean;
}

/** An accepted decision on an item: what a decision made on an older version may clash with. */
export interface Decided {
  action: string;
  by: string;
  baseVersion: number;
}

/** An accepted case-take or case-handover on a case's root item, in server order. */
export interface CaseStep {
  id: string;
  action: string;
  by: string;
  to: string | null;
}

/** What the store read for a batch (needsOf says what to read). */
export interface PushFacts {
  /** The batch's own ids, its undo targets and the conflicts it names, where stored. */
  events: Map<string, KnownEvent>;
  /** Client id → the user whose workstation it is (the first to push with it). */
  clients: Map<string, number>;
  /** `clientId \0 clientSeq` → the stored (not refused) event that used it. */
  taken: Map<string, string>;
  /** Item key → accepted events on it so far. */
  heads: Map<string, number>;
  leases: Map<string, Lease>;
  /** Item key → accepted decisions from the batch's lowest base version on it. */
  decided: Map<string, Decided[]>;
  /** Configuration document key → its newest accepted change. */
  docs: Map<string, Omit<DocHead, 'revision'>>;
  /** Item key → its accepted case-takes and hand-overs that no accepted undo cancelled. */
  cases: Map<string, CaseStep[]>;
  /** The people the batch hands work to. */
  users: Map<string, Assignee>;
}

export const itemKey = (platform: string, externalId: string) => `${platform}\u0000${externalId}`;
export const seqKey = (clientId: string, clientSeq: number) => `${clientId}\u0000${clientSeq}`;

export interface PushNeeds {
  ids: string[];
  clientIds: string[];
  clientSeqs: { clientId: string; clientSeq: number }[];
  items: { platform: string; externalId: string }[];
  /** Items with decisions in the batch, and the lowest base version among them. */
  decided: { platform: string; externalId: string; from: number }[];
  docs: string[];
  /** Items whose case ownership a check needs (case events, and undos that may cancel one). */
  cases: { platform: string; externalId: string }[];
  users: string[];
}

const CASE_OWNERSHIP = new Set(['case-take', 'case-handover']);

export function needsOf(events: readonly SyncEvent[]): PushNeeds {
  const ids = new Set<string>();
  const items = new Map<string, { platform: string; externalId: string }>();
  const decided = new Map<string, { platform: string; externalId: string; from: number }>();
  const cases = new Map<string, { platform: string; externalId: string }>();
  const users = new Set<string>();
  const docs = new Set<string>();
  for (const e of events) {
    ids.add(e.id);
    if (e.undoOf) ids.add(e.undoOf);
    for (const id of resolvedBy(e) ?? []) ids.add(id);
    const k = itemKey(e.platform, e.externalId);
    const at = { platform: e.platform, externalId: e.externalId };
    items.set(k, at);
    if (isConfigEvent(e)) docs.add(e.externalId);
    if (isDecision(e.action)) decided.set(k, { ...at, from: Math.min(e.baseVersion, decided.get(k)?.from ?? Infinity) });
    if (e.action.startsWith('case-') || e.action === 'undo') cases.set(k, at);
    const to = e.payload?.to;
    if ((e.action === 'handover' || e.action === 'case-handover') && typeof to === 'string') users.add(to);
  }
  return {
    ids: [...ids],
    clientIds: [...new Set(events.map((e) => e.clientId))],
    clientSeqs: events.map((e) => ({ clientId: e.clientId, clientSeq: e.clientSeq })),
    items: [...items.values()],
    decided: [...decided.values()],
    docs: [...docs],
    cases: [...cases.values()],
    users: [...users],
  };
}

export interface PlannedRow {
  e: SyncEvent;
  status: Exclude<PushStatus, 'duplicate'>;
  reason: string | null;
}

/** Each event's outcome: a row to store (its seq comes from the insert), or an answer with a seq known already. */
export type PlannedOutcome = { id: string; status: PushStatus; reason?: string; stored?: PushOutcome['stored'] } & ({ row: number } | { seq: number });

export interface PushPlan {
  outcomes: PlannedOutcome[];
  rows: PlannedRow[];
  /** Items whose head moved, with the new version. */
  heads: Map<string, { platform: string; externalId: string; version: number }>;
  /** Items whose lease changed (null: ended). */
  leases: Map<string, { platform: string; externalId: string; lease: Lease | null }>;
  /** Client ids seen for the first time: they become the pushing user's. */
  bindings: string[];
}

/** Who owns a case, from its ownership steps (take: only while nobody else owns it; hand-over: to whom it names). */
export function caseOwner(steps: readonly CaseStep[]): string | null {
  let owner: string | null = null;
  for (const s of steps) {
    if (s.action === 'case-take') owner = owner === null || owner === s.by ? s.by : owner;
    else if (s.to) owner = s.to;
  }
  return owner;
}

export function planPush(events: readonly SyncEvent[], by: User, now: number, facts: PushFacts): PushPlan {
  const plan: PushPlan = { outcomes: [], rows: [], heads: new Map(), leases: new Map(), bindings: [] };
  const who = { name: by.name, role: by.role };
  /** Ids stored by this batch → their row. */
  const batchRows = new Map<string, number>();

  const store = (e: SyncEvent, status: PlannedRow['status'], reason: string | null) => {
    const row = plan.rows.push({ e, status, reason }) - 1;
    batchRows.set(e.id, row);
    plan.outcomes.push(reason ? { id: e.id, status, reason, row } : { id: e.id, status, row });
    facts.events.set(e.id, {
      id: e.id, seq: 0, status, reason, platform: e.platform, externalId: e.externalId, action: e.action, userId: by.id, by: by.name, undoneBy: null,
      resolution: status !== 'rejected' && !!resolvedBy(e),
    });
    if (status !== 'rejected') facts.taken.set(seqKey(e.clientId, e.clientSeq), e.id);
  };

  for (const e of events) {
    const seen = facts.events.get(e.id);
    if (seen) {
      if (seen.userId !== by.id) {
        plan.outcomes.push({ id: e.id, status: 'rejected', reason: 'this event id is another user’s event', seq: 0 });
      } else {
        // A replay is answered with what became of the first: the workstation may have lost that answer.
        const row = batchRows.get(e.id);
        const first = { id: e.id, status: 'duplicate' as const, stored: seen.status, ...(seen.reason ? { reason: seen.reason } : {}) };
        plan.outcomes.push(row === undefined ? { ...first, seq: seen.seq } : { ...first, row });
      }
      continue;
    }
    const owner = facts.clients.get(e.clientId);
    if (owner !== undefined && owner !== by.id) {
      store(e, 'rejected', `client ${e.clientId} is another user’s workstation`);
      continue;
    }
    if (owner === undefined) {
      facts.clients.set(e.clientId, by.id);
      plan.bindings.push(e.clientId);
    }
    const usedBy = facts.taken.get(seqKey(e.clientId, e.clientSeq));
    if (usedBy) {
      store(e, 'rejected', `client sequence ${e.clientSeq} was already used by event ${usedBy}`);
      continue;
    }
    const k = itemKey(e.platform, e.externalId);
    const head = facts.heads.get(k) ?? 0;
    const moveHead = (version: number) => {
      facts.heads.set(k, version);
      plan.heads.set(k, { platform: e.platform, externalId: e.externalId, version });
    };

    if (isConfigEvent(e)) {
      const last = facts.docs.get(e.externalId);
      const verdict = judgeConfig(e, last ? { ...last, revision: head } : null, who);
      store(e, verdict.status, verdict.reason);
      if (verdict.advances) {
        moveHead(head + 1);
        facts.docs.set(e.externalId, { id: e.id, by: by.name, receivedAt: now });
      }
      continue;
    }

    const lease = facts.leases.get(k) ?? null;
    const steps = facts.cases.get(k) ?? [];
    const target = e.undoOf ? facts.events.get(e.undoOf) : undefined;
    const named = new Map<string, NamedEvent>();
    for (const id of resolvedBy(e) ?? []) {
      const n = facts.events.get(id);
      if (n) named.set(id, n);
    }
    const concurrent = isDecision(e.action) && e.baseVersion < head ? (facts.decided.get(k) ?? []).filter((d) => d.baseVersion >= e.baseVersion) : [];
    const verdict = judge(e, {
      by: who, now, head, lease, named, concurrent,
      target: target ?? (e.undoOf ? null : undefined),
      caseOwner: caseOwner(steps),
      assignee: (name) => facts.users.get(name) ?? 'unknown',
    });
    store(e, verdict.status, verdict.reason);
    if (verdict.advances) moveHead(Math.max(head, e.baseVersion) + 1);
    if (verdict.status !== 'accepted') continue;

    if (isDecision(e.action)) facts.decided.set(k, [...(facts.decided.get(k) ?? []), { action: e.action, by: by.name, baseVersion: e.baseVersion }]);
    if (CASE_OWNERSHIP.has(e.action)) {
      facts.cases.set(k, [...steps, { id: e.id, action: e.action, by: by.name, to: typeof e.payload?.to === 'string' ? e.payload.to : null }]);
    }
    if (e.action === 'undo' && target) {
      target.undoneBy = e.id;
      if (CASE_OWNERSHIP.has(target.action)) facts.cases.set(k, steps.filter((s) => s.id !== target.id));
    }
    const next = leaseAfter(e, by.name, lease, now);
    if (next !== undefined) {
      if (next) facts.leases.set(k, next);
      else facts.leases.delete(k);
      plan.leases.set(k, { platform: e.platform, externalId: e.externalId, lease: next });
    }
  }
  return plan;
}

/** The answers, once the rows are stored: `seqs[i]` is the server sequence row i took. */
export function outcomesOf(plan: PushPlan, seqs: readonly number[]): PushOutcome[] {
  return plan.outcomes.map((o) => {
    const seq = 'row' in o ? seqs[o.row]! : o.seq;
    return { id: o.id, status: o.status, seq, ...(o.reason ? { reason: o.reason } : {}), ...(o.stored ? { stored: o.stored } : {}) };
  });
}

// One push batch, planned without I/O: what the store read for the batch goes in
// (push-reads.ts), the protocol's rules (push-rules.ts) run over the events in order, each
// seeing what the ones before it did, and the plan says what each event's answer is and what to
// write. Both stores (SQLite, PostgreSQL) read for the same needs and write the same plan, each
// in its own way, so their behaviour cannot drift apart.
import { resolvedBy, type PushOutcome, type PushStatus, type SyncEvent } from '../../shared/sync';
import type { StoredEvent } from '../log/entry';
import { isConfigEvent, isDecision, judge, judgeConfig, leaseAfter, type Lease, type NamedEvent } from './push-rules';
import { CASE_STEP_ACTIONS, factsOf, itemKey, reviewedId, seqKey, type CaseStep, type PushReads } from './push-reads';
import type { User } from './types';

/** An event to store, whatever became of it (refused ones too: their authors see why). */
export interface PlannedRow {
  e: SyncEvent;
  status: Exclude<PushStatus, 'duplicate'>;
  reason: string | null;
  /** An undo's target, for its row's undo_of column; null on any other action. */
  undoOf: string | null;
}

/** Each event's outcome: a row to store (its seq comes from the insert), or an answer with a seq known already. */
export type PlannedOutcome = { id: string; status: PushStatus; reason?: string; stored?: PushOutcome['stored'] } & (
  { row: number } | { seq: number }
);

export interface PushPlan {
  outcomes: PlannedOutcome[];
  /** In the order they are stored: each takes the next server sequence and the next place in the log. */
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

const CASE_STEPS = new Set(CASE_STEP_ACTIONS);

export function planPush(events: readonly SyncEvent[], by: User, now: number, read: PushReads): PushPlan {
  const facts = factsOf(read);
  const plan: PushPlan = { outcomes: [], rows: [], heads: new Map(), leases: new Map(), bindings: [] };
  const who = { name: by.name, role: by.role };
  /** Ids stored by this batch → their row. */
  const batchRows = new Map<string, number>();

  const store = (e: SyncEvent, status: PlannedRow['status'], reason: string | null) => {
    const row = plan.rows.push({ e, status, reason, undoOf: e.action === 'undo' ? (e.undoOf ?? null) : null }) - 1;
    batchRows.set(e.id, row);
    plan.outcomes.push(reason ? { id: e.id, status, reason, row } : { id: e.id, status, row });
    facts.events.set(e.id, {
      id: e.id,
      seq: 0,
      status,
      reason,
      platform: e.platform,
      externalId: e.externalId,
      action: e.action,
      userId: by.id,
      by: by.name,
      undoneBy: null,
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
    const of = reviewedId(e);
    const named = new Map<string, NamedEvent>();
    for (const id of resolvedBy(e) ?? []) {
      const n = facts.events.get(id);
      if (n) named.set(id, n);
    }
    const concurrent =
      isDecision(e.action) && e.baseVersion < head ? (facts.decided.get(k) ?? []).filter((d) => d.baseVersion >= e.baseVersion) : [];
    const verdict = judge(e, {
      by: who,
      now,
      head,
      lease,
      named,
      concurrent,
      target: target ?? (e.undoOf ? null : undefined),
      caseOwner: caseOwner(steps),
      ...(of ? { reviewed: facts.events.get(of) ?? null } : {}),
      assignee: (name) => facts.users.get(name) ?? 'unknown',
    });
    store(e, verdict.status, verdict.reason);
    if (verdict.advances) moveHead(Math.max(head, e.baseVersion) + 1);
    if (verdict.status !== 'accepted') continue;

    if (isDecision(e.action))
      facts.decided.set(k, [...(facts.decided.get(k) ?? []), { action: e.action, by: by.name, baseVersion: e.baseVersion }]);
    if (CASE_STEPS.has(e.action)) {
      facts.cases.set(k, [
        ...steps,
        { id: e.id, action: e.action, by: by.name, to: typeof e.payload?.to === 'string' ? e.payload.to : null },
      ]);
    }
    if (e.action === 'undo' && target) {
      target.undoneBy = e.id;
      if (CASE_STEPS.has(target.action))
        facts.cases.set(
          k,
          steps.filter((s) => s.id !== target.id),
        );
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

/** The rows as entries of the verifiable log, once numbered: `seqs[i]` is the server sequence row i takes. */
export function loggedOf(plan: PushPlan, seqs: readonly number[], by: User, now: number): StoredEvent[] {
  return plan.rows.map(({ e, status, reason }, i) => ({
    seq: seqs[i]!,
    status,
    verdict: reason,
    by: by.name,
    role: by.role,
    receivedAt: now,
    event: e,
  }));
}

/** The answers, once the rows are stored: `seqs[i]` is the server sequence row i took. */
export function outcomesOf(plan: PushPlan, seqs: readonly number[]): PushOutcome[] {
  return plan.outcomes.map((o) => {
    const seq = 'row' in o ? seqs[o.row]! : o.seq;
    return { id: o.id, status: o.status, seq, ...(o.reason ? { reason: o.reason } : {}), ...(o.stored ? { stored: o.stored } : {}) };
  });
}

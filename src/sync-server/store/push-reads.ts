// What a push batch reads, whatever the database: needsOf says what to read (the keys, and the
// actions each read is for), a store reads it in its own way and hands back the rows as stored
// (PushReads), and factsOf makes of those rows what the planner (push-plan.ts) works on. What a
// row means (who may be handed work, what a hand-over names, which steps still count) is
// decided here, once, so a store only reads and writes.
import type { Assignee } from '../../shared/event-rules';
import { CONFIG_PLATFORM } from '../../shared/config-sync';
import { DECISION_ACTIONS } from '../../shared/model';
import { resolvedBy, type PushStatus, type SyncEvent } from '../../shared/sync';
import { isConfigEvent, isDecision, type DocHead, type Lease } from './push-rules';

export const itemKey = (platform: string, externalId: string) => `${platform}\u0000${externalId}`;
export const seqKey = (clientId: string, clientSeq: number) => `${clientId}\u0000${clientSeq}`;

/** The actions the decided read is for: decisions, which clash when made on the same version. */
export const DECIDED_ACTIONS: readonly string[] = DECISION_ACTIONS;
/** The actions the case read is for: the steps that say who owns a case. */
export const CASE_STEP_ACTIONS: readonly string[] = ['case-take', 'case-handover'];

export interface Item {
  platform: string;
  externalId: string;
}

export interface PushNeeds {
  /** The batch's own ids, its undo targets, the conflicts it names and the decisions its reviews are about. */
  ids: string[];
  clientIds: string[];
  clientSeqs: { clientId: string; clientSeq: number }[];
  /** Items the batch touches: their heads and leases. */
  items: Item[];
  /** Items with decisions in the batch, and the lowest base version among them. */
  decided: (Item & { from: number })[];
  /** Configuration documents the batch changes (on CONFIG_PLATFORM, where they live). */
  docs: Item[];
  /** Items whose case ownership a check needs (case events, and undos that may cancel one). */
  cases: Item[];
  /** The people the batch hands work to. */
  users: string[];
}

/** The decision a quality-review event (a pick, a review) is about, where it names one. */
export function reviewedId(e: SyncEvent): string | null {
  const of = e.payload?.of;
  return (e.action === 'qa-pick' || e.action === 'qa-review') && typeof of === 'string' ? of : null;
}

export function needsOf(events: readonly SyncEvent[]): PushNeeds {
  const ids = new Set<string>();
  const items = new Map<string, Item>();
  const decided = new Map<string, Item & { from: number }>();
  const cases = new Map<string, Item>();
  const users = new Set<string>();
  const docs = new Set<string>();
  for (const e of events) {
    ids.add(e.id);
    if (e.undoOf) ids.add(e.undoOf);
    for (const id of resolvedBy(e) ?? []) ids.add(id);
    const of = reviewedId(e);
    if (of) ids.add(of);
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
    docs: [...docs].map((externalId) => ({ platform: CONFIG_PLATFORM, externalId })),
    cases: [...cases.values()],
    users: [...users],
  };
}

/** A stored event as the store keeps it (undoneBy: the id of an accepted undo of it, if any). */
export interface EventRow extends Item {
  id: string;
  seq: number;
  status: Exclude<PushStatus, 'duplicate'>;
  reason: string | null;
  action: string;
  userId: number;
  by: string;
  body: string;
  undoneBy: string | null;
}

/** What the store read for a batch's needs, rows as stored, in any order unless said. */
export interface PushReads {
  /** The events among `ids` that are stored. */
  events: EventRow[];
  /** The `clientIds` bound to a user. */
  clients: { clientId: string; userId: number }[];
  /** For each of `clientSeqs`, the stored event that used it, unless refused. */
  taken: { clientId: string; clientSeq: number; id: string }[];
  heads: (Item & { version: number })[];
  leases: (Item & Lease)[];
  /** Accepted events with a DECIDED_ACTIONS action on the `decided` items, base version from `from` on, in server order. */
  decided: (Item & { action: string; by: string; baseVersion: number })[];
  /** Each of the `docs` items' newest accepted event. */
  docs: (Item & { id: string; by: string; receivedAt: number })[];
  /** Accepted events with a CASE_STEP_ACTIONS action on the `cases` items, in server order, with their accepted undo if any. */
  caseSteps: (Item & { id: string; action: string; by: string; body: string; undoneBy: string | null })[];
  /** The `users` that exist. */
  users: { name: string; role: string; disabled: boolean }[];
}

/** An event the server stored, as later events of a batch need to know it. */
export interface KnownEvent extends Item {
  id: string;
  seq: number;
  status: Exclude<PushStatus, 'duplicate'>;
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

/** What the planner knows, and learns as it goes through the batch (each event sees what the ones before it did). */
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
  /** Configuration document id → its newest accepted change. */
  docs: Map<string, Omit<DocHead, 'revision'>>;
  /** Item key → its accepted case-takes and hand-overs that no accepted undo cancelled. */
  cases: Map<string, CaseStep[]>;
  /** The people the batch hands work to. */
  users: Map<string, Assignee>;
}

const handedTo = (body: string): string | null => {
  const to = (JSON.parse(body) as SyncEvent).payload?.to;
  return typeof to === 'string' ? to : null;
};

/** Work goes to active people: not to a connector, nor to a disabled account. */
const assigneeOf = (u: { role: string; disabled: boolean }): Assignee => (u.role === 'connector' || u.disabled ? 'not-a-person' : 'person');

function listIn<T>(m: Map<string, T[]>, k: string): T[] {
  let xs = m.get(k);
  if (!xs) m.set(k, (xs = []));
  return xs;
}

/** The facts the planner starts from. What the store did not find is absent: the planner reads absence as none (no head, no lease, nobody of that name). */
export function factsOf(read: PushReads): PushFacts {
  const f: PushFacts = {
    events: new Map(),
    clients: new Map(),
    taken: new Map(),
    heads: new Map(),
    leases: new Map(),
    decided: new Map(),
    docs: new Map(),
    cases: new Map(),
    users: new Map(),
  };
  for (const r of read.events) {
    f.events.set(r.id, {
      id: r.id,
      seq: r.seq,
      status: r.status,
      reason: r.reason,
      platform: r.platform,
      externalId: r.externalId,
      action: r.action,
      userId: r.userId,
      by: r.by,
      undoneBy: r.undoneBy,
      resolution: !!resolvedBy(JSON.parse(r.body) as SyncEvent),
    });
  }
  for (const r of read.clients) f.clients.set(r.clientId, r.userId);
  for (const r of read.taken) f.taken.set(seqKey(r.clientId, r.clientSeq), r.id);
  for (const r of read.heads) f.heads.set(itemKey(r.platform, r.externalId), r.version);
  for (const r of read.leases)
    f.leases.set(itemKey(r.platform, r.externalId), { holder: r.holder, grantedAt: r.grantedAt, until: r.until });
  for (const r of read.decided)
    listIn(f.decided, itemKey(r.platform, r.externalId)).push({ action: r.action, by: r.by, baseVersion: r.baseVersion });
  for (const r of read.docs) f.docs.set(r.externalId, { id: r.id, by: r.by, receivedAt: r.receivedAt });
  // A step an accepted undo cancelled says nothing of who owns the case.
  for (const r of read.caseSteps)
    if (!r.undoneBy)
      listIn(f.cases, itemKey(r.platform, r.externalId)).push({ id: r.id, action: r.action, by: r.by, to: handedTo(r.body) });
  for (const u of read.users) f.users.set(u.name, assigneeOf(u));
  return f;
}

// What people do with cases. Each is one or more events recorded like decisions (one
// transaction, pushed with the outbox); the checks here give a person a clear sentence, and
// the fold (fold.ts) keeps the invariants even for events made offline.
import type { Database } from 'better-sqlite3';
import { VigilFailure } from '../../shared/errors';
import type { CaseOutcome, DecisionOutcome } from '../../shared/model';
import { stmt } from '../db/statements';
import type { Actor } from '../decisions/log';
import { recordEvents } from '../decisions/project';

interface CaseRow {
  root_item: number;
  /** The person who owns the case; null also while it waits with a routing rule's assignee or team. */
  owner: string | null;
  /** Whoever holds it, a rule's choice included: what people are told. */
  holder: string | null;
  status: 'open' | 'resolved';
}

export function caseRootOf(db: Database, itemId: number): number {
  const r = stmt<[number], { case_root: number | null }>(db, 'SELECT case_root FROM items WHERE id = ?').get(itemId);
  if (!r) throw new VigilFailure('not_found', `There is no item ${itemId}.`, { itemId });
  if (r.case_root === null) throw new VigilFailure('not_found', `Item ${itemId} is not in a case.`, { itemId });
  return r.case_root;
}

function caseOf(db: Database, itemId: number): CaseRow {
  const root = caseRootOf(db, itemId);
  return stmt<[number], CaseRow>(
    db,
    'SELECT root_item, CASE WHEN owner_routed = 1 THEN NULL ELSE owner END AS owner, owner AS holder, status FROM cases WHERE root_item = ?',
  ).get(root)!;
}

const onRoot = (
  db: Database,
  who: Actor,
  c: CaseRow,
  action: 'case-take' | 'case-handover' | 'case-resolve' | 'case-reopen',
  more: { reason?: string; payload?: Record<string, unknown> } = {},
) => recordEvents(db, who, [{ itemId: c.root_item, action, reason: more.reason ?? null, payload: more.payload ?? null }]);

/** Takes an unowned case (or confirms one's own); someone else's must be handed over. */
export function takeCase(db: Database, who: Actor, itemId: number): DecisionOutcome[] {
  const c = caseOf(db, itemId);
  if (c.owner && c.owner !== who.actor)
    throw new VigilFailure('action_refused', `${c.owner} owns this case: ask for it to be handed over to you.`);
  if (c.owner === who.actor) return [];
  return onRoot(db, who, c, 'case-take');
}

/** A hand-over names who takes the case and why; only its owner (or anyone, if nobody owns it) hands it over. */
export function handOverCase(db: Database, who: Actor, itemId: number, to: string, reason: string): DecisionOutcome[] {
  const c = caseOf(db, itemId);
  if (c.status === 'resolved') throw new VigilFailure('action_refused', 'This case is resolved: reopen it before handing it over.');
  if (to === c.holder) throw new VigilFailure('action_refused', `${to} already owns this case.`);
  if (c.owner && c.owner !== who.actor)
    throw new VigilFailure('action_refused', `${c.owner} owns this case: only the owner hands it over.`);
  return onRoot(db, who, c, 'case-handover', { reason, payload: { to } });
}

export function resolveCase(db: Database, who: Actor, itemId: number, outcome: CaseOutcome, note: string | undefined): DecisionOutcome[] {
  const c = caseOf(db, itemId);
  if (c.status === 'resolved') throw new VigilFailure('action_refused', 'This case is already resolved.');
  if (c.owner && c.owner !== who.actor) throw new VigilFailure('action_refused', `${c.owner} owns this case: only the owner resolves it.`);
  return db.transaction(() => [
    // Resolving an unowned case makes its resolver the owner of record.
    ...(c.owner ? [] : onRoot(db, who, c, 'case-take')),
    ...onRoot(db, who, c, 'case-resolve', { ...(note ? { reason: note } : {}), payload: { outcome } }),
  ])();
}

export function reopenCase(db: Database, who: Actor, itemId: number, reason: string): DecisionOutcome[] {
  const c = caseOf(db, itemId);
  if (c.status !== 'resolved') throw new VigilFailure('action_refused', 'This case is open already.');
  return onRoot(db, who, c, 'case-reopen', { reason });
}

/** Moves an item into the case of another (same customer or not: people know best). */
export function linkItem(db: Database, who: Actor, itemId: number, toItemId: number): DecisionOutcome[] {
  const root = caseRootOf(db, toItemId);
  if (caseRootOf(db, itemId) === root) throw new VigilFailure('action_refused', 'Both messages are in the same case already.');
  const r = stmt<[number], { platform: string; external_id: string }>(db, 'SELECT platform, external_id FROM items WHERE id = ?').get(
    root,
  )!;
  return recordEvents(db, who, [{ itemId, action: 'link', payload: { platform: r.platform, externalId: r.external_id } }]);
}

/** Takes an item out of its case into a case of its own. */
export function unlinkItem(db: Database, who: Actor, itemId: number): DecisionOutcome[] {
  if (caseRootOf(db, itemId) === itemId)
    throw new VigilFailure('action_refused', 'This message opened its case: link the others elsewhere instead.');
  return recordEvents(db, who, [{ itemId, action: 'unlink' }]);
}

/**
 * Someone answering a message of a case nobody owns (or that waits with a rule's assignee or
 * team) becomes its owner, so that a case never sits ownerless once the customer has had an
 * answer.
 */
export function ownOnWork(db: Database, who: Actor, itemIds: readonly number[]): void {
  const roots = new Set<number>();
  for (const id of itemIds) {
    const r = stmt<[number], { root_item: number; owner: string | null; owner_routed: number; status: string }>(
      db,
      'SELECT c.root_item, c.owner, c.owner_routed, c.status FROM items i JOIN cases c ON c.root_item = i.case_root WHERE i.id = ?',
    ).get(id);
    if (r && (r.owner === null || r.owner_routed === 1) && r.status === 'open') roots.add(r.root_item);
  }
  if (roots.size)
    recordEvents(
      db,
      who,
      [...roots].map((itemId) => ({ itemId, action: 'case-take' as const })),
    );
}

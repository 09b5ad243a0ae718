// Keeps the cases table and each item's case in step with the log. Called from the item
// projection (decisions/project.ts), so local events and pulled ones take the same path.
import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';
import type { FoldEvent } from '../decisions/fold';
import { CASE_ACTIONS, foldCase } from './fold';
import { routedOwnerOf } from '../triage/rules/routed';

/** A new case gathers what a customer writes until a week passes without a word. */
export const CASE_QUIET_MS = 7 * 86_400_000;

function refreshCounts(db: Database, root: number): void {
  stmt(
    db,
    `UPDATE cases SET items = (SELECT count(*) FROM items WHERE case_root = @root),
       last_at = coalesce((SELECT max(coalesce(created_at, imported_at)) FROM items WHERE case_root = @root), last_at)
     WHERE root_item = @root`,
  ).run({ root });
}

/** A case named by this item, opened now if there is none. */
function ensureCase(db: Database, root: number): void {
  stmt(
    db,
    `INSERT INTO cases (root_item, customer, opened_at, last_at)
     SELECT id, author_id, coalesce(created_at, imported_at), coalesce(created_at, imported_at) FROM items WHERE id = ?
     ON CONFLICT (root_item) DO NOTHING`,
  ).run(root);
}

/**
 * The open case a new message from this customer falls in, if any. Read before the item is
 * stored so that the insert carries its case: `case_root` is a foreign key to `items` itself,
 * and SQLite rewrites every index of the table when such a column is updated.
 */
export function openCaseAt(db: Database, authorId: number | null, at: number): number | null {
  if (authorId === null) return null;
  // Imports bring messages out of order: the case this one falls in, not simply the latest.
  const open = stmt<[number, number, number], { root_item: number }>(
    db,
    "SELECT root_item FROM cases WHERE customer = ? AND status = 'open' AND last_at >= ? AND opened_at <= ? ORDER BY opened_at DESC LIMIT 1",
  ).get(authorId, at - CASE_QUIET_MS, at);
  return open?.root_item ?? null;
}

export function routedOwner(db: Database, root: number): string | null {
  return routedOwnerOf(stmt<[number], { route: string | null }>(db, 'SELECT route FROM items WHERE id = ?').get(root)?.route ?? null);
}

/**
 * The case row for a newly stored item whose `case_root` is already set; inside the caller's
 * transaction. A message that opens a case gives it to whom its routing rule named, if any.
 */
export function countNewItem(
  db: Database,
  itemId: number,
  customer: number | null,
  root: number,
  at: number,
  routedTo: string | null,
): void {
  if (root === itemId) {
    stmt(
      db,
      'INSERT INTO cases (root_item, customer, opened_at, last_at, owner, owner_routed) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (root_item) DO NOTHING',
    ).run(itemId, customer, at, at, routedTo, routedTo ? 1 : 0);
  } else stmt(db, 'UPDATE cases SET items = items + 1, last_at = max(last_at, ?) WHERE root_item = ?').run(at, root);
}

/**
 * The rules were changed and sent a waiting message elsewhere: if it opened a case that still
 * waits with a rule's choice (or with nobody), the case follows the new rule's assignee or team.
 */
export function rerouteCaseOwner(db: Database, itemId: number, routedTo: string | null): void {
  stmt(
    db,
    "UPDATE cases SET owner = ?, owner_routed = ? WHERE root_item = ? AND status = 'open' AND (owner IS NULL OR owner_routed = 1)",
  ).run(routedTo, routedTo ? 1 : 0, itemId);
}

/** The item's latest link or unlink, if any: where the team put it by hand. */
function placedByHand(events: readonly FoldEvent[]): { platform: string; externalId: string } | 'self' | null {
  const undone = new Set(events.filter((e) => e.action === 'undo' && e.undoOf).map((e) => e.undoOf!));
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (undone.has(e.id)) continue;
    if (e.action === 'unlink') return 'self';
    if (e.action === 'link' && typeof e.payload?.platform === 'string' && typeof e.payload.externalId === 'string') {
      return { platform: e.payload.platform, externalId: e.payload.externalId };
    }
  }
  return null;
}

/** After an item's events were folded: its case membership, and its case if it names one. */
export function projectCase(db: Database, itemId: number, events: readonly FoldEvent[]): void {
  const row = stmt<[number], { case_root: number | null }>(db, 'SELECT case_root FROM items WHERE id = ?').get(itemId);
  if (!row) return;
  const hand = placedByHand(events);
  if (hand) {
    const target =
      hand === 'self'
        ? itemId
        : stmt<[string, string], { case_root: number | null; id: number }>(
            db,
            'SELECT id, case_root FROM items WHERE platform = ? AND external_id = ?',
          ).get(hand.platform, hand.externalId);
    const root = typeof target === 'number' ? target : (target?.case_root ?? target?.id);
    if (root !== undefined && root !== row.case_root) {
      if (root === itemId) ensureCase(db, itemId);
      stmt(db, 'UPDATE items SET case_root = ? WHERE id = ?').run(root, itemId);
      if (row.case_root !== null) refreshCounts(db, row.case_root);
      refreshCounts(db, root);
    }
  }
  if (!events.some((e) => CASE_ACTIONS.has(e.action))) return;
  ensureCase(db, itemId);
  const c = foldCase(events, routedOwner(db, itemId));
  stmt(
    db,
    'UPDATE cases SET owner = ?, owner_routed = ?, status = ?, outcome = ?, resolved_at = ?, handovers = ?, bounced = ? WHERE root_item = ?',
  ).run(c.owner, c.ownerRouted ? 1 : 0, c.status, c.outcome, c.resolvedAt, c.handovers, c.bounced ? 1 : 0, itemId);
}

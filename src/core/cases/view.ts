// A case as people read it: who the customer is, who owns it, its messages across the brand's
// accounts, and one timeline of everything done on any of them.
import type { Database } from 'better-sqlite3';
import type { CaseMessage, CaseView } from '../../shared/model';
import { stmt } from '../db/statements';
import { foldCase } from './fold';
import { eventsOfItem } from '../decisions/log';
import { caseRootOf } from './commands';
import { routedOwner } from './project';
import { caseRefOf } from '../../shared/templates';
import { caseRefOfItem } from '../triage/answer/check';
import { DELIVERY_COLUMNS, deliveryOf, hasServer, replyPlace, type DeliveryRow } from '../sync/acks';

interface CaseRecord {
  root_item: number;
  owner: string | null;
  owner_routed: number;
  status: 'open' | 'resolved';
  outcome: string | null;
  opened_at: number;
  last_at: number;
  resolved_at: number | null;
  handovers: number;
  bounced: number;
  handle: string | null;
  name: string | null;
}

/** What a timeline line says beyond its action. */
function detailOf(action: string, reason: string | null, note: string | null, payload: Record<string, unknown> | null): string | null {
  if (action === 'case-handover') return `to ${String(payload?.to ?? '?')}: ${reason ?? ''}`;
  if (action === 'case-resolve') return `${String(payload?.outcome ?? '')}${reason ? ` — ${reason}` : ''}`;
  return [reason, note].filter(Boolean).join(' — ') || null;
}

export function caseView(db: Database, itemId: number): CaseView {
  const root = caseRootOf(db, itemId);
  const c = stmt<[number], CaseRecord>(
    db,
    `SELECT c.root_item, c.owner, c.owner_routed, c.status, c.outcome, c.opened_at, c.last_at, c.resolved_at, c.handovers, c.bounced, a.handle, a.name
     FROM cases c LEFT JOIN accounts a ON a.id = c.customer WHERE c.root_item = ?`,
  ).get(root)!;
  const messages = stmt<[number], CaseMessage>(
    db,
    `SELECT id, platform, external_id AS externalId, kind, target, text, status, created_at AS createdAt
     FROM items WHERE case_root = ? ORDER BY coalesce(created_at, imported_at), id`,
  ).all(root);
  const timeline: CaseView['timeline'] = messages.map((m) => ({
    at: m.createdAt ?? c.opened_at,
    itemId: m.id,
    action: 'message',
    actor: c.handle ?? 'customer',
    detail: null,
  }));
  const events = stmt<
    [number],
    DeliveryRow & {
      id: string;
      item_id: number;
      action: string;
      actor: string;
      created_at: number;
      reason: string | null;
      note: string | null;
      payload: string | null;
      undo_of: string | null;
      sync_status: string | null;
    }
  >(
    db,
    `SELECT e.id, e.item_id, e.action, coalesce(s.author, e.actor) AS actor, e.created_at, e.reason, e.note, e.payload, e.undo_of, s.status AS sync_status, ${DELIVERY_COLUMNS}
     FROM items i JOIN events e ON e.item_id = i.id
       LEFT JOIN event_sync s ON s.event_id = e.id LEFT JOIN reply_deliveries d ON d.event_id = e.id
     WHERE i.case_root = ? AND (s.status IS NULL OR s.status = 'accepted') ORDER BY e.seq`,
  ).all(root);
  const undone = new Set(events.map((e) => e.undo_of).filter((id) => id !== null));
  const connected = hasServer(db);
  for (const e of events) {
    const payload = e.payload ? (JSON.parse(e.payload) as Record<string, unknown>) : null;
    const delivery = deliveryOf(e.action, e, undone.has(e.id), false, replyPlace(e.sync_status, connected));
    timeline.push({
      at: e.created_at,
      itemId: e.item_id,
      action: e.action,
      actor: e.actor,
      detail: detailOf(e.action, e.reason, e.note, payload),
      ...(delivery ? { delivery } : {}),
    });
  }
  timeline.sort((a, b) => a.at - b.at);
  const rootItem = messages.find((m) => m.id === root);
  return {
    rootItemId: root,
    ref: rootItem ? caseRefOf(rootItem.platform, rootItem.externalId) : caseRefOfItem(db, root),
    customer: c.handle ? { handle: c.handle, name: c.name } : null,
    owner: c.owner,
    ownerRouted: c.owner_routed === 1,
    status: c.status,
    outcome: c.outcome,
    openedAt: c.opened_at,
    lastAt: c.last_at,
    resolvedAt: c.resolved_at,
    handovers: c.handovers,
    bounced: c.bounced === 1,
    owners: foldCase(eventsOfItem(db, root), routedOwner(db, root)).owners,
    messages,
    timeline,
  };
}

/** Open cases bounced between owners, the most recently active first: a supervisor's list. */
export function bouncedCases(db: Database, limit: number): CaseView[] {
  return stmt<[number], { root_item: number }>(
    db,
    "SELECT root_item FROM cases WHERE bounced = 1 AND status = 'open' ORDER BY last_at DESC LIMIT ?",
  )
    .all(limit)
    .map((r) => caseView(db, r.root_item));
}

export function bouncedCount(db: Database): number {
  return stmt<[], { n: number }>(db, "SELECT count(*) AS n FROM cases WHERE bounced = 1 AND status = 'open'").get()!.n;
}

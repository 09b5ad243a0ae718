import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';
import type { ItemRecord } from '../../shared/records';
import { priorityKey } from '../queue/priority';
import { nextDue, slaOnArrival } from '../triage/sla/dues';
import { firstRisk, type ItemScorer } from '../detection/store/items';
import { defaultQueueOf } from '../queue/default-queue';
import { ensureAccount, type Upserted } from './accounts';
import { adoptParked } from '../sync/parked';


/**
 * Inserts or updates an item by (platform, id). Re-importing updates what the platform says
 * (text, counts, thread) and never touches what the team decided: status, labels, assignee
 * and version belong to the event log.
 */
/**
 * `scorer`: one per import, so that what it learns of each reviewed target is read once per
 * import rather than once per review (without one, the first verdict leaves targets out).
 */
export function upsertItem(db: Database, it: ItemRecord, now: number, scorer?: ItemScorer): Upserted {
  const author = it.author ? ensureAccount(db, it.platform, it.author, now) : null;
  const createdAt = it.createdAt ?? now;
  // A first verdict from what is known now (the text, the author's standing), so that the
  // scoring pass after the import (detection/store/rescore.ts) rarely has to move the item
  // in the priority indexes again: it confirms this, adds near-duplicates and campaigns.
  const risk = firstRisk(db, it, author, scorer);
  // Dues under the default policy; urgency counts from the first-response due.
  const sla = slaOnArrival(db, createdAt);
  const priority = priorityKey(it.kind, author?.followers, nextDue(sla?.dues ?? null, null) ?? createdAt, risk);
  const extra = it.extra ? JSON.stringify(it.extra) : null;
  // New items are the common case: try the insert first and fall back to an update when the
  // (platform, id) is already there, instead of looking it up before every insert.
  const inserted = stmt(
    db,
    `INSERT INTO items (platform, external_id, kind, author_id, created_at, text, target, rating, thread, parent, url, lang,
       extra, queue, priority, risk, imported_at, sla_policy_id, first_response_due, resolution_due, sla_due)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (platform, external_id) DO NOTHING`,
  ).run(
    it.platform, it.id, it.kind, author?.id ?? null, it.createdAt, it.text, it.target, it.rating, it.thread, it.parent,
    it.url, it.lang, extra, defaultQueueOf(it.kind), priority, risk, now,
    sla?.policyId ?? null, sla?.dues?.firstResponseDue ?? null, sla?.dues?.resolutionDue ?? null, nextDue(sla?.dues ?? null, null),
  );
  if (inserted.changes > 0) {
    // Decisions other workstations made on it may have come before it.
    adoptParked(db, it.platform, it.id, Number(inserted.lastInsertRowid), now);
    return 'inserted';
  }
  const existing = stmt<[string, string], { id: number; sla_policy_id: number | null; first_response_at: number | null }>(
    db,
    'SELECT id, sla_policy_id, first_response_at FROM items WHERE platform = ? AND external_id = ?',
  ).get(it.platform, it.id)!;
  // An arrival time the platform corrects moves the dues, under the policy the item has.
  const kept = existing.sla_policy_id === sla?.policyId && existing.first_response_at === null ? sla : slaOnArrival(db, createdAt, existing.sla_policy_id);
  const due = nextDue(kept?.dues ?? null, existing.first_response_at);
  stmt(
    db,
    `UPDATE items SET kind = ?, author_id = ?, created_at = ?, text = ?, target = ?, rating = ?, thread = ?, parent = ?,
       url = ?, lang = ?, extra = ?, priority = ?, risk = ?, imported_at = ?, scored_at = NULL,
       sla_policy_id = ?, first_response_due = ?, resolution_due = ?, sla_due = ?
     WHERE id = ?`,
  ).run(
    it.kind, author?.id ?? null, it.createdAt, it.text, it.target, it.rating, it.thread, it.parent, it.url, it.lang, extra,
    due === null ? priority : priorityKey(it.kind, author?.followers, due, risk), risk, now,
    kept?.policyId ?? null, kept?.dues?.firstResponseDue ?? null, kept?.dues?.resolutionDue ?? null, due, existing.id,
  );
  return 'updated';
}

import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';
import type { ItemRecord } from '../../shared/records';
import { priorityKey } from '../queue/priority';
import { firstRisk, type ItemScorer } from '../detection/store/items';
import { defaultQueueOf } from '../queue/default-queue';
import { ensureAccount, type Upserted } from './accounts';
import { adoptParked } from '../sync/parked';
import { classify } from '../triage/classify';
import { correctionsOf, TRIAGE_SET, triageValues, type StoredTriage } from '../triage/store/classification';


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
  const priority = priorityKey(it.kind, author?.followers, createdAt, risk);
  const extra = it.extra ? JSON.stringify(it.extra) : null;
  // Classified with the first verdict, by the rules (the pass after the import brings the
  // team's model and detection's queues in). `author.followers` is already the genuine reach.
  const classifyInput = { text: it.text, kind: it.kind, rating: it.rating, lang: it.lang, reach: author?.followers ?? null };
  const triage = triageValues(classify(classifyInput));
  // New items are the common case: try the insert first and fall back to an update when the
  // (platform, id) is already there, instead of looking it up before every insert.
  const inserted = stmt(
    db,
    `INSERT INTO items (platform, external_id, kind, author_id, created_at, text, target, rating, thread, parent, url, lang,
       extra, queue, priority, risk, imported_at, triage_type, type_by, sentiment, sentiment_score, sentiment_by, action_needed, language, triage)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (platform, external_id) DO NOTHING`,
  ).run(
    it.platform, it.id, it.kind, author?.id ?? null, it.createdAt, it.text, it.target, it.rating, it.thread, it.parent,
    it.url, it.lang, extra, defaultQueueOf(it.kind), priority, risk, now, ...triage,
  );
  if (inserted.changes > 0) {
    // Decisions other workstations made on it may have come before it.
    adoptParked(db, it.platform, it.id, Number(inserted.lastInsertRowid), now);
    return 'inserted';
  }
  const existing = stmt<[string, string], { id: number } & StoredTriage>(
    db,
    'SELECT id, triage_type, type_by, sentiment, sentiment_by FROM items WHERE platform = ? AND external_id = ?',
  ).get(it.platform, it.id)!;
  // What a moderator set stays through a re-import (changed text or not).
  const corrected = correctionsOf(existing);
  const kept = corrected.type || corrected.sentiment ? triageValues(classify({ ...classifyInput, corrected })) : triage;
  stmt(
    db,
    `UPDATE items SET kind = ?, author_id = ?, created_at = ?, text = ?, target = ?, rating = ?, thread = ?, parent = ?,
       url = ?, lang = ?, extra = ?, priority = ?, risk = ?, imported_at = ?, scored_at = NULL, ${TRIAGE_SET}
     WHERE id = ?`,
  ).run(
    it.kind, author?.id ?? null, it.createdAt, it.text, it.target, it.rating, it.thread, it.parent, it.url, it.lang, extra,
    priority, risk, now, ...kept, existing.id,
  );
  return 'updated';
}

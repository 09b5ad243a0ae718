import { setPriority } from '../queue/order';
import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';
import type { ItemRecord } from '../../shared/records';
import { priorityKey } from '../queue/priority';
import { nextDue, slaOnArrival } from '../triage/sla/dues';
import { firstRisk, type ItemScorer } from '../detection/scores/item-scores';
import { defaultQueueOf } from '../queue/default-queue';
import { ensureAccount, type Upserted } from './accounts';
import { adoptParked } from '../sync/parked';
import { countNewItem, openCaseAt } from '../cases/project';
import { routedLabelsOf, routedOwnerOf } from '../triage/rules/routed';
import { columnsOf, queueAfter, UNROUTED } from '../triage/rules/apply';
import { routerOf } from '../triage/rules/store';
import { classify } from '../triage/classify';
import { correctionsOf, TRIAGE_SET, triageValues, type StoredTriage } from '../triage/store/classification';

/** The columns an updated record rewrites (a changed item is scored again), in contentOf's order. */
const CONTENT_SET = `kind = ?, author_id = ?, created_at = ?, text = ?, target = ?, rating = ?, thread = ?, parent = ?,
  url = ?, lang = ?, extra = ?, risk = ?, imported_at = ?, scored_at = NULL`;

/** What a record says of its item, in the order the insert and CONTENT_SET name the columns. */
function contentOf(it: ItemRecord, authorId: number | null, extra: string | null, risk: number, now: number): unknown[] {
  return [it.kind, authorId, it.createdAt, it.text, it.target, it.rating, it.thread, it.parent, it.url, it.lang, extra, risk, now];
}

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
  // scoring pass after the import (detection/scores/rescore.ts) rarely has to move the item
  // in the priority indexes again: it confirms this, adds near-duplicates and campaigns.
  const risk = firstRisk(db, it, author, scorer);
  // Classified with the first verdict, by the rules (the pass after the import brings the
  // team's model and detection's queues in). `author.followers` is already the genuine reach.
  const classifyInput = { text: it.text, kind: it.kind, rating: it.rating, lang: it.lang, reach: author?.followers ?? null };
  const classified = classify(classifyInput);
  const triage = triageValues(classified);
  // Routing rules, in order, on what is known as it is stored (see triage/rules/apply.ts),
  // the classification included.
  const router = routerOf(db);
  const routed = router.empty
    ? UNROUTED
    : columnsOf(
        router.route(
          {
            kind: it.kind,
            platform: it.platform,
            target: it.target,
            text: it.text,
            lang: classified.language,
            type: classified.type,
            sentiment: classified.sentiment,
            authorRisk: author?.fakeScore ?? null,
            influence: author?.followers ?? null,
            createdAt: it.createdAt,
          },
          now,
        ),
      );
  // Dues under the rule's SLA policy (by name) or the default one; urgency counts from the next due.
  const sla = slaOnArrival(db, createdAt, policyNamed(db, routed.sla_policy));
  const due = nextDue(sla?.dues ?? null, null);
  const extra = it.extra ? JSON.stringify(it.extra) : null;
  // New items are the common case: try the insert first and fall back to an update when the
  // (platform, id) is already there, instead of looking it up before every insert.
  const caseRoot = openCaseAt(db, author?.id ?? null, createdAt);
  const queue = routed.route_queue ?? defaultQueueOf(it.kind);
  const priority = priorityKey(it.kind, author?.followers, due ?? createdAt, risk, routed.route_boost);
  // The rule's labels are the item's first ones (the fold starts from them, decisions/fold.ts).
  const labels = [...new Set(routedLabelsOf(routed.route))].sort();
  // The id is chosen here (the next rowid, as SQLite would) so that a message opening its own
  // case names itself as the case in the same insert.
  const inserted = stmt(
    db,
    `INSERT INTO items (id, platform, external_id, kind, author_id, created_at, text, target, rating, thread, parent, url, lang,
       extra, risk, imported_at, queue, rule_id, rule_why, route_queue, route_boost, sla_policy, route,
       triage_type, type_by, sentiment, sentiment_score, sentiment_by, action_needed, language, triage,
       sla_policy_id, case_root, labels)
     SELECT next.id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, next.id), ?
       FROM (SELECT coalesce((SELECT max(id) FROM items), 0) + 1 AS id) AS next WHERE true
     ON CONFLICT (platform, external_id) DO NOTHING`,
  ).run(
    it.platform,
    it.id,
    ...contentOf(it, author?.id ?? null, extra, risk, now),
    queue,
    routed.rule_id,
    routed.rule_why,
    routed.route_queue,
    routed.route_boost,
    routed.sla_policy,
    routed.route,
    ...triage,
    sla?.policyId ?? null,
    caseRoot,
    JSON.stringify(labels),
  );
  if (inserted.changes > 0) {
    const itemId = Number(inserted.lastInsertRowid);
    // Its ordering row (db/migrations/0026): priority and dues live there only.
    stmt(
      db,
      `INSERT INTO item_order (id, status, queue, kind, platform, target, rule_id, labelled, arrived_at, sla_policy_id,
         first_response_due, resolution_due, sla_due, priority)
       VALUES (?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      itemId,
      queue,
      it.kind,
      it.platform,
      it.target,
      routed.rule_id,
      labels.length > 0 ? 1 : 0,
      createdAt,
      sla?.policyId ?? null,
      sla?.dues?.firstResponseDue ?? null,
      sla?.dues?.resolutionDue ?? null,
      due,
      priority,
    );
    countNewItem(db, itemId, author?.id ?? null, caseRoot ?? itemId, createdAt, routedOwnerOf(routed.route));
    for (const label of labels)
      stmt(db, "INSERT INTO item_labels (item_id, label, status, priority) VALUES (?, ?, 'new', ?)").run(itemId, label, priority);
    // Decisions other workstations made on it may have come before it.
    adoptParked(db, it.platform, it.id, itemId, now);
    return 'inserted';
  }
  const existing = stmt<
    [string, string],
    {
      id: number;
      status: string;
      assignee: string | null;
      queue: string;
      route_queue: string | null;
      route_boost: number;
      sla_policy_id: number | null;
      first_response_at: number | null;
    } & StoredTriage
  >(
    db,
    `SELECT id, status, assignee, queue, route_queue, route_boost, sla_policy_id, first_response_at, triage_type, type_by, sentiment, sentiment_by
     FROM items WHERE platform = ? AND external_id = ?`,
  ).get(it.platform, it.id)!;
  // What a moderator set stays through a re-import (changed text or not).
  const corrected = correctionsOf(existing);
  const kept =
    corrected.type || corrected.sentiment
      ? triageValues(classify({ ...classifyInput, corrected, givenLanguage: classified.language }))
      : triage;
  // Changed content is routed again while it waits and nobody holds it; otherwise it keeps its routing.
  const reroute = existing.status === 'new' && existing.assignee === null;
  // An arrival time the platform corrects moves the dues, under the policy the item has (or is routed to).
  const policyId = reroute ? (sla?.policyId ?? null) : existing.sla_policy_id;
  const dues = policyId === sla?.policyId && existing.first_response_at === null ? sla : slaOnArrival(db, createdAt, policyId);
  const next = nextDue(dues?.dues ?? null, existing.first_response_at);
  const boost = reroute ? routed.route_boost : existing.route_boost;
  // Dues and priority are the ordering row's (written after the item: its triggers copy the policy first).
  const setOrder = () => {
    stmt(db, 'UPDATE item_order SET first_response_due = ?, resolution_due = ?, sla_due = ? WHERE id = ?').run(
      dues?.dues?.firstResponseDue ?? null,
      dues?.dues?.resolutionDue ?? null,
      next,
      existing.id,
    );
    setPriority(db, existing.id, priorityKey(it.kind, author?.followers, next ?? createdAt, risk, boost));
  };
  // What the record says, written the same way whether or not the item is routed again.
  const content = contentOf(it, author?.id ?? null, extra, risk, now);
  if (reroute) {
    stmt(
      db,
      `UPDATE items SET ${CONTENT_SET},
         queue = ?, rule_id = ?, rule_why = ?, route_queue = ?, route_boost = ?, sla_policy = ?, route = ?, ${TRIAGE_SET},
         sla_policy_id = ?
       WHERE id = ?`,
    ).run(
      ...content,
      queueAfter(it.kind, existing.queue, existing.route_queue, routed),
      routed.rule_id,
      routed.rule_why,
      routed.route_queue,
      routed.route_boost,
      routed.sla_policy,
      routed.route,
      ...kept,
      dues?.policyId ?? null,
      existing.id,
    );
  } else {
    stmt(db, `UPDATE items SET ${CONTENT_SET}, ${TRIAGE_SET}, sla_policy_id = ? WHERE id = ?`).run(
      ...content,
      ...kept,
      dues?.policyId ?? null,
      existing.id,
    );
  }
  setOrder();
  return 'updated';
}

/** A routing rule names its SLA policy; one that does not exist (any more) falls back to the default. */
function policyNamed(db: Database, name: string | null): number | null {
  if (!name) return null;
  return stmt<[string], { id: number }>(db, 'SELECT id FROM sla_policies WHERE name = ?').get(name)?.id ?? null;
}

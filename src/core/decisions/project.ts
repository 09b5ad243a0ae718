import type { Database } from 'better-sqlite3';
import { routedLabelsOf } from '../triage/rules/routed';
import { VigilFailure } from '../../shared/errors';
import type { DecisionOutcome } from '../../shared/model';
import { stmt } from '../db/statements';
import { projectCase } from '../cases/project';
import { projectQa } from '../qa/project';
import { correctionsDiffer, reclassify, type StoredTriage } from '../triage/store/classification';
import { foldEvents, type ItemState } from './fold';
import { appendEvent, eventsOfItem, type Actor, type NewEvent } from './log';
import { firstResponseMet } from '../triage/sla/respond';
import { checkHere, localRole } from './rules-here';

interface ItemHead {
  id: number;
  version: number;
  priority: number;
  labels: string;
  route: string | null;
}

function itemHead(db: Database, itemId: number): ItemHead {
  const row = stmt<[number], ItemHead>(
    db,
    'SELECT i.id, i.version, o.priority, i.labels, i.route FROM items i JOIN item_order o ON o.id = i.id WHERE i.id = ?',
  ).get(itemId);
  if (!row) throw new VigilFailure('not_found', `There is no item ${itemId}.`, { itemId });
  return row;
}

/** Re-folds an item's events onto its row: the only place status, labels and assignee change. */
export function reproject(db: Database, itemId: number, head: ItemHead = itemHead(db, itemId)): ItemState {
  const events = eventsOfItem(db, itemId);
  const state = foldEvents(events, routedLabelsOf(head.route));
  const labels = JSON.stringify(state.labels);
  stmt(
    db,
    `UPDATE items SET status = ?, labels = ?, assignee = ?, claim_until = ?, version = ?, decided_at = ?, decided_by = ? WHERE id = ?`,
  ).run(state.status, labels, state.assignee, state.claimUntil, state.version, state.decidedAt, state.decidedBy, itemId);
  if (labels !== head.labels) {
    stmt(db, 'DELETE FROM item_labels WHERE item_id = ?').run(itemId);
    const add = stmt(db, 'INSERT INTO item_labels (item_id, label, status, priority) VALUES (?, ?, ?, ?)');
    for (const l of state.labels) add.run(itemId, l, state.status, head.priority);
  }
  projectCase(db, itemId, events);
  projectQa(db, itemId, events);
  // A correction made, or undone: the classification is worked out again around it.
  const triage = stmt<[number], StoredTriage>(db, 'SELECT triage_type, type_by, sentiment, sentiment_by FROM items WHERE id = ?').get(
    itemId,
  )!;
  if (correctionsDiffer(triage, state.corrections)) reclassify(db, itemId, state.corrections);
  firstResponseMet(db, itemId, state.firstReplyAt);
  return state;
}

/**
 * Appends one event per item and re-projects each, all in one immediate transaction. With
 * synchronous=FULL the commit is on disk when this returns: the decision is durable before
 * the caller acknowledges it.
 */
export function recordEvents(db: Database, who: Actor, events: readonly NewEvent[]): DecisionOutcome[] {
  return db
    .transaction(() => {
      const by = { name: who.actor, role: localRole(db) };
      return events.map((e) => {
        // The team's rules, as far as this workstation knows; the server checks again.
        checkHere(db, by, e, who.now());
        const head = itemHead(db, e.itemId);
        const { id } = appendEvent(db, who, e, head.version);
        const out = reproject(db, e.itemId, head);
        return {
          itemId: e.itemId,
          eventId: id,
          status: out.status,
          version: out.version,
          labels: out.labels,
          assignee: out.assignee,
          claimUntil: out.claimUntil,
        };
      });
    })
    .immediate();
}

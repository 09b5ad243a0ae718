// The signed-in person's review work: picked decisions they did not make and have not answered,
// still open. A pick is settled once two thirds of the answers (the decision and its reviews)
// agree; until then it stays for further reviewers, which is how a disagreement is adjudicated.
import type { Database } from 'better-sqlite3';
import type { DecisionAction, QaTask } from '../../shared/model';
import { referenceOf } from '../../shared/qa/adjudicate';
import { stmt } from '../db/statements';
import { undoneSql } from '../decisions/undone';
import { authorSql } from './decisions';

interface PickRow {
  itemId: number;
  of: string;
  draw: string;
  blind: number;
  pickedAt: number;
  action: DecisionAction;
  by: string;
  decidedAt: number;
}

/** Each decision's answers so far: its own action and every review in force. */
export function answersOf(db: Database, decisions: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const read = stmt<[string], { answer: string }>(db, 'SELECT answer FROM qa_reviews WHERE decision_event = ?');
  for (const d of decisions)
    out.set(
      d,
      read.all(d).map((r) => r.answer),
    );
  return out;
}

/** Picks after a place (pick time, pick id) whose decision `me` did not make nor review, in force: me, me, at, at, pick id, limit. */
export const REVIEW_TASKS_SQL = `SELECT p.event_id AS pickId, p.item_id AS itemId, p.decision_event AS of, p.draw, p.blind, p.at AS pickedAt,
            e.action, ${authorSql} AS by, e.created_at AS decidedAt
     FROM qa_picks p
     JOIN events e ON e.id = p.decision_event
     LEFT JOIN event_sync s ON s.event_id = e.id
     WHERE ${authorSql} <> ?
       AND NOT EXISTS (SELECT 1 FROM qa_reviews r WHERE r.decision_event = p.decision_event AND r.reviewer = ?)
       AND (s.status IS NULL OR s.status = 'accepted') AND NOT ${undoneSql('e')}
       AND (p.at > ? OR (p.at = ? AND p.event_id > ?))
     ORDER BY p.at, p.event_id LIMIT ?`;

export function reviewTasks(db: Database, me: string, limit: number): QaTask[] {
  const tasks: QaTask[] = [];
  // Settled picks are skipped as they come, so picks are read a page at a time (keyset on pick time).
  const page = Math.max(limit * 2, 50);
  const read = stmt<[string, string, number, number, string, number], PickRow & { pickId: string }>(db, REVIEW_TASKS_SQL);
  const seen = new Set<string>();
  let at = -1;
  let pickId = '';
  while (tasks.length < limit) {
    const rows = read.all(me, me, at, at, pickId, page);
    if (!rows.length) break;
    const answers = answersOf(
      db,
      rows.map((r) => r.of),
    );
    for (const r of rows) {
      // A decision picked by two draws is one task.
      if (seen.has(r.of) || tasks.length >= limit) continue;
      seen.add(r.of);
      if (referenceOf([r.action, ...(answers.get(r.of) ?? [])])) continue;
      tasks.push({
        itemId: r.itemId,
        of: r.of,
        draw: r.draw,
        blind: r.blind === 1,
        pickedAt: r.pickedAt,
        decision: r.blind === 1 ? null : { action: r.action, by: r.by, at: r.decidedAt },
      });
    }
    const last = rows[rows.length - 1]!;
    at = last.pickedAt;
    pickId = last.pickId;
  }
  return tasks;
}

// What `u` takes back: the last decision this person made on this workstation, as a group of
// events (one item, a selection or a campaign), kept in the database so that it survives a
// reload. Undoing a group records undo events (undoEvents: the team's rules apply as for any
// undo) for those of its events still standing, and marks the group as taken back.
import type { Database } from 'better-sqlite3';
import type { DecisionOutcome } from '../../shared/model';
import { stmt } from '../db/statements';
import type { Actor } from './log';
import { undoEvents } from './decide';
import { undoneSql } from './undone';

/** Groups kept per person: older ones are forgotten (their events stay, and can be undone from the history). */
const KEPT = 50;

interface GroupRow {
  id: number;
  text: string;
  event_ids: string;
  item_ids: string;
}

/**
 * Makes a write (its events) and keeps them as one group for `u`, in the write's own
 * transaction: one commit, so a decision costs no more time on disk than before.
 */
export function writeGroup<T extends DecisionOutcome>(
  db: Database,
  actor: string,
  now: number,
  write: () => T[],
  text: (outcomes: T[]) => string,
): T[] {
  return db
    .transaction(() => {
      const outcomes = write();
      rememberGroup(db, actor, text(outcomes), outcomes, now);
      return outcomes;
    })
    .immediate();
}

/** Keeps a decision's events as one group for `u`. Nothing is kept for a write that made no event. */
export function rememberGroup(db: Database, actor: string, text: string, outcomes: readonly DecisionOutcome[], now: number): void {
  if (!outcomes.length) return;
  const eventIds = outcomes.map((o) => o.eventId);
  const itemIds = [...new Set(outcomes.map((o) => o.itemId))];
  stmt(db, 'INSERT INTO undo_groups (actor, text, event_ids, item_ids, created_at) VALUES (?, ?, ?, ?, ?)').run(
    actor,
    text,
    JSON.stringify(eventIds),
    JSON.stringify(itemIds),
    now,
  );
  stmt(
    db,
    'DELETE FROM undo_groups WHERE actor = ? AND id <= (SELECT id FROM undo_groups WHERE actor = ? ORDER BY id DESC LIMIT 1 OFFSET ?)',
  ).run(actor, actor, KEPT);
}

export interface UndoneGroup {
  text: string;
  eventIds: string[];
  itemIds: number[];
  outcomes: DecisionOutcome[];
}

/**
 * Takes back this person's latest group with an event still standing; null when there is none.
 * A group whose events were all undone some other way (from the history, by a conflict's
 * resolution) is passed over.
 */
export function undoLastGroup(db: Database, who: Actor): UndoneGroup | null {
  return db.transaction((): UndoneGroup | null => {
    const open = stmt<[string], GroupRow>(
      db,
      'SELECT id, text, event_ids, item_ids FROM undo_groups WHERE actor = ? AND undone_at IS NULL ORDER BY id DESC',
    ).all(who.actor);
    const done = stmt<[number, number]>(db, 'UPDATE undo_groups SET undone_at = ? WHERE id = ?');
    const standing = stmt<[string], { id: string }>(db, `SELECT e.id FROM events e WHERE e.id = ? AND NOT ${undoneSql()}`);
    const found: { row: GroupRow; left: string[] }[] = [];
    for (const row of open) {
      const left = (JSON.parse(row.event_ids) as string[]).filter((id) => standing.get(id));
      found.push({ row, left });
      if (left.length) break;
    }
    const now = who.now();
    for (const { row, left } of found) {
      if (!left.length) {
        done.run(now, row.id);
        continue;
      }
      const outcomes = undoEvents(db, who, left);
      done.run(now, row.id);
      return { text: row.text, eventIds: left, itemIds: JSON.parse(row.item_ids) as number[], outcomes };
    }
    return null;
  })();
}

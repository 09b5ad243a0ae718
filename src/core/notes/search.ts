// Internal notes, searchable (notes_fts over the note events' text) and by whom they mention
// (note_mentions), newest first. Undone notes and notes the server refused are left out.
// Both walk an index in event order backwards and stop at the limit, so a common word or a
// much-mentioned name costs no more than a rare one.
import type { Database } from 'better-sqlite3';
import type { NoteHit } from '../../shared/similar';
import { stmt } from '../db/statements';
import { ftsQuery } from '../queue/query';
import { mentionKey } from './mentions';
import { undoneSql } from '../decisions/undone';

/** The message a note is on, shortened: enough to recognise it. */
const ITEM_TEXT_CHARS = 200;

const HIT_COLUMNS = `e.id AS eventId, e.item_id AS itemId, i.case_root AS caseRootItemId, coalesce(s.author, e.actor) AS actor, e.created_at AS at,
  e.note AS text, substr(i.text, 1, ${ITEM_TEXT_CHARS}) AS itemText,
  (SELECT json_group_array(m.name) FROM note_mentions m WHERE m.event_seq = e.seq) AS mentions`;
const LIVE = `(s.status IS NULL OR s.status = 'accepted') AND NOT ${undoneSql()}`;

export const SEARCH_SQL = `SELECT ${HIT_COLUMNS}
  FROM (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid DESC) f
  JOIN events e ON e.seq = f.rowid JOIN items i ON i.id = e.item_id LEFT JOIN event_sync s ON s.event_id = e.id
  WHERE ${LIVE} ORDER BY e.seq DESC LIMIT ?`;

export const MENTIONS_SQL = `SELECT ${HIT_COLUMNS}
  FROM note_mentions n JOIN events e ON e.seq = n.event_seq JOIN items i ON i.id = e.item_id LEFT JOIN event_sync s ON s.event_id = e.id
  WHERE n.name = ? AND ${LIVE} ORDER BY n.event_seq DESC LIMIT ?`;

type HitRow = Omit<NoteHit, 'mentions'> & { mentions: string };
const toHit = (r: HitRow): NoteHit => ({ ...r, mentions: JSON.parse(r.mentions) as string[] });

/** Notes holding every word typed (as prefixes), newest first. */
export function searchNotes(db: Database, text: string, limit: number): NoteHit[] {
  const match = ftsQuery(text);
  if (!match) return [];
  return stmt<[string, number], HitRow>(db, SEARCH_SQL).all(match, limit).map(toHit);
}

/** Notes mentioning someone, newest first, and how many there are in all. */
export function notesMentioning(db: Database, name: string, limit: number): { name: string; notes: NoteHit[]; total: number } {
  const key = mentionKey(name);
  const notes = limit === 0 ? [] : stmt<[string, number], HitRow>(db, MENTIONS_SQL).all(key, limit).map(toHit);
  // Counted on the mention index alone: cheap enough for the status bar to ask often.
  const total = stmt<[string], { n: number }>(db, 'SELECT count(*) AS n FROM note_mentions WHERE name = ?').get(key)!.n;
  return { name: key, notes, total };
}

// The narrow rows of qa_decisions: one per decision in force, with a hash of its event id and
// its strata as numbers. The hash is the first 32 bits of the id's SHA-256: the same on every
// workstation, and costly to aim (a client that chose ids to cluster its decisions' hashes
// would need about 2^32 tries per decision); a draw mixes it with its own seed.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { DECISION_ACTIONS } from '../../shared/model';
import { stmt } from '../db/statements';

export function decisionHash(eventId: string): number {
  return createHash('sha256').update(eventId).digest().readUInt32BE(0);
}

/** The code of a name (a person, a queue), made on first use. */
export function nameCode(db: Database, name: string): number {
  const had = stmt<[string], { id: number }>(db, 'SELECT id FROM qa_names WHERE name = ?').get(name);
  if (had) return had.id;
  return Number(stmt(db, 'INSERT INTO qa_names (name) VALUES (?)').run(name).lastInsertRowid);
}

export const ACTION_CODE = new Map<string, number>(DECISION_ACTIONS.map((a, i) => [a, i]));

/** Writes one decision's row (inside the caller's transaction). */
export function decisionRowWriter(
  db: Database,
): (id: string, itemId: number, at: number, by: string, action: string, queue: string) => void {
  const insert = stmt(db, 'INSERT INTO qa_decisions (event_id, item_id, at, h, moderator, queue, action) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return (id, itemId, at, by, action, queue) => {
    const code = ACTION_CODE.get(action);
    if (code === undefined) return;
    insert.run(id, itemId, at, decisionHash(id), nameCode(db, by), nameCode(db, queue), code);
  };
}

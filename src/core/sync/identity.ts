// Who this workstation is to the server. Each client id belongs to the one user whose sign-in
// first pushed with it (the server refuses it to anyone else), so when a different person signs
// in on the same workstation it takes a new client id; every id it has used stays its own (the
// list in meta), so its events keep being recognised as made here.
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { VigilFailure } from '../../shared/errors';
import { stmt } from '../db/statements';

function meta(db: Database, key: string): string | undefined {
  return stmt<[string], { value: string }>(db, 'SELECT value FROM meta WHERE key = ?').get(key)?.value;
}

function setMeta(db: Database, key: string, value: string): void {
  stmt(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function currentClientId(db: Database): string {
  return meta(db, 'client_id')!;
}

/** Every client id this workstation has made events with, the current one last. */
export function ownClientIds(db: Database): string[] {
  const raw = meta(db, 'client_ids');
  return raw ? (JSON.parse(raw) as string[]) : [currentClientId(db)];
}

/** The user the server knows this workstation's current client id by, once one has signed in. */
export function boundUser(db: Database): string | null {
  return meta(db, 'client_user') ?? null;
}

/**
 * A sign-in as `user`: the first one binds the current client id to them; a different person
 * gets a new client id, but only once the outbox holds nothing of the one before (their work
 * must reach the server under their own sign-in, never someone else's).
 */
export function signInAs(db: Database, user: string): void {
  db.transaction(() => {
    const before = boundUser(db);
    if (before === null || before === user) {
      setMeta(db, 'client_user', user);
      return;
    }
    const waiting = stmt<[string], { n: number }>(
      db,
      'SELECT count(*) AS n FROM outbox o JOIN events e ON e.seq = o.event_seq WHERE e.actor = ?',
    ).get(before)!.n;
    if (waiting > 0) {
      throw new VigilFailure(
        'action_refused',
        `${waiting} event${waiting === 1 ? '' : 's'} ${before} made on this workstation ${waiting === 1 ? 'has' : 'have'} not reached the server yet: sign in as ${before} to send ${waiting === 1 ? 'it' : 'them'} first.`,
        { user: before, waiting },
      );
    }
    const next = randomUUID();
    setMeta(db, 'client_ids', JSON.stringify([...ownClientIds(db), next]));
    setMeta(db, 'client_id', next);
    setMeta(db, 'client_user', user);
  })();
}

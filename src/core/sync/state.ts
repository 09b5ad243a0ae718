// The workstation's side of the connection, kept in the database: the server, who is signed
// in (and the session token), and how far the pull has read.
import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';

export interface Connection {
  url: string;
  user: string;
  role: string;
  token: string;
  expiresAt: number;
  /** Set when the server refused the token: nothing is tried until someone signs in again. */
  signedOut?: boolean;
}

function get(db: Database, key: string): string | null {
  return stmt<[string], { value: string }>(db, 'SELECT value FROM sync_state WHERE key = ?').get(key)?.value ?? null;
}

function put(db: Database, key: string, value: string | null): void {
  if (value === null) stmt(db, 'DELETE FROM sync_state WHERE key = ?').run(key);
  else stmt(db, 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function connection(db: Database): Connection | null {
  const raw = get(db, 'connection');
  return raw ? (JSON.parse(raw) as Connection) : null;
}

export function setConnection(db: Database, c: Connection | null): void {
  put(db, 'connection', c ? JSON.stringify(c) : null);
}

export function cursorOf(db: Database): number {
  return Number(get(db, 'cursor') ?? 0);
}

export function setCursor(db: Database, cursor: number): void {
  put(db, 'cursor', String(cursor));
}

export function note(db: Database, key: 'lastSyncAt' | 'lastError' | 'serverHead', value: string | null): void {
  put(db, key, value);
}

export function noted(db: Database, key: 'lastSyncAt' | 'lastError' | 'serverHead'): string | null {
  return get(db, key);
}

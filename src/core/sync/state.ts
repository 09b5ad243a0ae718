// The workstation's side of the connection, kept in the database: the server, who is signed
// in, and how far the pull has read. The session token and the device tokens are kept sealed
// (secrets.ts), each in a row of its own: only the sync itself needs them.
import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';
import type { SecretProtector } from './secrets';

export interface Connection {
  url: string;
  user: string;
  role: string;
  expiresAt: number;
  /** Set when the server refused the token, or it could not be read here: nothing is tried until someone signs in again. */
  signedOut?: boolean;
}

const SESSION = 'session';
const DEVICES = 'devices';
/** Device tokens kept, one per server and user: a workstation shared by a few people keeps each one's. */
const MAX_DEVICES = 20;

/** A value the sync keeps in sync_state (the connection, the cursor, the log's key and frontier, …). */
export function get(db: Database, key: string): string | null {
  return stmt<[string], { value: string }>(db, 'SELECT value FROM sync_state WHERE key = ?').get(key)?.value ?? null;
}

export function put(db: Database, key: string, value: string | null): void {
  if (value === null) stmt(db, 'DELETE FROM sync_state WHERE key = ?').run(key);
  else stmt(db, 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function connection(db: Database): Connection | null {
  const raw = get(db, 'connection');
  if (!raw) return null;
  const { url, user, role, expiresAt, signedOut } = JSON.parse(raw) as Connection;
  return { url, user, role, expiresAt, ...(signedOut ? { signedOut } : {}) };
}

/** Changes what is known of the connection; null forgets it, and its session, altogether. */
export function setConnection(db: Database, c: Connection | null): void {
  db.transaction(() => {
    put(db, 'connection', c ? JSON.stringify(c) : null);
    if (!c) put(db, SESSION, null);
  })();
}

/** A new sign-in: the connection and its session token (sealed), together. */
export function signedIn(db: Database, secrets: SecretProtector, c: Connection, token: string): void {
  db.transaction(() => {
    put(db, 'connection', JSON.stringify(c));
    put(db, SESSION, secrets.seal(token, SESSION));
  })();
}

/** The session token, or null when there is none or it cannot be opened here. */
export function sessionToken(db: Database, secrets: SecretProtector): string | null {
  const sealed = get(db, SESSION);
  return sealed === null ? null : secrets.open(sealed, SESSION);
}

function devices(db: Database, secrets: SecretProtector): Record<string, string> {
  const sealed = get(db, DEVICES);
  const opened = sealed === null ? null : secrets.open(sealed, DEVICES);
  if (opened === null) return {};
  try {
    const map = JSON.parse(opened) as unknown;
    return map && typeof map === 'object' && !Array.isArray(map) ? (map as Record<string, string>) : {};
  } catch {
    return {};
  }
}

const deviceKey = (url: string, user: string) => `${url} ${user.toLowerCase()}`;

/** The device token this workstation was given for this user on this server, if it kept one. */
export function deviceToken(db: Database, secrets: SecretProtector, url: string, user: string): string | null {
  const t = devices(db, secrets)[deviceKey(url, user)];
  return typeof t === 'string' ? t : null;
}

export function keepDeviceToken(db: Database, secrets: SecretProtector, url: string, user: string, token: string): void {
  const map = devices(db, secrets);
  delete map[deviceKey(url, user)];
  // Newest last: the oldest go first when there are too many.
  const entries = [...Object.entries(map), [deviceKey(url, user), token] as const].slice(-MAX_DEVICES);
  put(db, DEVICES, secrets.seal(JSON.stringify(Object.fromEntries(entries)), DEVICES));
}

/**
 * Older databases kept the session token in the connection row, in plain text: it is sealed
 * into its own row, and the plain text is overwritten on disk (secure_delete for the pages
 * written, a truncating checkpoint for the write-ahead log). True when there was one.
 */
export function sealPlainToken(db: Database, secrets: SecretProtector): boolean {
  const raw = get(db, 'connection');
  if (!raw) return false;
  const parsed = JSON.parse(raw) as Connection & { token?: unknown };
  if (typeof parsed.token !== 'string') return false;
  const secure = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    const { token, ...rest } = parsed;
    signedIn(db, secrets, rest, token);
  } finally {
    db.pragma(`secure_delete = ${secure}`);
  }
  if (!db.memory) db.pragma('wal_checkpoint(TRUNCATE)');
  return true;
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

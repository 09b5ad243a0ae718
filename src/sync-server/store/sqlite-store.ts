// The server's store on SQLite (one file in VIGIL_SERVER_DATA_DIR): WAL, synchronous=FULL, a
// batch per transaction.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../shared/sync';
import type { Lease } from './push-rules';
import { pushIsolated } from './push-isolated';
import { sqliteLog } from './sqlite-log';
import { sqlitePush } from './sqlite-push';
import { sqliteIngest, sqliteSnapshot } from './sqlite-content';
import { sqliteOutbound } from './sqlite-outbound';
import { ackPages, contentPages, eventPages, headOf } from './sqlite-reads';
import { migrateSqlite, refuseNewer } from './migrations/run';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import { sqliteSignIn } from './sqlite-sign-in';
import type { ServerStore, Session, User } from './types';

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  disabled: number;
}

const userOf = (r: UserRow): User => ({ id: r.id, name: r.name, role: r.role, passwordHash: r.password_hash, disabled: r.disabled === 1 });

export function openSqliteStore(dataDir: string): ServerStore {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'vigil-server.db');
  const db = new Database(file);
  // Before any pragma: switching the journal to WAL rewrites the header of a newer server's file.
  try {
    refuseNewer(db.pragma('user_version', { simple: true }) as number, SQLITE_MIGRATIONS);
  } catch (e) {
    db.close();
    throw e;
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Pushes commit often (each one synced to disk): folding the WAL into the file every 10,000
  // pages rather than 1,000 takes the same writes in a tenth of the checkpoints and their syncs.
  db.pragma('wal_autocheckpoint = 10000');
  migrateSqlite(db);

  const q = {
    countUsers: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users'),
    addUser: db.prepare('INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)'),
    userByName: db.prepare<[string], UserRow>('SELECT id, name, role, password_hash, disabled FROM users WHERE name = ?'),
    users: db.prepare<[], UserRow>('SELECT id, name, role, password_hash, disabled FROM users ORDER BY name'),
    setDisabled: db.prepare('UPDATE users SET disabled = ? WHERE id = ?'),
    setPassword: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
    revokeAll: db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL'),
    addSession: db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    session: db.prepare<[string], UserRow & { expires_at: number; revoked_at: number | null }>(
      `SELECT u.id, u.name, u.role, u.password_hash, u.disabled, s.expires_at, s.revoked_at
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    ),
    revoke: db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL'),
    liveLeases: db.prepare<[number], Lease & { platform: string; externalId: string }>(
      'SELECT platform, external_id AS externalId, holder, granted_at AS grantedAt, until FROM leases WHERE until > ? ORDER BY until',
    ),
  };
  const pull = eventPages(db);
  const pullContent = contentPages(db);
  const pullAcks = ackPages(db);
  const head = headOf(db);
  const ingest = sqliteIngest(db);
  const outbound = sqliteOutbound(db);

  const log = sqliteLog(db);
  const pushBatch = sqlitePush(db, log);

  return {
    log,
    countUsers: async () => q.countUsers.get()!.n,
    addUser: async (name, role, passwordHash, now) => {
      q.addUser.run(name, role, passwordHash, now);
      return userOf(q.userByName.get(name)!);
    },
    userByName: async (name) => {
      const r = q.userByName.get(name);
      return r ? userOf(r) : null;
    },
    listUsers: async () => q.users.all().map(userOf),
    setDisabled: async (userId, disabled, now) =>
      db.transaction(() => {
        q.setDisabled.run(disabled ? 1 : 0, userId);
        if (disabled) q.revokeAll.run(now, userId);
      })(),
    setPassword: async (userId, hash, now) =>
      db.transaction(() => {
        q.setPassword.run(hash, userId);
        q.revokeAll.run(now, userId);
      })(),
    createSession: async (hash, userId, now, expiresAt) => {
      q.addSession.run(hash, userId, now, expiresAt);
    },
    session: async (hash): Promise<Session | null> => {
      const r = q.session.get(hash);
      return r ? { user: userOf(r), expiresAt: r.expires_at, revokedAt: r.revoked_at } : null;
    },
    revokeSession: async (hash, now) => {
      q.revoke.run(now, hash);
    },
    ...sqliteSignIn(db),
    push: (events, by, now, onFailure) => pushIsolated(events, async (batch) => pushBatch(batch, by, now), onFailure),
    pull: async (cursor, limit) => pull(cursor, limit),
    head: async () => head(),
    ingest: async (records, by, now) => ingest(records, by, now),
    pullContent: async (cursor, upTo, limit) => pullContent(cursor, upTo, limit),
    snapshot: async () => sqliteSnapshot(file),
    leases: async (now) => q.liveLeases.all(now),
    outbound: async (cursor, limit) => outbound.outbound(cursor, limit),
    ack: async (acks, by, now) => outbound.ack(acks, by, now),
    pullAcks: async (cursor, upTo, limit) => pullAcks(cursor, upTo, limit),
    close: async () => {
      if (db.open) db.close();
    },
  };
}

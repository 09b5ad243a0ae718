// The server's store on SQLite (one file in VIGIL_SERVER_DATA_DIR): WAL, synchronous=FULL, a
// batch per transaction.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolvedBy, type PushOutcome, type Role, type ServerEvent, type SyncEvent } from '../../shared/sync';
import { isConfigEvent, isDecision, judge, judgeConfig, leaseAfter, type Lease, type NamedEvent } from './push-rules';
import { sqliteIngest, sqliteSnapshot } from './sqlite-content';
import { sqliteOutbound } from './sqlite-outbound';
import { ackPages, contentPages, eventPages, headOf } from './sqlite-reads';
import { migrateServer } from './sqlite-schema';
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
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrateServer(db);

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
    byId: db.prepare<[string], { seq: number }>('SELECT seq FROM events WHERE id = ?'),
    named: db.prepare<[string], { id: string; status: string; platform: string; externalId: string }>(
      'SELECT id, status, platform, external_id AS externalId FROM events WHERE id = ?',
    ),
    lease: db.prepare<[string, string], Lease>('SELECT holder, granted_at AS grantedAt, until FROM leases WHERE platform = ? AND external_id = ?'),
    setLease: db.prepare(
      `INSERT INTO leases (platform, external_id, holder, granted_at, until) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (platform, external_id) DO UPDATE SET holder = excluded.holder, granted_at = excluded.granted_at, until = excluded.until`,
    ),
    dropLease: db.prepare('DELETE FROM leases WHERE platform = ? AND external_id = ?'),
    liveLeases: db.prepare<[number], Lease & { platform: string; externalId: string }>(
      'SELECT platform, external_id AS externalId, holder, granted_at AS grantedAt, until FROM leases WHERE until > ? ORDER BY until',
    ),
    byClientSeq: db.prepare<[string, number], { id: string }>("SELECT id FROM events WHERE client_id = ? AND client_seq = ? AND status != 'rejected'"),
    head: db.prepare<[string, string], { version: number }>('SELECT version FROM item_heads WHERE platform = ? AND external_id = ?'),
    setHead: db.prepare(
      `INSERT INTO item_heads (platform, external_id, version) VALUES (?, ?, ?)
       ON CONFLICT (platform, external_id) DO UPDATE SET version = excluded.version`,
    ),
    concurrent: db.prepare<[string, string, number], { action: string; body: string }>(
      `SELECT action, body FROM events WHERE platform = ? AND external_id = ? AND base_version >= ? AND status = 'accepted'
       ORDER BY seq`,
    ),
    docHead: db.prepare<[string, string], { id: string; by: string; receivedAt: number }>(
      `SELECT e.id, u.name AS by, e.received_at AS receivedAt FROM events e JOIN users u ON u.id = e.user_id
       WHERE e.platform = ? AND e.external_id = ? AND e.status = 'accepted' ORDER BY e.seq DESC LIMIT 1`,
    ),
    insert: db.prepare(
      `INSERT INTO events (id, client_id, client_seq, platform, external_id, action, base_version, status, reason, body, user_id, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
  const pull = eventPages(db);
  const pullContent = contentPages(db);
  const pullAcks = ackPages(db);
  const head = headOf(db);
  const ingest = sqliteIngest(db);
  const outbound = sqliteOutbound(db);

  const pushBatch = db.transaction((events: readonly SyncEvent[], by: User, now: number): PushOutcome[] =>
    events.map((e) => {
      const seen = q.byId.get(e.id);
      if (seen) return { id: e.id, status: 'duplicate', seq: seen.seq };
      const store = (status: ServerEvent['status'], reason: string | null): number =>
        Number(
          q.insert.run(e.id, e.clientId, e.clientSeq, e.platform, e.externalId, e.action, e.baseVersion, status, reason, JSON.stringify(e), by.id, now)
            .lastInsertRowid,
        );
      const taken = q.byClientSeq.get(e.clientId, e.clientSeq);
      if (taken) {
        const reason = `client sequence ${e.clientSeq} was already used by event ${taken.id}`;
        return { id: e.id, status: 'rejected', seq: store('rejected', reason), reason };
      }
      const head = q.head.get(e.platform, e.externalId)?.version ?? 0;
      if (isConfigEvent(e)) {
        const last = q.docHead.get(e.platform, e.externalId);
        const verdict = judgeConfig(e, last ? { ...last, revision: head } : null, by);
        const seq = store(verdict.status, verdict.reason);
        if (verdict.advances) q.setHead.run(e.platform, e.externalId, head + 1);
        return verdict.reason ? { id: e.id, status: verdict.status, seq, reason: verdict.reason } : { id: e.id, status: verdict.status, seq };
      }
      const concurrent = isDecision(e.action)
        ? q.concurrent.all(e.platform, e.externalId, e.baseVersion).map((r) => ({ action: r.action, actor: (JSON.parse(r.body) as SyncEvent).actor })).filter((c) => isDecision(c.action))
        : [];
      const named = new Map<string, NamedEvent>();
      for (const id of resolvedBy(e) ?? []) {
        const n = q.named.get(id);
        if (n) named.set(id, n);
      }
      const lease = q.lease.get(e.platform, e.externalId) ?? null;
      const verdict = judge(e, { head, concurrent, undoTargetKnown: !e.undoOf || !!q.byId.get(e.undoOf), by, lease, named, now });
      const seq = store(verdict.status, verdict.reason);
      if (verdict.advances) q.setHead.run(e.platform, e.externalId, Math.max(head, e.baseVersion) + 1);
      if (verdict.status === 'accepted') {
        const next = leaseAfter(e, by.name, lease, now);
        if (next) q.setLease.run(e.platform, e.externalId, next.holder, next.grantedAt, next.until);
        else if (next === null) q.dropLease.run(e.platform, e.externalId);
      }
      return verdict.reason ? { id: e.id, status: verdict.status, seq, reason: verdict.reason } : { id: e.id, status: verdict.status, seq };
    }),
  );

  return {
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
    push: async (events, by, now) => pushBatch(events, by, now),
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

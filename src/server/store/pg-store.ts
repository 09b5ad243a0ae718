// The server's store on PostgreSQL (DATABASE_URL): the same behaviour as the SQLite one, and
// server processes keep nothing of their own, so several can share one database. Pushes take
// a transaction-scoped advisory lock: sequence numbers are then committed in order, so a pull
// that reads past N never later finds an event numbered below N appear. Pokes cross processes
// through LISTEN/NOTIFY.
import pg from 'pg';
import type { PushOutcome, Role, ServerEvent, SyncEvent } from '../../shared/sync';
import { isDecision, judge } from './push-rules';
import type { ServerStore, Session, User } from './types';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS users (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('moderator', 'supervisor', 'admin')),
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT false,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
  );
  CREATE TABLE IF NOT EXISTS events (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL,
    client_seq BIGINT NOT NULL,
    platform TEXT NOT NULL,
    external_id TEXT NOT NULL,
    action TEXT NOT NULL,
    base_version BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('accepted', 'conflict', 'rejected')),
    reason TEXT,
    body TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    received_at BIGINT NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS events_client_seq ON events (client_id, client_seq) WHERE status != 'rejected';
  CREATE INDEX IF NOT EXISTS events_item ON events (platform, external_id, base_version);
  CREATE TABLE IF NOT EXISTS item_heads (
    platform TEXT NOT NULL,
    external_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (platform, external_id)
  );
`;

/** The advisory lock every push holds: one writer of sequence numbers at a time. */
const PUSH_LOCK = 0x76696769;
export const POKE_CHANNEL = 'vigil_poke';

interface UserRow {
  id: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
}

const userOf = (r: UserRow): User => ({ id: Number(r.id), name: r.name, role: r.role, passwordHash: r.password_hash, disabled: r.disabled });

export async function openPgStore(url: string): Promise<ServerStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Two servers starting together must not both create the tables.
  const setup = await pool.connect();
  try {
    await setup.query('SELECT pg_advisory_lock($1)', [PUSH_LOCK + 1]);
    await setup.query(SCHEMA);
  } finally {
    await setup.query('SELECT pg_advisory_unlock($1)', [PUSH_LOCK + 1]).catch(() => {});
    setup.release();
  }
  let listener: pg.PoolClient | null = null;

  return {
    countUsers: async () => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM users')).rows[0]!.n),
    addUser: async (name, role, passwordHash, now) => {
      const r = await pool.query<UserRow>(
        'INSERT INTO users (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id, name, role, password_hash, disabled',
        [name, role, passwordHash, now],
      );
      return userOf(r.rows[0]!);
    },
    userByName: async (name) => {
      const r = await pool.query<UserRow>('SELECT id, name, role, password_hash, disabled FROM users WHERE name = $1', [name]);
      return r.rows[0] ? userOf(r.rows[0]) : null;
    },
    createSession: async (hash, userId, now, expiresAt) => {
      await pool.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [hash, userId, now, expiresAt]);
    },
    session: async (hash): Promise<Session | null> => {
      const r = await pool.query<UserRow & { expires_at: string; revoked_at: string | null }>(
        `SELECT u.id, u.name, u.role, u.password_hash, u.disabled, s.expires_at, s.revoked_at
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
        [hash],
      );
      const row = r.rows[0];
      return row ? { user: userOf(row), expiresAt: Number(row.expires_at), revokedAt: row.revoked_at === null ? null : Number(row.revoked_at) } : null;
    },
    revokeSession: async (hash, now) => {
      await pool.query('UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL', [now, hash]);
    },
    push: async (events, by, now) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
        const out: PushOutcome[] = [];
        let stored = false;
        for (const e of events) {
          const seen = await c.query<{ seq: string }>('SELECT seq FROM events WHERE id = $1', [e.id]);
          if (seen.rows[0]) {
            out.push({ id: e.id, status: 'duplicate', seq: Number(seen.rows[0].seq) });
            continue;
          }
          const store = async (status: ServerEvent['status'], reason: string | null) => {
            stored = true;
            const r = await c.query<{ seq: string }>(
              `INSERT INTO events (id, client_id, client_seq, platform, external_id, action, base_version, status, reason, body, user_id, received_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING seq`,
              [e.id, e.clientId, e.clientSeq, e.platform, e.externalId, e.action, e.baseVersion, status, reason, JSON.stringify(e), by.id, now],
            );
            return Number(r.rows[0]!.seq);
          };
          const taken = await c.query<{ id: string }>("SELECT id FROM events WHERE client_id = $1 AND client_seq = $2 AND status != 'rejected'", [e.clientId, e.clientSeq]);
          if (taken.rows[0]) {
            const reason = `client sequence ${e.clientSeq} was already used by event ${taken.rows[0].id}`;
            out.push({ id: e.id, status: 'rejected', seq: await store('rejected', reason), reason });
            continue;
          }
          const head = Number((await c.query<{ version: string }>('SELECT version FROM item_heads WHERE platform = $1 AND external_id = $2', [e.platform, e.externalId])).rows[0]?.version ?? 0);
          const concurrent = isDecision(e.action)
            ? (
                await c.query<{ action: string; body: string }>(
                  "SELECT action, body FROM events WHERE platform = $1 AND external_id = $2 AND base_version >= $3 AND status = 'accepted' ORDER BY seq",
                  [e.platform, e.externalId, e.baseVersion],
                )
              ).rows
                .filter((r) => isDecision(r.action))
                .map((r) => ({ action: r.action, actor: (JSON.parse(r.body) as SyncEvent).actor }))
            : [];
          const undoKnown = !e.undoOf || (await c.query('SELECT 1 FROM events WHERE id = $1', [e.undoOf])).rowCount! > 0;
          const verdict = judge(e, head, concurrent, undoKnown);
          const seq = await store(verdict.status, verdict.reason);
          if (verdict.advances) {
            await c.query(
              `INSERT INTO item_heads (platform, external_id, version) VALUES ($1, $2, $3)
               ON CONFLICT (platform, external_id) DO UPDATE SET version = excluded.version`,
              [e.platform, e.externalId, Math.max(head, e.baseVersion) + 1],
            );
          }
          out.push(verdict.reason ? { id: e.id, status: verdict.status, seq, reason: verdict.reason } : { id: e.id, status: verdict.status, seq });
        }
        if (stored) await c.query(`SELECT pg_notify('${POKE_CHANNEL}', (SELECT max(seq)::text FROM events))`);
        await c.query('COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        c.release();
      }
    },
    pull: async (cursor, limit) => {
      const r = await pool.query<{ seq: string; status: ServerEvent['status']; reason: string | null; body: string; received_at: string; by: string }>(
        `SELECT e.seq, e.status, e.reason, e.body, e.received_at, u.name AS by FROM events e JOIN users u ON u.id = e.user_id
         WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
        [cursor, limit],
      );
      return r.rows.map((row) => ({ ...(JSON.parse(row.body) as SyncEvent), seq: Number(row.seq), status: row.status, reason: row.reason, receivedAt: Number(row.received_at), by: row.by }));
    },
    head: async () => Number((await pool.query<{ n: string | null }>('SELECT max(seq) AS n FROM events')).rows[0]!.n ?? 0),
    async onPoke(listen) {
      listener = await pool.connect();
      listener.on('notification', (n) => listen(Number(n.payload)));
      await listener.query(`LISTEN ${POKE_CHANNEL}`);
    },
    close: async () => {
      listener?.release();
      listener = null;
      await pool.end();
    },
  };
}

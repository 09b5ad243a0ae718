// The server's store on PostgreSQL (DATABASE_URL): the same behaviour as the SQLite one, and
// server processes keep nothing of their own, so several can share one database. Pushes take
// a transaction-scoped advisory lock: sequence numbers are then committed in order, so a pull
// that reads past N never later finds an event numbered below N appear. Pokes cross processes
// through LISTEN/NOTIFY.
import pg from 'pg';
import type { Role } from '../../shared/sync';
import { pgLog, pgLogCatchUp } from './pg-log';
import { pgPush } from './pg-push';
import { pushIsolated } from './push-isolated';
import { pgIngest, pgSnapshot } from './pg-content';
import { pgAck, pgOutbound } from './pg-outbound';
import { ackPage, contentPage, eventPage, headOf } from './pg-reads';
import { migratePg } from './migrations/run';
import { pgSignIn } from './pg-sign-in';
import { inTransaction } from './pg-transaction';
import type { LiveLease, ServerStore, Session, User } from './types';

/** The advisory lock every push holds: one writer of sequence numbers at a time. */
const PUSH_LOCK = 0x76696769;
/** The advisory lock sign-in attempts are counted under, apart from pushes (and from setup, PUSH_LOCK + 1). */
const SIGN_IN_LOCK = PUSH_LOCK + 2;
export const POKE_CHANNEL = 'vigil_poke';

interface UserRow {
  id: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
}

const userOf = (r: UserRow): User => ({
  id: Number(r.id),
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  disabled: r.disabled,
});

export async function openPgStore(url: string): Promise<ServerStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Two servers starting together must not both create the tables.
  const setup = await pool.connect();
  try {
    await setup.query('SELECT pg_advisory_lock($1)', [PUSH_LOCK + 1]);
    await migratePg(setup);
    await pgLogCatchUp(setup);
  } finally {
    await setup.query('SELECT pg_advisory_unlock($1)', [PUSH_LOCK + 1]).catch(() => {});
    setup.release();
  }
  let listener: pg.PoolClient | null = null;

  return {
    log: pgLog(pool),
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
    listUsers: async () =>
      (await pool.query<UserRow>('SELECT id, name, role, password_hash, disabled FROM users ORDER BY name')).rows.map(userOf),
    setDisabled: async (userId, disabled, now) =>
      inTransaction(pool, async (c) => {
        await c.query('UPDATE users SET disabled = $1 WHERE id = $2', [disabled, userId]);
        if (disabled) await c.query('UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL', [now, userId]);
      }),
    setPassword: async (userId, hash, now) =>
      inTransaction(pool, async (c) => {
        await c.query('UPDATE users SET password_hash = $1 WHERE id = $2', [hash, userId]);
        await c.query('UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL', [now, userId]);
      }),
    createSession: async (hash, userId, now, expiresAt) => {
      await pool.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        hash,
        userId,
        now,
        expiresAt,
      ]);
    },
    session: async (hash): Promise<Session | null> => {
      const r = await pool.query<UserRow & { expires_at: string; revoked_at: string | null }>(
        `SELECT u.id, u.name, u.role, u.password_hash, u.disabled, s.expires_at, s.revoked_at
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
        [hash],
      );
      const row = r.rows[0];
      return row
        ? { user: userOf(row), expiresAt: Number(row.expires_at), revokedAt: row.revoked_at === null ? null : Number(row.revoked_at) }
        : null;
    },
    revokeSession: async (hash, now) => {
      await pool.query('UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL', [now, hash]);
    },
    ...pgSignIn(pool, SIGN_IN_LOCK),
    push: (events, by, now, onFailure) =>
      pushIsolated(
        events,
        (batch) =>
          inTransaction(pool, async (c) => {
            await c.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
            const out = await pgPush(c, batch, by, now);
            if (out.some((o) => o.status !== 'duplicate'))
              await c.query(`SELECT pg_notify('${POKE_CHANNEL}', (SELECT max(seq)::text FROM events))`);
            return out;
          }),
        onFailure,
      ),
    pull: (cursor, limit) => eventPage(pool, cursor, limit),
    head: () => headOf(pool),
    ingest: (records, by, now) => pgIngest(pool, { id: PUSH_LOCK, channel: POKE_CHANNEL }, records, by, now),
    pullContent: (cursor, upTo, limit) => contentPage(pool, cursor, upTo, limit),
    snapshot: () => pgSnapshot(pool),
    outbound: (cursor, limit) => pgOutbound(pool, cursor, limit),
    ack: (acks, by, now) => pgAck(pool, { id: PUSH_LOCK, channel: POKE_CHANNEL }, acks, by, now),
    pullAcks: (cursor, upTo, limit) => ackPage(pool, cursor, upTo, limit),
    leases: async (now) =>
      (
        await pool.query<{ platform: string; external_id: string; holder: string; granted_at: string; until: string }>(
          'SELECT platform, external_id, holder, granted_at, until FROM leases WHERE until > $1 ORDER BY until',
          [now],
        )
      ).rows.map((r): LiveLease => ({
        platform: r.platform,
        externalId: r.external_id,
        holder: r.holder,
        grantedAt: Number(r.granted_at),
        until: Number(r.until),
      })),
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

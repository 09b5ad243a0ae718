// The server's store on PostgreSQL (DATABASE_URL): the same behaviour as the SQLite one, and
// server processes keep nothing of their own, so several can share one database. Pushes take
// a transaction-scoped advisory lock: sequence numbers are then committed in order, so a pull
// that reads past N never later finds an event numbered below N appear. Pokes cross processes
// through LISTEN/NOTIFY.
import pg from 'pg';
import { CONFIG_PLATFORM } from '../../shared/config-sync';
import { resolvedBy, type PushOutcome, type Role, type ServerEvent, type SyncEvent } from '../../shared/sync';
import { isConfigEvent, isDecision, judge, judgeConfig, leaseAfter, type DocHead, type Lease, type NamedEvent } from './push-rules';
import { pgIngest, pgSnapshot } from './pg-content';
import { pgAck, pgOutbound } from './pg-outbound';
import { ackPage, contentPage, eventPage, headOf } from './pg-reads';
import { migratePg } from './pg-schema';
import { pgSignIn } from './pg-sign-in';
import { inTransaction } from './pg-transaction';
import type { LiveLease, ServerStore, Session, User } from './types';

/** Step 1 of the schema (later steps: pg-schema.ts). */
export const SCHEMA = `
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

const userOf = (r: UserRow): User => ({ id: Number(r.id), name: r.name, role: r.role, passwordHash: r.password_hash, disabled: r.disabled });

export async function openPgStore(url: string): Promise<ServerStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Two servers starting together must not both create the tables.
  const setup = await pool.connect();
  try {
    await setup.query('SELECT pg_advisory_lock($1)', [PUSH_LOCK + 1]);
    await setup.query(SCHEMA);
    await migratePg(setup);
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
    listUsers: async () => (await pool.query<UserRow>('SELECT id, name, role, password_hash, disabled FROM users ORDER BY name')).rows.map(userOf),
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
    ...pgSignIn(pool, SIGN_IN_LOCK),
    push: (events, by, now) =>
      inTransaction(pool, async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
        const out = await pushBatch(c, events, by, now);
        if (out.some((o) => o.status !== 'duplicate')) await c.query(`SELECT pg_notify('${POKE_CHANNEL}', (SELECT max(seq)::text FROM events))`);
        return out;
      }),
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
      ).rows.map((r): LiveLease => ({ platform: r.platform, externalId: r.external_id, holder: r.holder, grantedAt: Number(r.granted_at), until: Number(r.until) })),
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

const itemKey = (platform: string, externalId: string) => `${platform}\u0000${externalId}`;

/**
 * One batch in a handful of round trips, whatever its size: what the database already knows
 * of the batch is read at once, the protocol's rules run here in order (as the SQLite store
 * runs them row by row), and the outcome is written at once.
 */
async function pushBatch(c: pg.PoolClient, events: readonly SyncEvent[], by: User, now: number): Promise<PushOutcome[]> {
  const ids = events.map((e) => e.id);
  const wanted = [...ids, ...events.flatMap((e) => [...(e.undoOf ? [e.undoOf] : []), ...(resolvedBy(e) ?? [])])];
  const knownRows = (
    await c.query<{ id: string; seq: string; status: string; platform: string; external_id: string }>(
      'SELECT id, seq, status, platform, external_id FROM events WHERE id = ANY($1)',
      [wanted],
    )
  ).rows;
  const known = new Map(knownRows.map((r) => [r.id, Number(r.seq)]));
  const named = new Map<string, NamedEvent>(knownRows.map((r) => [r.id, { id: r.id, status: r.status, platform: r.platform, externalId: r.external_id }]));
  const leases = new Map<string, Lease | null>(
    (
      await c.query<{ platform: string; external_id: string; holder: string; granted_at: string; until: string }>(
        `SELECT l.platform, l.external_id, l.holder, l.granted_at, l.until FROM leases l JOIN unnest($1::text[], $2::text[]) AS k (platform, external_id)
           ON l.platform = k.platform AND l.external_id = k.external_id`,
        [events.map((e) => e.platform), events.map((e) => e.externalId)],
      )
    ).rows.map((r) => [itemKey(r.platform, r.external_id), { holder: r.holder, grantedAt: Number(r.granted_at), until: Number(r.until) }]),
  );
  const leaseMoved = new Set<string>();
  const taken = new Map(
    (
      await c.query<{ client_id: string; client_seq: string; id: string }>(
        `SELECT e.client_id, e.client_seq, e.id FROM events e JOIN unnest($1::text[], $2::bigint[]) AS k (client_id, client_seq)
           ON e.client_id = k.client_id AND e.client_seq = k.client_seq WHERE e.status != 'rejected'`,
        [events.map((e) => e.clientId), events.map((e) => e.clientSeq)],
      )
    ).rows.map((r) => [`${r.client_id}\u0000${r.client_seq}`, r.id]),
  );
  const heads = new Map(
    (
      await c.query<{ platform: string; external_id: string; version: string }>(
        `SELECT h.platform, h.external_id, h.version FROM item_heads h JOIN unnest($1::text[], $2::text[]) AS k (platform, external_id)
           ON h.platform = k.platform AND h.external_id = k.external_id`,
        [events.map((e) => e.platform), events.map((e) => e.externalId)],
      )
    ).rows.map((r) => [itemKey(r.platform, r.external_id), Number(r.version)]),
  );
  const docs = events.filter(isConfigEvent).map((e) => e.externalId);
  /** Each configuration document's newest accepted change: from the database, then from this batch. */
  const docHeads = new Map<string, Omit<DocHead, 'revision'>>(
    docs.length
      ? (
          await c.query<{ external_id: string; id: string; by: string; received_at: string }>(
            `SELECT DISTINCT ON (e.external_id) e.external_id, e.id, u.name AS by, e.received_at FROM events e JOIN users u ON u.id = e.user_id
             WHERE e.platform = $1 AND e.external_id = ANY($2) AND e.status = 'accepted' ORDER BY e.external_id, e.seq DESC`,
            [CONFIG_PLATFORM, docs],
          )
        ).rows.map((r) => [itemKey(CONFIG_PLATFORM, r.external_id), { id: r.id, by: r.by, receivedAt: Number(r.received_at) }])
      : [],
  );
  /** Decisions accepted on an item: from the database when first needed, then from this batch. */
  const decisions = new Map<string, { action: string; actor: string; baseVersion: number }[]>();
  const decisionsOf = async (e: SyncEvent) => {
    const k = itemKey(e.platform, e.externalId);
    let list = decisions.get(k);
    if (!list) {
      list = (
        await c.query<{ action: string; body: string; base_version: string }>(
          "SELECT action, body, base_version FROM events WHERE platform = $1 AND external_id = $2 AND status = 'accepted' ORDER BY seq",
          [e.platform, e.externalId],
        )
      ).rows
        .filter((r) => isDecision(r.action))
        .map((r) => ({ action: r.action, actor: (JSON.parse(r.body) as SyncEvent).actor, baseVersion: Number(r.base_version) }));
      decisions.set(k, list);
    }
    return list;
  };

  const rows: { e: SyncEvent; status: ServerEvent['status']; reason: string | null }[] = [];
  const outcomes: (PushOutcome | { id: string; pending: true; status: PushOutcome['status']; reason?: string })[] = [];
  const seenIds = new Set<string>();
  for (const e of events) {
    const dup = known.get(e.id);
    if (dup !== undefined && !seenIds.has(e.id)) {
      outcomes.push({ id: e.id, status: 'duplicate', seq: dup });
      continue;
    }
    if (seenIds.has(e.id)) {
      outcomes.push({ id: e.id, pending: true, status: 'duplicate' });
      continue;
    }
    seenIds.add(e.id);
    const clientKey = `${e.clientId}\u0000${e.clientSeq}`;
    const usedBy = taken.get(clientKey);
    if (usedBy) {
      const reason = `client sequence ${e.clientSeq} was already used by event ${usedBy}`;
      outcomes.push({ id: e.id, pending: true, status: 'rejected', reason });
      rows.push({ e, status: 'rejected', reason });
      continue;
    }
    const k = itemKey(e.platform, e.externalId);
    const head = heads.get(k) ?? 0;
    if (isConfigEvent(e)) {
      const last = docHeads.get(k);
      const verdict = judgeConfig(e, last ? { ...last, revision: head } : null, by);
      outcomes.push(verdict.reason ? { id: e.id, pending: true, status: verdict.status, reason: verdict.reason } : { id: e.id, pending: true, status: verdict.status });
      rows.push({ e, status: verdict.status, reason: verdict.reason });
      if (verdict.status !== 'rejected') taken.set(clientKey, e.id);
      if (verdict.advances) {
        heads.set(k, head + 1);
        docHeads.set(k, { id: e.id, by: by.name, receivedAt: now });
      }
      continue;
    }
    const concurrent = isDecision(e.action) && e.baseVersion < head ? (await decisionsOf(e)).filter((d) => d.baseVersion >= e.baseVersion) : [];
    const lease = leases.get(k) ?? null;
    const verdict = judge(e, { head, concurrent, undoTargetKnown: !e.undoOf || known.has(e.undoOf) || seenIds.has(e.undoOf), by, lease, named, now });
    named.set(e.id, { id: e.id, status: verdict.status, platform: e.platform, externalId: e.externalId });
    if (verdict.status === 'accepted') {
      const next = leaseAfter(e, by.name, lease, now);
      if (next !== undefined) {
        leases.set(k, next);
        leaseMoved.add(k);
      }
    }
    outcomes.push(verdict.reason ? { id: e.id, pending: true, status: verdict.status, reason: verdict.reason } : { id: e.id, pending: true, status: verdict.status });
    rows.push({ e, status: verdict.status, reason: verdict.reason });
    if (verdict.status !== 'rejected') taken.set(clientKey, e.id);
    if (verdict.advances) {
      heads.set(k, Math.max(head, e.baseVersion) + 1);
      if (isDecision(e.action)) (await decisionsOf(e)).push({ action: e.action, actor: e.actor, baseVersion: e.baseVersion });
    }
  }

  const seqs = new Map<string, number>();
  if (rows.length) {
    const inserted = await c.query<{ id: string; seq: string }>(
      `INSERT INTO events (id, client_id, client_seq, platform, external_id, action, base_version, status, reason, body, user_id, received_at)
       SELECT id, client_id, client_seq, platform, external_id, action, base_version, status, reason, body, $11, $12
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[])
         WITH ORDINALITY AS r (id, client_id, client_seq, platform, external_id, action, base_version, status, reason, body, n)
       ORDER BY n
       RETURNING id, seq`,
      [
        rows.map((r) => r.e.id), rows.map((r) => r.e.clientId), rows.map((r) => r.e.clientSeq), rows.map((r) => r.e.platform),
        rows.map((r) => r.e.externalId), rows.map((r) => r.e.action), rows.map((r) => r.e.baseVersion), rows.map((r) => r.status),
        rows.map((r) => r.reason), rows.map((r) => JSON.stringify(r.e)), by.id, now,
      ],
    );
    for (const r of inserted.rows) seqs.set(r.id, Number(r.seq));
    // Every item this batch stored an event for, with its head as it now stands.
    const items = new Map(rows.map((r) => [itemKey(r.e.platform, r.e.externalId), r.e]));
    const moved = [...items].filter(([k]) => heads.has(k));
    await c.query(
      `INSERT INTO item_heads (platform, external_id, version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
       ON CONFLICT (platform, external_id) DO UPDATE SET version = excluded.version`,
      [moved.map(([, e]) => e.platform), moved.map(([, e]) => e.externalId), moved.map(([k]) => heads.get(k)!)],
    );
  }
  if (leaseMoved.size) {
    const eventOf = new Map(events.map((e) => [itemKey(e.platform, e.externalId), e]));
    const moved = [...leaseMoved].map((k) => ({ e: eventOf.get(k)!, l: leases.get(k) ?? null }));
    const kept = moved.filter((m) => m.l);
    const ended = moved.filter((m) => !m.l);
    if (kept.length) {
      await c.query(
        `INSERT INTO leases (platform, external_id, holder, granted_at, until)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])
         ON CONFLICT (platform, external_id) DO UPDATE SET holder = excluded.holder, granted_at = excluded.granted_at, until = excluded.until`,
        [kept.map((m) => m.e.platform), kept.map((m) => m.e.externalId), kept.map((m) => m.l!.holder), kept.map((m) => m.l!.grantedAt), kept.map((m) => m.l!.until)],
      );
    }
    if (ended.length) {
      await c.query(
        `DELETE FROM leases l USING unnest($1::text[], $2::text[]) AS k (platform, external_id)
         WHERE l.platform = k.platform AND l.external_id = k.external_id`,
        [ended.map((m) => m.e.platform), ended.map((m) => m.e.externalId)],
      );
    }
  }
  return outcomes.map((o) => {
    if (!('pending' in o)) return o;
    const seq = seqs.get(o.id)!;
    return o.reason ? { id: o.id, status: o.status, seq, reason: o.reason } : { id: o.id, status: o.status, seq };
  });
}

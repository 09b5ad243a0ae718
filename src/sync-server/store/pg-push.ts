// A push on the PostgreSQL store, inside the caller's transaction (which holds the push lock):
// what the batch needs (push-reads.ts) is read in a handful of queries whatever its size,
// planned as on SQLite (push-plan.ts), and written in a handful more.
import type pg from 'pg';
import type { PushOutcome, SyncEvent } from '../../shared/sync';
import { loggedOf, outcomesOf, planPush } from './push-plan';
import { CASE_STEP_ACTIONS, DECIDED_ACTIONS, needsOf, type EventRow, type Item, type PushNeeds, type PushReads } from './push-reads';
import { pgPlace } from './pg-log';
import type { User } from './types';

const platforms = (xs: readonly Item[]) => xs.map((x) => x.platform);
const externalIds = (xs: readonly Item[]) => xs.map((x) => x.externalId);

async function read(c: pg.PoolClient, need: PushNeeds): Promise<PushReads> {
  const known = await c.query<{
    seq: string;
    id: string;
    status: EventRow['status'];
    reason: string | null;
    platform: string;
    external_id: string;
    action: string;
    user_id: string;
    by_name: string;
    body: string;
    undone_by: string | null;
  }>(
    `SELECT e.seq, e.id, e.status, e.reason, e.platform, e.external_id, e.action, e.user_id, e.by_name, e.body,
       (SELECT u.id FROM events u WHERE u.undo_of = e.id AND u.status = 'accepted' LIMIT 1) AS undone_by
     FROM events e WHERE e.id = ANY($1)`,
    [need.ids],
  );
  const clients = await c.query<{ client_id: string; user_id: string }>(
    'SELECT client_id, user_id FROM clients WHERE client_id = ANY($1)',
    [need.clientIds],
  );
  const taken = await c.query<{ client_id: string; client_seq: string; id: string }>(
    `SELECT e.client_id, e.client_seq, e.id FROM events e JOIN unnest($1::text[], $2::bigint[]) AS k (client_id, client_seq)
       ON e.client_id = k.client_id AND e.client_seq = k.client_seq WHERE e.status != 'rejected'`,
    [need.clientSeqs.map((x) => x.clientId), need.clientSeqs.map((x) => x.clientSeq)],
  );
  const heads = await c.query<{ platform: string; external_id: string; version: string }>(
    `SELECT h.platform, h.external_id, h.version FROM item_heads h JOIN unnest($1::text[], $2::text[]) AS k (platform, external_id)
       ON h.platform = k.platform AND h.external_id = k.external_id`,
    [platforms(need.items), externalIds(need.items)],
  );
  const leases = await c.query<{ platform: string; external_id: string; holder: string; granted_at: string; until: string }>(
    `SELECT l.platform, l.external_id, l.holder, l.granted_at, l.until FROM leases l JOIN unnest($1::text[], $2::text[]) AS k (platform, external_id)
       ON l.platform = k.platform AND l.external_id = k.external_id`,
    [platforms(need.items), externalIds(need.items)],
  );
  const r: PushReads = {
    events: known.rows.map((x) => ({
      id: x.id,
      seq: Number(x.seq),
      status: x.status,
      reason: x.reason,
      platform: x.platform,
      externalId: x.external_id,
      action: x.action,
      userId: Number(x.user_id),
      by: x.by_name,
      body: x.body,
      undoneBy: x.undone_by,
    })),
    clients: clients.rows.map((x) => ({ clientId: x.client_id, userId: Number(x.user_id) })),
    taken: taken.rows.map((x) => ({ clientId: x.client_id, clientSeq: Number(x.client_seq), id: x.id })),
    heads: heads.rows.map((x) => ({ platform: x.platform, externalId: x.external_id, version: Number(x.version) })),
    leases: leases.rows.map((x) => ({
      platform: x.platform,
      externalId: x.external_id,
      holder: x.holder,
      grantedAt: Number(x.granted_at),
      until: Number(x.until),
    })),
    decided: [],
    docs: [],
    caseSteps: [],
    users: [],
  };
  if (need.decided.length) {
    const decided = await c.query<{ platform: string; external_id: string; action: string; by_name: string; base_version: string }>(
      `SELECT e.platform, e.external_id, e.action, e.by_name, e.base_version FROM events e
         JOIN unnest($1::text[], $2::text[], $3::bigint[]) AS k (platform, external_id, from_version)
         ON e.platform = k.platform AND e.external_id = k.external_id AND e.base_version >= k.from_version
       WHERE e.status = 'accepted' AND e.action = ANY($4) ORDER BY e.seq`,
      [platforms(need.decided), externalIds(need.decided), need.decided.map((d) => d.from), DECIDED_ACTIONS],
    );
    r.decided = decided.rows.map((x) => ({
      platform: x.platform,
      externalId: x.external_id,
      action: x.action,
      by: x.by_name,
      baseVersion: Number(x.base_version),
    }));
  }
  if (need.docs.length) {
    const docs = await c.query<{ platform: string; external_id: string; id: string; by_name: string; received_at: string }>(
      `SELECT DISTINCT ON (e.platform, e.external_id) e.platform, e.external_id, e.id, e.by_name, e.received_at FROM events e
         JOIN unnest($1::text[], $2::text[]) AS k (platform, external_id) ON e.platform = k.platform AND e.external_id = k.external_id
       WHERE e.status = 'accepted' ORDER BY e.platform, e.external_id, e.seq DESC`,
      [platforms(need.docs), externalIds(need.docs)],
    );
    r.docs = docs.rows.map((x) => ({
      platform: x.platform,
      externalId: x.external_id,
      id: x.id,
      by: x.by_name,
      receivedAt: Number(x.received_at),
    }));
  }
  if (need.cases.length) {
    const steps = await c.query<{
      platform: string;
      external_id: string;
      id: string;
      action: string;
      by_name: string;
      body: string;
      undone_by: string | null;
    }>(
      `SELECT e.platform, e.external_id, e.id, e.action, e.by_name, e.body,
         (SELECT u.id FROM events u WHERE u.undo_of = e.id AND u.status = 'accepted' LIMIT 1) AS undone_by
       FROM events e JOIN unnest($1::text[], $2::text[]) AS k (platform, external_id) ON e.platform = k.platform AND e.external_id = k.external_id
       WHERE e.status = 'accepted' AND e.action = ANY($3)
       ORDER BY e.seq`,
      [platforms(need.cases), externalIds(need.cases), CASE_STEP_ACTIONS],
    );
    r.caseSteps = steps.rows.map((x) => ({
      platform: x.platform,
      externalId: x.external_id,
      id: x.id,
      action: x.action,
      by: x.by_name,
      body: x.body,
      undoneBy: x.undone_by,
    }));
  }
  if (need.users.length)
    r.users = (
      await c.query<{ name: string; role: string; disabled: boolean }>('SELECT name, role, disabled FROM users WHERE name = ANY($1)', [
        need.users,
      ])
    ).rows;
  return r;
}

export async function pgPush(c: pg.PoolClient, events: readonly SyncEvent[], by: User, now: number): Promise<PushOutcome[]> {
  const plan = planPush(events, by, now, await read(c, needsOf(events)));
  if (plan.bindings.length) {
    await c.query('INSERT INTO clients (client_id, user_id, first_seen) SELECT unnest($1::text[]), $2, $3', [plan.bindings, by.id, now]);
  }
  const seqs: number[] = [];
  if (plan.rows.length) {
    const rows = plan.rows;
    // Every stored event, refused ones too, is the next entry of the verifiable log: numbered
    // first (the push lock makes this transaction the only one taking numbers), so each row goes
    // in once, with its place and its entry's hash.
    const numbers = await c.query<{ seq: string }>("SELECT nextval('events_seq_seq') AS seq FROM generate_series(1, $1)", [rows.length]);
    for (const r of numbers.rows) seqs.push(Number(r.seq));
    seqs.sort((a, b) => a - b);
    const placed = await pgPlace(c, loggedOf(plan, seqs, by, now));
    await c.query(
      `INSERT INTO events (seq, id, client_id, client_seq, platform, external_id, action, base_version, status, reason, body, undo_of, user_id, received_at, by_name, role, leaf, leaf_hash)
       SELECT r.seq, r.id, r.client_id, r.client_seq, r.platform, r.external_id, r.action, r.base_version, r.status, r.reason, r.body, r.undo_of,
         $15, $16, $17, $18, r.leaf, r.leaf_hash
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::text[],
         $11::text[], $12::text[], $13::bigint[], $14::bytea[]) AS r (seq, id, client_id, client_seq, platform, external_id, action, base_version, status, reason, body, undo_of, leaf, leaf_hash)`,
      [
        seqs,
        rows.map((r) => r.e.id),
        rows.map((r) => r.e.clientId),
        rows.map((r) => r.e.clientSeq),
        rows.map((r) => r.e.platform),
        rows.map((r) => r.e.externalId),
        rows.map((r) => r.e.action),
        rows.map((r) => r.e.baseVersion),
        rows.map((r) => r.status),
        rows.map((r) => r.reason),
        placed.map((p) => p.text),
        rows.map((r) => r.undoOf),
        placed.map((p) => p.leaf),
        placed.map((p) => p.hash),
        by.id,
        now,
        by.name,
        by.role,
      ],
    );
  }
  const heads = [...plan.heads.values()];
  if (heads.length) {
    await c.query(
      `INSERT INTO item_heads (platform, external_id, version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
       ON CONFLICT (platform, external_id) DO UPDATE SET version = excluded.version`,
      [heads.map((h) => h.platform), heads.map((h) => h.externalId), heads.map((h) => h.version)],
    );
  }
  const moved = [...plan.leases.values()];
  const kept = moved.filter((m) => m.lease);
  const ended = moved.filter((m) => !m.lease);
  if (kept.length) {
    await c.query(
      `INSERT INTO leases (platform, external_id, holder, granted_at, until)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])
       ON CONFLICT (platform, external_id) DO UPDATE SET holder = excluded.holder, granted_at = excluded.granted_at, until = excluded.until`,
      [
        kept.map((m) => m.platform),
        kept.map((m) => m.externalId),
        kept.map((m) => m.lease!.holder),
        kept.map((m) => m.lease!.grantedAt),
        kept.map((m) => m.lease!.until),
      ],
    );
  }
  if (ended.length) {
    await c.query(
      `DELETE FROM leases l USING unnest($1::text[], $2::text[]) AS k (platform, external_id)
       WHERE l.platform = k.platform AND l.external_id = k.external_id`,
      [platforms(ended), externalIds(ended)],
    );
  }
  return outcomesOf(plan, seqs);
}

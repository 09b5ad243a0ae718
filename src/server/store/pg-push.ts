// A push on the PostgreSQL store, inside the caller's transaction (which holds the push lock):
// what the batch needs is read in a handful of queries whatever its size, planned by the
// same rules as on SQLite (push-plan.ts), and written in a handful more.
import type pg from 'pg';
import { DECISION_ACTIONS } from '../../shared/model';
import { CONFIG_PLATFORM } from '../../shared/config-sync';
import { resolvedBy, type PushOutcome, type SyncEvent } from '../../shared/sync';
import { itemKey, needsOf, outcomesOf, planPush, seqKey, type CaseStep, type KnownEvent, type PushFacts } from './push-plan';
import { pgPlace } from './pg-log';
import type { User } from './types';

type Pairs = { platform: string; externalId: string }[];
const platforms = (xs: Pairs) => xs.map((x) => x.platform);
const externalIds = (xs: Pairs) => xs.map((x) => x.externalId);

async function facts(c: pg.PoolClient, events: readonly SyncEvent[]): Promise<PushFacts> {
  const need = needsOf(events);
  const f: PushFacts = {
    events: new Map(), clients: new Map(), taken: new Map(), heads: new Map(), leases: new Map(), decided: new Map(), docs: new Map(), cases: new Map(),
    users: new Map(),
  };
  const known = await c.query<{
    seq: string; id: string; status: KnownEvent['status']; reason: string | null; platform: string; external_id: string; action: string; user_id: string;
    by_name: string; body: string; undone_by: string | null;
  }>(
    `SELECT e.seq, e.id, e.status, e.reason, e.platform, e.external_id, e.action, e.user_id, e.by_name, e.body,
       (SELECT u.id FROM events u WHERE u.undo_of = e.id AND u.status = 'accepted' LIMIT 1) AS undone_by
     FROM events e WHERE e.id = ANY($1)`,
    [need.ids],
  );
  for (const r of known.rows) {
    f.events.set(r.id, {
      id: r.id, seq: Number(r.seq), status: r.status, reason: r.reason, platform: r.platform, externalId: r.external_id, action: r.action,
      userId: Number(r.user_id), by: r.by_name, undoneBy: r.undone_by, resolution: !!resolvedBy(JSON.parse(r.body) as SyncEvent),
    });
  }
  for (const r of (await c.query<{ client_id: string; user_id: string }>('SELECT client_id, user_id FROM clients WHERE client_id = ANY($1)', [need.clientIds])).rows) {
    f.clients.set(r.client_id, Number(r.user_id));
  }
  const taken = await c.query<{ client_id: string; client_seq: string; id: string }>(
    `SELECT e.client_id, e.client_seq, e.id FROM events e JOIN unnest($1::text[], $2::bigint[]) AS k (client_id, client_seq)
       ON e.client_id = k.client_id AND e.client_seq = k.client_seq WHERE e.status != 'rejected'`,
    [need.clientSeqs.map((x) => x.clientId), need.clientSeqs.map((x) => x.clientSeq)],
  );
  for (const r of taken.rows) f.taken.set(seqKey(r.client_id, Number(r.client_seq)), r.id);
  const heads = await c.query<{ platform: string; external_id: string; version: string }>(
    `SELECT h.platform, h.external_id, h.version FROM item_heads h JOIN unnest($1::text[], $2::text[]) AS k (platform, external_id)
       ON h.platform = k.platform AND h.external_id = k.external_id`,
    [platforms(need.items), externalIds(need.items)],
  );
  for (const r of heads.rows) f.heads.set(itemKey(r.platform, r.external_id), Number(r.version));
  const leases = await c.query<{ platform: string; external_id: string; holder: string; granted_at: string; until: string }>(
    `SELECT l.platform, l.external_id, l.holder, l.granted_at, l.until FROM leases l JOIN unnest($1::text[], $2::text[]) AS k (platform, external_id)
       ON l.platform = k.platform AND l.external_id = k.external_id`,
    [platforms(need.items), externalIds(need.items)],
  );
  for (const r of leases.rows) f.leases.set(itemKey(r.platform, r.external_id), { holder: r.holder, grantedAt: Number(r.granted_at), until: Number(r.until) });
  if (need.decided.length) {
    const decided = await c.query<{ platform: string; external_id: string; action: string; by_name: string; base_version: string }>(
      `SELECT e.platform, e.external_id, e.action, e.by_name, e.base_version FROM events e
         JOIN unnest($1::text[], $2::text[], $3::bigint[]) AS k (platform, external_id, from_version)
         ON e.platform = k.platform AND e.external_id = k.external_id AND e.base_version >= k.from_version
       WHERE e.status = 'accepted' AND e.action = ANY($4) ORDER BY e.seq`,
      [platforms(need.decided), externalIds(need.decided), need.decided.map((d) => d.from), DECISION_ACTIONS],
    );
    for (const d of need.decided) f.decided.set(itemKey(d.platform, d.externalId), []);
    for (const r of decided.rows) f.decided.get(itemKey(r.platform, r.external_id))!.push({ action: r.action, by: r.by_name, baseVersion: Number(r.base_version) });
  }
  if (need.docs.length) {
    const docs = await c.query<{ external_id: string; id: string; by_name: string; received_at: string }>(
      `SELECT DISTINCT ON (external_id) external_id, id, by_name, received_at FROM events
       WHERE platform = $1 AND external_id = ANY($2) AND status = 'accepted' ORDER BY external_id, seq DESC`,
      [CONFIG_PLATFORM, need.docs],
    );
    for (const r of docs.rows) f.docs.set(r.external_id, { id: r.id, by: r.by_name, receivedAt: Number(r.received_at) });
  }
  if (need.cases.length) {
    const steps = await c.query<{ platform: string; external_id: string; id: string; action: string; by_name: string; body: string }>(
      `SELECT e.platform, e.external_id, e.id, e.action, e.by_name, e.body FROM events e
         JOIN unnest($1::text[], $2::text[]) AS k (platform, external_id) ON e.platform = k.platform AND e.external_id = k.external_id
       WHERE e.status = 'accepted' AND e.action IN ('case-take', 'case-handover')
         AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undo_of = e.id AND u.status = 'accepted')
       ORDER BY e.seq`,
      [platforms(need.cases), externalIds(need.cases)],
    );
    for (const x of need.cases) f.cases.set(itemKey(x.platform, x.externalId), []);
    for (const r of steps.rows) {
      const to = (JSON.parse(r.body) as SyncEvent).payload?.to;
      const step: CaseStep = { id: r.id, action: r.action, by: r.by_name, to: typeof to === 'string' ? to : null };
      f.cases.get(itemKey(r.platform, r.external_id))!.push(step);
    }
  }
  if (need.users.length) {
    const users = await c.query<{ name: string; role: string; disabled: boolean }>('SELECT name, role, disabled FROM users WHERE name = ANY($1)', [need.users]);
    for (const name of need.users) f.users.set(name, 'unknown');
    for (const u of users.rows) f.users.set(u.name, u.role === 'connector' || u.disabled ? 'not-a-person' : 'person');
  }
  return f;
}

export async function pgPush(c: pg.PoolClient, events: readonly SyncEvent[], by: User, now: number): Promise<PushOutcome[]> {
  const plan = planPush(events, by, now, await facts(c, events));
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
    const placed = await pgPlace(c, rows.map((r, i) => ({ seq: seqs[i]!, status: r.status, verdict: r.reason, by: by.name, role: by.role, receivedAt: now, event: r.e })));
    await c.query(
      `INSERT INTO events (seq, id, client_id, client_seq, platform, external_id, action, base_version, status, reason, body, undo_of, user_id, received_at, by_name, role, leaf, leaf_hash)
       SELECT r.seq, r.id, r.client_id, r.client_seq, r.platform, r.external_id, r.action, r.base_version, r.status, r.reason, r.body, r.undo_of,
         $15, $16, $17, $18, r.leaf, r.leaf_hash
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::text[],
         $11::text[], $12::text[], $13::bigint[], $14::bytea[]) AS r (seq, id, client_id, client_seq, platform, external_id, action, base_version, status, reason, body, undo_of, leaf, leaf_hash)`,
      [
        seqs, rows.map((r) => r.e.id), rows.map((r) => r.e.clientId), rows.map((r) => r.e.clientSeq), rows.map((r) => r.e.platform),
        rows.map((r) => r.e.externalId), rows.map((r) => r.e.action), rows.map((r) => r.e.baseVersion), rows.map((r) => r.status),
        rows.map((r) => r.reason), placed.map((p) => p.text), rows.map((r) => (r.e.action === 'undo' ? (r.e.undoOf ?? null) : null)),
        placed.map((p) => p.leaf), placed.map((p) => p.hash), by.id, now, by.name, by.role,
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
      [kept.map((m) => m.platform), kept.map((m) => m.externalId), kept.map((m) => m.lease!.holder), kept.map((m) => m.lease!.grantedAt), kept.map((m) => m.lease!.until)],
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

// A push on the SQLite store: read what the batch needs (push-reads.ts), plan it
// (push-plan.ts), write the plan; one transaction. Reads are single-row probes on indexes,
// which SQLite answers in microseconds, so they run one by one rather than batched.
import type { Database } from 'better-sqlite3';
import type { PushOutcome, SyncEvent } from '../../shared/sync';
import { loggedOf, outcomesOf, planPush } from './push-plan';
import { CASE_STEP_ACTIONS, DECIDED_ACTIONS, needsOf, type EventRow, type PushNeeds, type PushReads } from './push-reads';
import type { Lease } from './push-rules';
import type { SqliteLog } from './sqlite-log';
import type { User } from './types';

const placeholders = (xs: readonly unknown[]) => xs.map(() => '?').join(', ');

export function sqlitePush(db: Database, log: SqliteLog): (events: readonly SyncEvent[], by: User, now: number) => PushOutcome[] {
  const q = {
    known: db.prepare<[string], EventRow>(
      `SELECT e.seq, e.id, e.status, e.reason, e.platform, e.external_id AS externalId, e.action, e.user_id AS userId, e.by_name AS by, e.body,
         (SELECT u.id FROM events u WHERE u.undo_of = e.id AND u.status = 'accepted' LIMIT 1) AS undoneBy
       FROM events e WHERE e.id = ?`,
    ),
    client: db.prepare<[string], { user_id: number }>('SELECT user_id FROM clients WHERE client_id = ?'),
    taken: db.prepare<[string, number], { id: string }>(
      "SELECT id FROM events WHERE client_id = ? AND client_seq = ? AND status != 'rejected'",
    ),
    head: db.prepare<[string, string], { version: number }>('SELECT version FROM item_heads WHERE platform = ? AND external_id = ?'),
    lease: db.prepare<[string, string], Lease>(
      'SELECT holder, granted_at AS grantedAt, until FROM leases WHERE platform = ? AND external_id = ?',
    ),
    decided: db.prepare<unknown[], PushReads['decided'][number]>(
      `SELECT platform, external_id AS externalId, action, by_name AS by, base_version AS baseVersion FROM events
       WHERE platform = ? AND external_id = ? AND base_version >= ? AND status = 'accepted' AND action IN (${placeholders(DECIDED_ACTIONS)}) ORDER BY seq`,
    ),
    doc: db.prepare<[string, string], PushReads['docs'][number]>(
      `SELECT platform, external_id AS externalId, id, by_name AS by, received_at AS receivedAt FROM events
       WHERE platform = ? AND external_id = ? AND status = 'accepted' ORDER BY seq DESC LIMIT 1`,
    ),
    caseSteps: db.prepare<unknown[], PushReads['caseSteps'][number]>(
      `SELECT e.platform, e.external_id AS externalId, e.id, e.action, e.by_name AS by, e.body,
         (SELECT u.id FROM events u WHERE u.undo_of = e.id AND u.status = 'accepted' LIMIT 1) AS undoneBy
       FROM events e
       WHERE e.platform = ? AND e.external_id = ? AND e.status = 'accepted' AND e.action IN (${placeholders(CASE_STEP_ACTIONS)})
       ORDER BY e.seq`,
    ),
    user: db.prepare<[string], { name: string; role: string; disabled: number }>('SELECT name, role, disabled FROM users WHERE name = ?'),
    insert: db.prepare(
      `INSERT INTO events (seq, id, client_id, client_seq, platform, external_id, action, base_version, status, reason, body, user_id, received_at, by_name, role, undo_of, leaf, leaf_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // The server order's counter, shared with content and acknowledgements (sqlite-content.ts).
    counter: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'"),
    bind: db.prepare('INSERT INTO clients (client_id, user_id, first_seen) VALUES (?, ?, ?)'),
    setHead: db.prepare(
      `INSERT INTO item_heads (platform, external_id, version) VALUES (?, ?, ?)
       ON CONFLICT (platform, external_id) DO UPDATE SET version = excluded.version`,
    ),
    setLease: db.prepare(
      `INSERT INTO leases (platform, external_id, holder, granted_at, until) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (platform, external_id) DO UPDATE SET holder = excluded.holder, granted_at = excluded.granted_at, until = excluded.until`,
    ),
    dropLease: db.prepare('DELETE FROM leases WHERE platform = ? AND external_id = ?'),
  };

  function read(need: PushNeeds): PushReads {
    const r: PushReads = { events: [], clients: [], taken: [], heads: [], leases: [], decided: [], docs: [], caseSteps: [], users: [] };
    for (const id of need.ids) {
      const row = q.known.get(id);
      if (row) r.events.push(row);
    }
    for (const clientId of need.clientIds) {
      const row = q.client.get(clientId);
      if (row) r.clients.push({ clientId, userId: row.user_id });
    }
    for (const { clientId, clientSeq } of need.clientSeqs) {
      const row = q.taken.get(clientId, clientSeq);
      if (row) r.taken.push({ clientId, clientSeq, id: row.id });
    }
    for (const { platform, externalId } of need.items) {
      const h = q.head.get(platform, externalId);
      if (h) r.heads.push({ platform, externalId, version: h.version });
      const l = q.lease.get(platform, externalId);
      if (l) r.leases.push({ platform, externalId, ...l });
    }
    for (const d of need.decided)
      for (const row of q.decided.all(d.platform, d.externalId, d.from, ...DECIDED_ACTIONS)) r.decided.push(row);
    for (const d of need.docs) {
      const row = q.doc.get(d.platform, d.externalId);
      if (row) r.docs.push(row);
    }
    for (const c of need.cases) for (const row of q.caseSteps.all(c.platform, c.externalId, ...CASE_STEP_ACTIONS)) r.caseSteps.push(row);
    for (const name of need.users) {
      const u = q.user.get(name);
      if (u) r.users.push({ name: u.name, role: u.role, disabled: u.disabled === 1 });
    }
    return r;
  }

  return db.transaction((events: readonly SyncEvent[], by: User, now: number): PushOutcome[] => {
    const plan = planPush(events, by, now, read(needsOf(events)));
    for (const clientId of plan.bindings) q.bind.run(clientId, by.id, now);
    // Every stored event, refused ones too, is the next entry of the verifiable log: numbered
    // here (this transaction is the only writer), so each row goes in once, with its entry's hash.
    const first = (q.counter.get()?.seq ?? 0) + 1;
    const seqs = plan.rows.map((_, i) => first + i);
    const placed = log.place(loggedOf(plan, seqs, by, now));
    // The body is the entry itself: what pulls hand out is what was logged.
    plan.rows.forEach(({ e, status, reason, undoOf }, i) => {
      q.insert.run(
        seqs[i],
        e.id,
        e.clientId,
        e.clientSeq,
        e.platform,
        e.externalId,
        e.action,
        e.baseVersion,
        status,
        reason,
        placed[i]!.text,
        by.id,
        now,
        by.name,
        by.role,
        undoOf,
        placed[i]!.leaf,
        placed[i]!.hash,
      );
    });
    for (const h of plan.heads.values()) q.setHead.run(h.platform, h.externalId, h.version);
    for (const { platform, externalId, lease } of plan.leases.values()) {
      if (lease) q.setLease.run(platform, externalId, lease.holder, lease.grantedAt, lease.until);
      else q.dropLease.run(platform, externalId);
    }
    return outcomesOf(plan, seqs);
  });
}

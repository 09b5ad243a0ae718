// A push on the SQLite store: read what the batch needs (push-plan.ts needsOf), plan it, write
// the plan; one transaction. Reads are single-row probes on indexes, which SQLite answers in
// microseconds, so they run one by one rather than batched.
import type { Database } from 'better-sqlite3';
import { DECISION_ACTIONS } from '../../shared/model';
import { resolvedBy, type PushOutcome, type SyncEvent } from '../../shared/sync';
import { itemKey, needsOf, outcomesOf, planPush, seqKey, type CaseStep, type KnownEvent, type PushFacts } from './push-plan';
import type { Lease } from './push-rules';
import type { SqliteLog } from './sqlite-log';
import type { User } from './types';

interface KnownRow {
  seq: number;
  id: string;
  status: KnownEvent['status'];
  reason: string | null;
  platform: string;
  external_id: string;
  action: string;
  user_id: number;
  by_name: string;
  body: string;
  undone_by: string | null;
}

const DECISIONS_SQL = DECISION_ACTIONS.map((a) => `'${a}'`).join(', ');

export function sqlitePush(db: Database, log: SqliteLog): (events: readonly SyncEvent[], by: User, now: number) => PushOutcome[] {
  const q = {
    known: db.prepare<[string], KnownRow>(
      `SELECT e.seq, e.id, e.status, e.reason, e.platform, e.external_id, e.action, e.user_id, e.by_name, e.body,
         (SELECT u.id FROM events u WHERE u.undo_of = e.id AND u.status = 'accepted' LIMIT 1) AS undone_by
       FROM events e WHERE e.id = ?`,
    ),
    client: db.prepare<[string], { user_id: number }>('SELECT user_id FROM clients WHERE client_id = ?'),
    taken: db.prepare<[string, number], { id: string }>("SELECT id FROM events WHERE client_id = ? AND client_seq = ? AND status != 'rejected'"),
    head: db.prepare<[string, string], { version: number }>('SELECT version FROM item_heads WHERE platform = ? AND external_id = ?'),
    lease: db.prepare<[string, string], Lease>('SELECT holder, granted_at AS grantedAt, until FROM leases WHERE platform = ? AND external_id = ?'),
    decided: db.prepare<[string, string, number], { action: string; by: string; baseVersion: number }>(
      `SELECT action, by_name AS by, base_version AS baseVersion FROM events
       WHERE platform = ? AND external_id = ? AND base_version >= ? AND status = 'accepted' AND action IN (${DECISIONS_SQL}) ORDER BY seq`,
    ),
    doc: db.prepare<[string, string], { id: string; by: string; receivedAt: number }>(
      `SELECT id, by_name AS by, received_at AS receivedAt FROM events
       WHERE platform = ? AND external_id = ? AND status = 'accepted' ORDER BY seq DESC LIMIT 1`,
    ),
    cases: db.prepare<[string, string], { id: string; action: string; by: string; body: string }>(
      `SELECT e.id, e.action, e.by_name AS by, e.body FROM events e
       WHERE e.platform = ? AND e.external_id = ? AND e.status = 'accepted' AND e.action IN ('case-take', 'case-handover')
         AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undo_of = e.id AND u.status = 'accepted')
       ORDER BY e.seq`,
    ),
    user: db.prepare<[string], { role: string; disabled: number }>('SELECT role, disabled FROM users WHERE name = ?'),
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

  function facts(events: readonly SyncEvent[]): PushFacts {
    const need = needsOf(events);
    const f: PushFacts = {
      events: new Map(), clients: new Map(), taken: new Map(), heads: new Map(), leases: new Map(), decided: new Map(), docs: new Map(), cases: new Map(),
      users: new Map(),
    };
    for (const id of need.ids) {
      const r = q.known.get(id);
      if (r) {
        f.events.set(id, {
          id, seq: r.seq, status: r.status, reason: r.reason, platform: r.platform, externalId: r.external_id, action: r.action, userId: r.user_id,
          by: r.by_name, undoneBy: r.undone_by, resolution: !!resolvedBy(JSON.parse(r.body) as SyncEvent),
        });
      }
    }
    for (const c of need.clientIds) {
      const r = q.client.get(c);
      if (r) f.clients.set(c, r.user_id);
    }
    for (const { clientId, clientSeq } of need.clientSeqs) {
      const r = q.taken.get(clientId, clientSeq);
      if (r) f.taken.set(seqKey(clientId, clientSeq), r.id);
    }
    for (const { platform, externalId } of need.items) {
      const k = itemKey(platform, externalId);
      const h = q.head.get(platform, externalId);
      if (h) f.heads.set(k, h.version);
      const l = q.lease.get(platform, externalId);
      if (l) f.leases.set(k, l);
    }
    for (const d of need.decided) f.decided.set(itemKey(d.platform, d.externalId), q.decided.all(d.platform, d.externalId, d.from));
    for (const doc of need.docs) {
      const r = q.doc.get(events.find((e) => e.externalId === doc)!.platform, doc);
      if (r) f.docs.set(doc, r);
    }
    for (const { platform, externalId } of need.cases) {
      f.cases.set(
        itemKey(platform, externalId),
        q.cases.all(platform, externalId).map((r): CaseStep => {
          const to = (JSON.parse(r.body) as SyncEvent).payload?.to;
          return { id: r.id, action: r.action, by: r.by, to: typeof to === 'string' ? to : null };
        }),
      );
    }
    for (const name of need.users) {
      const u = q.user.get(name);
      f.users.set(name, !u ? 'unknown' : u.role === 'connector' || u.disabled ? 'not-a-person' : 'person');
    }
    return f;
  }

  return db.transaction((events: readonly SyncEvent[], by: User, now: number): PushOutcome[] => {
    const plan = planPush(events, by, now, facts(events));
    for (const clientId of plan.bindings) q.bind.run(clientId, by.id, now);
    // Every stored event, refused ones too, is the next entry of the verifiable log: numbered
    // here (this transaction is the only writer), so each row goes in once, with its entry's hash.
    const first = (q.counter.get()?.seq ?? 0) + 1;
    const stored = plan.rows.map(({ e, status, reason }, i) => ({ seq: first + i, status, verdict: reason, by: by.name, role: by.role, receivedAt: now, event: e }));
    const placed = log.place(stored);
    // The body is the entry itself: what pulls hand out is what was logged.
    stored.forEach(({ seq, status, verdict, event: e }, i) => {
      q.insert.run(
        seq, e.id, e.clientId, e.clientSeq, e.platform, e.externalId, e.action, e.baseVersion, status, verdict, placed[i]!.text, by.id, now, by.name, by.role,
        e.action === 'undo' ? (e.undoOf ?? null) : null, placed[i]!.leaf, placed[i]!.hash,
      );
    });
    const seqs = stored.map((s) => s.seq);
    for (const h of plan.heads.values()) q.setHead.run(h.platform, h.externalId, h.version);
    for (const { platform, externalId, lease } of plan.leases.values()) {
      if (lease) q.setLease.run(platform, externalId, lease.holder, lease.grantedAt, lease.until);
      else q.dropLease.run(platform, externalId);
    }
    return outcomesOf(plan, seqs);
  });
}

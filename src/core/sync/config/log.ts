// The configuration log on a workstation (migration 0020): changes made here wait in it for the
// push like decisions in the outbox; the server's answers and the changes of others are noted
// in it, in server order. What a document stands at here is config_docs: the revision last had
// from the server and the event it was, which the next change names as its base.
import type { Database } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { CONFIG_ACTION, CONFIG_PLATFORM, kindOf, readConfigEvent, type ConfigDocInfo } from '../../../shared/config-sync';
import type { PushOutcome, ServerEvent, SyncEvent } from '../../../shared/sync';
import { stmt } from '../../db/statements';
import type { Actor } from '../../decisions/log';
import { connection } from '../state';
import { writeDoc, type ConfigEffects } from './documents';

/** Configuration changes number their own sequence: the item log's numbering stays as it was. */
export function configClientId(clientId: string): string {
  return `${clientId}/config`;
}

interface OutRow {
  seq: number;
  id: string;
  doc: string;
  actor: string;
  created_at: number;
  base_revision: number;
  base_event: string | null;
  body: string;
  client_id: string;
  client_seq: number;
}

function pendingOn(db: Database, doc: string): { id: string; base_revision: number } | undefined {
  return stmt<[string], { id: string; base_revision: number }>(
    db,
    'SELECT id, base_revision FROM config_events WHERE status IS NULL AND doc = ? ORDER BY seq DESC LIMIT 1',
  ).get(doc);
}

/** What a change made now builds on: this workstation's own change still waiting, or what it last had from the server. */
function baseOf(db: Database, doc: string): { revision: number; event: string | null } {
  const waiting = pendingOn(db, doc);
  if (waiting) return { revision: waiting.base_revision + 1, event: waiting.id };
  const d = stmt<[string], { revision: number; base_event: string | null }>(
    db,
    'SELECT revision, base_event FROM config_docs WHERE doc = ?',
  ).get(doc);
  return d ? { revision: d.revision, event: d.base_event } : { revision: 0, event: null };
}

/**
 * A document saved here goes out with the next push; inside the caller's transaction, with the
 * save itself. A workstation not connected to a server keeps its configuration to itself, as
 * before sync: nothing is queued (the id of the queued change, or null).
 */
export function shareChange(db: Database, who: Actor, change: { doc: string; body: unknown }): string | null {
  if (!connection(db)) return null;
  const base = baseOf(db, change.doc);
  const clientId = configClientId(who.clientId);
  const n =
    stmt<[string], { n: number | null }>(db, 'SELECT max(client_seq) AS n FROM config_events WHERE client_id = ?').get(clientId)?.n ?? 0;
  const id = uuidv7();
  stmt(
    db,
    `INSERT INTO config_events (id, doc, actor, created_at, base_revision, base_event, body, client_id, client_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, change.doc, who.actor, who.now(), base.revision, base.event, JSON.stringify(change.body), clientId, n + 1);
  return id;
}

export function configOutboxSize(db: Database): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM config_events WHERE status IS NULL').get()!.n;
}

/** The oldest waiting changes, as protocol events. */
export function configOutbox(db: Database, limit: number): SyncEvent[] {
  return stmt<[number], OutRow>(
    db,
    `SELECT seq, id, doc, actor, created_at, base_revision, base_event, body, client_id, client_seq FROM config_events
     WHERE status IS NULL ORDER BY seq LIMIT ?`,
  )
    .all(limit)
    .map((r) => ({
      id: r.id,
      clientId: r.client_id,
      clientSeq: r.client_seq,
      platform: CONFIG_PLATFORM,
      externalId: r.doc,
      action: CONFIG_ACTION,
      baseVersion: r.base_revision,
      actor: r.actor,
      createdAt: r.created_at,
      payload: { base: r.base_event, doc: JSON.parse(r.body) as unknown },
    }));
}

/** The document moves on to an accepted change (once: a change seen again, by push and then pull, counts once). */
function advance(db: Database, doc: string, eventId: string, serverSeq: number, by: string, at: number): void {
  const d = stmt<[string], { revision: number; server_seq: number }>(db, 'SELECT revision, server_seq FROM config_docs WHERE doc = ?').get(
    doc,
  );
  if (d && d.server_seq >= serverSeq) return;
  stmt(
    db,
    `INSERT INTO config_docs (doc, revision, base_event, server_seq, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (doc) DO UPDATE SET revision = excluded.revision, base_event = excluded.base_event, server_seq = excluded.server_seq,
       changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
  ).run(doc, (d?.revision ?? 0) + 1, eventId, serverSeq, by, at);
}

/** Writes a document in a savepoint: one that cannot stand here is skipped and said, never stops the sync. */
function writeSafely(db: Database, doc: string, body: unknown, by: string, at: number, effects: ConfigEffects): void {
  const kind = kindOf(doc);
  if (!kind) return;
  try {
    db.transaction(() => writeDoc(db, kind, doc, body, by, at, effects))();
  } catch (e) {
    console.error(`vigil: the server's ${doc} (by ${by}) could not be applied here and is skipped: ${(e as Error).message}`);
  }
}

/** A change made here was refused: the document goes back to what the server has, unless another change made here still waits on it. */
function restore(db: Database, doc: string, effects: ConfigEffects): void {
  if (pendingOn(db, doc)) return;
  const last = stmt<[string], { body: string; actor: string; created_at: number }>(
    db,
    "SELECT body, actor, created_at FROM config_events WHERE doc = ? AND status = 'accepted' ORDER BY server_seq DESC LIMIT 1",
  ).get(doc);
  if (last) writeSafely(db, doc, JSON.parse(last.body), last.actor, last.created_at, effects);
}

/** What the server said of a change made here; inside the caller's transaction. */
function settle(
  db: Database,
  id: string,
  status: 'accepted' | 'rejected',
  serverSeq: number,
  reason: string | null,
  now: number,
  effects: ConfigEffects,
): void {
  const row = stmt<[string], { doc: string; actor: string; created_at: number; status: string | null }>(
    db,
    'SELECT doc, actor, created_at, status FROM config_events WHERE id = ?',
  ).get(id);
  if (!row || row.status === status) return;
  stmt(db, 'UPDATE config_events SET status = ?, reason = ?, server_seq = ?, synced_at = ? WHERE id = ?').run(
    status,
    reason,
    serverSeq,
    now,
    id,
  );
  if (status === 'accepted') advance(db, row.doc, id, serverSeq, row.actor, row.created_at);
  else restore(db, row.doc, effects);
}

/** Push outcomes for changes made here, in one transaction. */
export function recordConfigOutcomes(
  db: Database,
  sent: readonly SyncEvent[],
  results: readonly PushOutcome[],
  now: number,
  effects: ConfigEffects,
): void {
  const byId = new Map(results.map((r) => [r.id, r]));
  db.transaction(() => {
    for (const e of sent) {
      const r = byId.get(e.id);
      if (!r) continue; // not answered: waits for the next push
      settle(
        db,
        e.id,
        r.status === 'accepted' || r.status === 'duplicate' ? 'accepted' : 'rejected',
        r.seq,
        r.reason ?? null,
        now,
        effects,
      );
    }
  })();
}

/**
 * One configuration event from a pull, in server order; inside the page's transaction. A change
 * made here comes back with its verdict; another's accepted change is noted and written, unless
 * a change made here waits on the same document (that one will be refused as stale, and the
 * document then restored to the server's newest).
 */
export function takeConfigEvent(db: Database, e: ServerEvent, now: number, effects: ConfigEffects): void {
  if (stmt<[string], { id: string }>(db, 'SELECT id FROM config_events WHERE id = ?').get(e.id)) {
    settle(db, e.id, e.status === 'accepted' ? 'accepted' : 'rejected', e.seq, e.verdict, now, effects);
    return;
  }
  if (e.status !== 'accepted') return;
  // The server is a peer: what it sends is checked as the server checked it.
  const r = readConfigEvent(e);
  if (!r.ok) {
    console.error(`vigil: server event ${e.id} is not a configuration change this workstation can read (${r.problem}); skipped.`);
    return;
  }
  const by = e.by || e.actor;
  stmt(
    db,
    `INSERT INTO config_events (id, doc, actor, created_at, base_revision, base_event, body, client_id, client_seq, server_seq, status, synced_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?) ON CONFLICT DO NOTHING`,
  ).run(e.id, e.externalId, by, e.createdAt, e.baseVersion, r.base, JSON.stringify(r.body), e.clientId, e.clientSeq, e.seq, now);
  advance(db, e.externalId, e.id, e.seq, by, e.createdAt);
  if (!pendingOn(db, e.externalId)) writeSafely(db, e.externalId, r.body, by, e.createdAt, effects);
}

/** Changes made here that the server refused, newest first, for the refused list. */
export function refusedConfig(db: Database, limit: number): { id: string; doc: string; reason: string | null; synced_at: number }[] {
  return stmt<[number], { id: string; doc: string; reason: string | null; synced_at: number }>(
    db,
    "SELECT id, doc, reason, synced_at FROM config_events WHERE status = 'rejected' ORDER BY synced_at DESC LIMIT ?",
  ).all(limit);
}

/** Revision and last change of the documents named (exactly, or by `kind:` prefix), with changes of this workstation still waiting. */
export function configDocInfo(db: Database, docs: readonly string[]): ConfigDocInfo[] {
  const out: ConfigDocInfo[] = [];
  const prefixes = docs.filter((d) => d.endsWith(':'));
  const exact = new Set(docs.filter((d) => !d.endsWith(':')));
  const wanted = (doc: string) => exact.has(doc) || prefixes.some((p) => doc.startsWith(p));
  const byDoc = new Map<string, ConfigDocInfo>();
  for (const d of stmt<[], { doc: string; revision: number; changed_by: string; changed_at: number }>(
    db,
    'SELECT doc, revision, changed_by, changed_at FROM config_docs',
  ).all()) {
    if (wanted(d.doc)) byDoc.set(d.doc, { doc: d.doc, revision: d.revision, changedBy: d.changed_by, changedAt: d.changed_at, pending: 0 });
  }
  for (const p of stmt<[], { doc: string; actor: string; created_at: number }>(
    db,
    'SELECT doc, actor, created_at FROM config_events WHERE status IS NULL ORDER BY seq',
  ).all()) {
    if (!wanted(p.doc)) continue;
    const info = byDoc.get(p.doc) ?? { doc: p.doc, revision: 0, changedBy: p.actor, changedAt: p.created_at, pending: 0 };
    byDoc.set(p.doc, { ...info, changedBy: p.actor, changedAt: p.created_at, pending: info.pending + 1 });
  }
  for (const info of byDoc.values()) out.push(info);
  return out.sort((a, b) => a.doc.localeCompare(b.doc));
}

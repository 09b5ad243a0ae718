// After a fault run: what the workstations made against what the server holds, read straight
// from the databases. Lost: an event a workstation made (in its log, or reported as made by the
// call that made it) that the server does not hold. Doubled: a second server row for one event
// id or for one workstation sequence number, or a second local row for one id. Converged: every
// replica holds the server's events with the server's verdicts, and the same state per item.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DB_FILE } from '../../../src/core/index';

export interface Audit {
  /** Events in the workstations' own logs. */
  made: number;
  /** Event ids the workstations reported as made once the call that made them returned. */
  reported: number;
  serverRows: number;
  lost: number;
  duplicated: number;
  /** Server rows no workstation made. */
  phantom: number;
  /** Events the server holds with other content than their workstation made. */
  altered: number;
  /** Events still waiting in outboxes. */
  outbox: number;
  /** Replicas that differ from the server or from each other. */
  unconverged: number;
  /** The first few problems, in words. */
  problems: string[];
}

interface EventRow {
  id: string;
  client_id: string;
  client_seq: number;
  action: string;
  base_version: number;
  status: string | null;
}

const SERVER_DB = 'vigil-server.db';

function extraRows<T>(rows: readonly T[], key: (r: T) => string): number {
  const n = new Map<string, number>();
  for (const r of rows) n.set(key(r), (n.get(key(r)) ?? 0) + 1);
  let extra = 0;
  for (const c of n.values()) extra += c - 1;
  return extra;
}

export function audit(serverDataDir: string, stations: readonly { dataDir: string; reported: ReadonlySet<string> }[]): Audit {
  const a: Audit = {
    made: 0,
    reported: 0,
    serverRows: 0,
    lost: 0,
    duplicated: 0,
    phantom: 0,
    altered: 0,
    outbox: 0,
    unconverged: 0,
    problems: [],
  };
  const problem = (p: string) => void (a.problems.length < 20 && a.problems.push(p));

  const sdb = new Database(join(serverDataDir, SERVER_DB), { readonly: true });
  const server = sdb.prepare('SELECT id, client_id, client_seq, action, base_version, status FROM events ORDER BY seq').all() as EventRow[];
  sdb.close();
  a.serverRows = server.length;
  const byId = new Map(server.map((e) => [e.id, e]));
  const serverDup = extraRows(server, (e) => e.id) + extraRows(server, (e) => `${e.client_id}#${e.client_seq}`);
  if (serverDup) problem(`the server holds ${serverDup} extra rows for one event id or one workstation sequence number`);
  a.duplicated += serverDup;

  const madeIds = new Set<string>();
  let firstState: string | null = null;
  for (const [k, s] of stations.entries()) {
    const db = new Database(join(s.dataDir, DB_FILE), { readonly: true });
    try {
      const clientId = db.prepare("SELECT value FROM meta WHERE key = 'client_id'").pluck().get() as string;
      const local = db
        .prepare(
          'SELECT e.id, e.client_id, e.client_seq, e.action, e.base_version, s.status FROM events e LEFT JOIN event_sync s ON s.event_id = e.id ORDER BY e.seq',
        )
        .all() as EventRow[];
      const localIds = new Set(local.map((e) => e.id));
      const localDup = extraRows(local, (e) => e.id);
      if (localDup) problem(`workstation ${k} holds ${localDup} extra rows for one event id`);
      a.duplicated += localDup;

      const own = local.filter((e) => e.client_id === clientId);
      a.made += own.length;
      a.reported += s.reported.size;
      for (const e of own) {
        madeIds.add(e.id);
        const there = byId.get(e.id);
        if (!there) {
          a.lost++;
          problem(`workstation ${k} made ${e.action} ${e.id} (its sequence ${e.client_seq}); the server does not have it`);
        } else if (
          there.client_id !== e.client_id ||
          there.client_seq !== e.client_seq ||
          there.action !== e.action ||
          there.base_version !== e.base_version
        ) {
          a.altered++;
          problem(`the server holds ${e.id} with other content than workstation ${k} made`);
        }
      }
      // A reported event is in the log (and so was checked against the server above).
      for (const id of s.reported) {
        if (localIds.has(id)) continue;
        a.lost++;
        problem(`workstation ${k} reported ${id} as made, but its log does not have it`);
      }
      a.outbox += db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;

      // Convergence: the server's events, with the server's verdicts, and one state per item.
      // Another workstation's refused event is kept beside the log, as evidence, not in it.
      const setAside = new Set(db.prepare("SELECT event_id FROM set_aside_events WHERE kind = 'refused'").pluck().all() as string[]);
      const missing = server.filter((e) => !localIds.has(e.id) && !(e.status === 'rejected' && setAside.has(e.id))).length;
      const verdicts = local.filter((e) => byId.has(e.id) && byId.get(e.id)!.status !== e.status).length;
      const state = JSON.stringify(
        db.prepare('SELECT external_id, status, version, labels, assignee FROM items ORDER BY platform, external_id').all(),
      );
      firstState ??= state;
      if (missing || verdicts || state !== firstState) {
        a.unconverged++;
        problem(
          `workstation ${k}: ${missing} server events missing, ${verdicts} verdicts unlike the server's, item states ${state === firstState ? 'alike' : 'unlike workstation 0'}`,
        );
      }
    } finally {
      db.close();
    }
  }
  a.phantom = server.filter((e) => !madeIds.has(e.id)).length;
  if (a.phantom) problem(`the server holds ${a.phantom} events no workstation made`);
  return a;
}

import type { Database } from 'better-sqlite3';
import type { ItemStatus } from '../../shared/model';
import { stmt } from '../db/statements';
import type { EventColumnsRow } from '../decisions/log';

// Items with their decisions, in the interchange format (so an export can be imported
// elsewhere: the decision fields are extra data there), page by page in id order so a
// million items export in bounded memory.

export const CSV_COLUMNS = [
  'type',
  'platform',
  'id',
  'kind',
  'author',
  'createdAt',
  'text',
  'target',
  'rating',
  'thread',
  'parent',
  'url',
  'lang',
  'queue',
  'status',
  'labels',
  'assignee',
  'decidedBy',
  'decidedAt',
  'decisionCount',
  'lastReason',
  'lastNote',
] as const;

interface ExportRow {
  id: number;
  platform: string;
  external_id: string;
  kind: string;
  author: string | null;
  created_at: number | null;
  text: string;
  target: string | null;
  rating: number | null;
  thread: string | null;
  parent: string | null;
  url: string | null;
  lang: string | null;
  extra: string | null;
  queue: string;
  status: ItemStatus;
  labels: string;
  assignee: string | null;
  decided_by: string | null;
  decided_at: number | null;
}

interface ExportEvent extends EventColumnsRow {
  counts: 0 | 1;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function exportPage(
  db: Database,
  format: 'ndjson' | 'csv',
  cursor: number,
  limit: number,
): { text: string; nextCursor: number | null; rows: number } {
  const rows = stmt<[number, number], ExportRow>(
    db,
    `SELECT i.id, i.platform, i.external_id, i.kind, a.external_id AS author, i.created_at, i.text, i.target, i.rating,
       i.thread, i.parent, i.url, i.lang, i.extra, i.queue, i.status, i.labels, i.assignee, i.decided_by, i.decided_at
     FROM items i LEFT JOIN accounts a ON a.id = i.author_id WHERE i.id > ? ORDER BY i.id LIMIT ?`,
  ).all(cursor, limit);
  if (!rows.length) return { text: format === 'csv' && cursor === 0 ? `${CSV_COLUMNS.join(',')}\n` : '', nextCursor: null, rows: 0 };

  const events = new Map<number, ExportEvent[]>();
  for (const e of stmt<[number, number], ExportEvent>(
    db,
    `SELECT e.item_id, e.id, e.action, e.actor, e.created_at, e.reason, e.labels, e.note, e.payload, e.undo_of,
       (s.status IS NULL OR s.status = 'accepted') AS counts
     FROM events e LEFT JOIN event_sync s ON s.event_id = e.id
     WHERE e.item_id BETWEEN ? AND ? ORDER BY e.seq`,
  ).all(rows[0]!.id, rows[rows.length - 1]!.id)) {
    let list = events.get(e.item_id);
    if (!list) events.set(e.item_id, (list = []));
    list.push(e);
  }

  const lines: string[] = [];
  if (format === 'csv' && cursor === 0) lines.push(CSV_COLUMNS.join(','));
  for (const r of rows) {
    const evs = events.get(r.id) ?? [];
    // Only what the server accepted (or has not answered yet) counts: a refused undo undoes nothing.
    const undone = new Set(evs.filter((e) => e.action === 'undo' && e.counts).map((e) => e.undo_of));
    const labels = JSON.parse(r.labels) as string[];
    if (format === 'ndjson') {
      const extra = r.extra ? (JSON.parse(r.extra) as Record<string, unknown>) : {};
      lines.push(
        JSON.stringify({
          ...extra,
          type: 'item',
          platform: r.platform,
          id: r.external_id,
          kind: r.kind,
          author: r.author,
          createdAt: iso(r.created_at),
          text: r.text,
          target: r.target,
          rating: r.rating,
          thread: r.thread,
          parent: r.parent,
          url: r.url,
          lang: r.lang,
          queue: r.queue,
          status: r.status,
          labels,
          assignee: r.assignee,
          decidedBy: r.decided_by,
          decidedAt: iso(r.decided_at),
          decisions: evs.map((e) => ({
            id: e.id,
            action: e.action,
            actor: e.actor,
            at: iso(e.created_at),
            reason: e.reason,
            labels: e.labels ? (JSON.parse(e.labels) as string[]) : [],
            note: e.note,
            payload: e.payload ? (JSON.parse(e.payload) as unknown) : null,
            undoOf: e.undo_of,
            undone: undone.has(e.id),
          })),
        }),
      );
    } else {
      const effective = evs.filter((e) => e.counts && e.action !== 'undo' && !undone.has(e.id));
      const last = effective[effective.length - 1];
      lines.push(
        [
          'item',
          r.platform,
          r.external_id,
          r.kind,
          r.author,
          iso(r.created_at),
          r.text,
          r.target,
          r.rating,
          r.thread,
          r.parent,
          r.url,
          r.lang,
          r.queue,
          r.status,
          labels.join('|'),
          r.assignee,
          r.decided_by,
          iso(r.decided_at),
          evs.length,
          last?.reason ?? null,
          last?.note ?? null,
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return {
    text: `${lines.join('\n')}\n`,
    nextCursor: rows.length < limit ? null : rows[rows.length - 1]!.id,
    rows: rows.length,
  };
}

import type { Database } from 'better-sqlite3';
import type { ItemKind, ItemStatus, QueueFilter, QueueRow } from '../../shared/model';
import { stmt } from '../db/statements';

// Every queue view is one of a few query shapes, each walking an index that already yields
// rows in priority order (tests/unit/query-plans.test.ts, merged-query-plans.test.ts). The
// ordering data and its indexes live in the narrow item_order table (o, migration 0026); the
// item (i) is read by id for the rows shown:
//   plain filters  → item_order_status_priority, item_order_queue_status_priority
//   a kind, platform, target or rule in a status → no priority index of its own (a
//                    business-hours change moves every waiting item): counted on
//                    item_order_<dim>_status up to a threshold; fewer are read there and
//                    sorted, more are picked out along item_order_status_priority, which
//                    holds the dimensions (fewMatches)
//   label          → item_labels_label_status_priority (all statuses: item_labels_label_priority)
//   search         → the FTS5 index (and, for a search that is one handle, the author's
//                    items through accounts_handle), then sorted by priority, when matches
//                    are few; when a word matches thousands, the priority index is walked
//                    instead and each row checked against the matches (sorting them all took
//                    350 ms at 1M)
//   all statuses   → a merge, in priority order, of one walk per waiting status (as above) and
//                    one along item_order_<dim>_priority, which holds decided items only;
//                    SQLite merges the walks, no sort
//   by score       → the risk indexes on items; by due → item_order_status_sla_due
// Filters are bound as parameters; the SQL text depends only on which filters are present
// (and whether a search is one handle), so each shape is prepared once.

/**
 * How sure the detector whose score is the item's risk is, from the verdicts kept with the
 * item (read for the rows shown only). Null when the risk is the campaign's, or not scored yet.
 */
const RISK_SURE = `CASE i.risk WHEN i.review_score THEN json_extract(i.detection, '$.review.sure.level')
  WHEN i.spam_score THEN json_extract(i.detection, '$.spam.sure.level')
  WHEN i.author_score THEN json_extract(i.detection, '$.author.sure.level') END`;

/** Read from items i joined with its ordering row o (migration 0026: priority and dues live there). */
export const ROW_COLUMNS = `o.id, i.platform, i.external_id, i.kind, i.queue, i.status, i.version, o.priority, i.created_at,
  i.text, i.target, i.rating, i.thread, i.labels, i.assignee, i.claim_until, i.author_id, a.handle AS author_handle,
  a.name AS author_name, a.followers AS author_followers, i.risk, ${RISK_SURE} AS risk_sure, o.sla_due`;

export interface RowRecord {
  id: number;
  platform: string;
  external_id: string;
  kind: ItemKind;
  queue: string;
  status: ItemStatus;
  version: number;
  priority: number;
  created_at: number | null;
  text: string;
  target: string | null;
  rating: number | null;
  thread: string | null;
  labels: string;
  assignee: string | null;
  claim_until: number | null;
  author_id: number | null;
  author_handle: string | null;
  author_name: string | null;
  author_followers: number | null;
  risk: number;
  risk_sure: string | null;
  sla_due: number | null;
}

export function toQueueRow(r: RowRecord): QueueRow {
  return {
    id: r.id,
    platform: r.platform,
    externalId: r.external_id,
    kind: r.kind,
    queue: r.queue,
    status: r.status,
    version: r.version,
    priority: r.priority,
    createdAt: r.created_at,
    text: r.text,
    target: r.target,
    rating: r.rating,
    thread: r.thread,
    labels: JSON.parse(r.labels) as string[],
    assignee: r.assignee,
    claimUntil: r.claim_until,
    authorId: r.author_id,
    authorHandle: r.author_handle,
    authorName: r.author_name,
    authorFollowers: r.author_followers,
    risk: r.risk,
    riskSure: r.risk_sure === 'low' || r.risk_sure === 'medium' || r.risk_sure === 'high' ? r.risk_sure : null,
    slaDue: r.sla_due,
  };
}

/**
 * What a search names as an author: the whole search is one handle, with or without its "@"
 * (letters, digits, "_", "." and "-"). Null for anything else, such as several words.
 */
export function handleQuery(text: string): string | null {
  const m = /^@?([\p{L}\p{N}_.-]+)$/u.exec(text.trim());
  return m ? m[1]! : null;
}

/** A search: words of the item's text (FTS5) and, when it is one handle, the author's handle. */
export interface SearchMatch {
  words: string | null;
  handle: string | null;
}

/** Null when nothing can match (only punctuation was typed). */
export function searchMatch(text: string | undefined): SearchMatch | null {
  if (!text?.trim()) return null;
  const m = { words: ftsQuery(text), handle: handleQuery(text) };
  return m.words === null && m.handle === null ? null : m;
}

/**
 * The ids of the items a search matches: its words in the text (the FTS5 index) or its handle
 * as the author's (accounts_handle, then items_author_created). A handle is compared in any
 * case, and as stored with a leading "@" too, as some sources write it.
 */
export function matchIdsSql(m: SearchMatch, union = 'UNION'): { sql: string; params: unknown[] } {
  const arms: string[] = [];
  const params: unknown[] = [];
  if (m.words !== null) {
    arms.push('SELECT rowid AS id FROM items_fts WHERE items_fts MATCH ?');
    params.push(m.words);
  }
  if (m.handle !== null) {
    arms.push('SELECT id FROM items WHERE author_id IN (SELECT id FROM accounts WHERE handle COLLATE NOCASE IN (?, ?))');
    params.push(m.handle, `@${m.handle}`);
  }
  return { sql: arms.join(` ${union} `), params };
}

/** Turns what a person typed into a safe FTS5 query: every word must appear, as a prefix. */
export function ftsQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words?.length) return null;
  return words
    .slice(0, 12)
    .map((w) => `"${w}"*`)
    .join(' ');
}

interface Built {
  from: string;
  where: string[];
  params: unknown[];
  order: string;
  /** All statuses in priority order from the items' own indexes: served by mergedSql. */
  merged: boolean;
}

/**
 * `counting`: no order to keep, so no index is forced (the risk index serves a score floor).
 * Status and the filter dimensions are read from the ordering row (o, migration 0026) where
 * its indexes serve the shape, and from the item (i) where the risk indexes on items do.
 */
function build(filter: QueueFilter, counting = false, few: ReadonlySet<string> = NONE): Built | null {
  const status = filter.status ?? 'new';
  const byRisk = filter.sort === 'risk';
  const params: unknown[] = [];
  const where: string[] = [];
  const byDue = filter.sort === 'due';
  // By due: items without a policy (no due) come last.
  let order = byRisk ? 'i.risk DESC, i.id' : byDue ? 'o.sla_due IS NULL, o.sla_due, o.id' : 'o.priority DESC, o.id';

  const search = filter.search?.trim() ? searchMatch(filter.search) : undefined;
  if (search === null) return null; // typed only punctuation: nothing can match
  // The label table keeps priority, not risk: sorted by risk, a label is checked per row
  // while the risk index is walked.
  const labelTable = !!filter.label && !search && !byRisk && !byDue;
  const riskSide = !search && !labelTable && (byRisk || (counting && filter.minRisk !== undefined));
  const t = riskSide ? 'i' : 'o';
  // Every other shape walks the ordering rows (o) and reads the item (i) by its id.
  let from = riskSide ? (counting ? 'items i' : 'items i JOIN item_order o ON o.id = i.id') : 'item_order o';
  if (search?.handle === null) {
    from = 'items_fts f JOIN item_order o ON o.id = f.rowid';
    where.push('items_fts MATCH ?');
    params.push(search.words);
  } else if (search) {
    // A handle too: the matches of both, each item once, read first (CROSS JOIN keeps them
    // first: otherwise a status walks its whole index looking each row up in them).
    const ids = matchIdsSql(search);
    from = `(${ids.sql}) matches CROSS JOIN item_order o ON o.id = matches.id`;
    params.push(...ids.params);
  } else if (labelTable) {
    from = 'item_labels l JOIN item_order o ON o.id = l.item_id';
    where.push('l.label = ?');
    params.push(filter.label);
    if (status !== 'all') {
      where.push('l.status = ?');
      params.push(status);
    }
    order = 'l.priority DESC, l.item_id';
  }
  if (!riskSide && (!counting || filter.minRisk !== undefined))
    from += search ? ' JOIN items i ON i.id = o.id' : ' CROSS JOIN items i ON i.id = o.id';
  if (status !== 'all' && !labelTable) {
    where.push(`${t}.status = ?`);
    params.push(status);
  }
  if (filter.label && !labelTable) {
    where.push(`EXISTS (SELECT 1 FROM item_labels x WHERE x.item_id = ${t}.id AND x.label = ?)`);
    params.push(filter.label);
  }
  for (const [col, value] of [
    ['queue', filter.queue],
    ['kind', filter.kind],
    ['platform', filter.platform],
    ['target', filter.target],
    ['rule_id', filter.rule],
  ] as const) {
    if (value === undefined) continue;
    where.push(`${t}.${col} = ?`);
    params.push(value);
  }
  if (filter.minRisk !== undefined) {
    where.push('i.risk >= ?');
    params.push(filter.minRisk);
  }
  // What breaches first, along (status, sla_due), the queue checked in the index: items with a due only.
  const dueWalk = byDue && !search && status !== 'all';
  if (dueWalk) {
    where.push('o.sla_due IS NOT NULL');
    // Ties broken in the index's own column order, so no sort is needed.
    order = 'o.sla_due, o.queue, o.sla_policy_id, o.id';
  }
  if (counting) {
    // the planner's choice
  } else if (dueWalk) {
    from = 'item_order o INDEXED BY item_order_status_sla_due CROSS JOIN items i ON i.id = o.id';
  } else if (byRisk && !search && !filter.queue) {
    // Other dimensions are checked per row along the risk index rather than sorted at the end.
    from = `items i INDEXED BY ${status === 'all' ? 'items_risk' : 'items_status_risk'} CROSS JOIN item_order o ON o.id = i.id`;
  } else if (!byRisk && !search && !labelTable && status !== 'all') {
    // In priority order along the index this status and these filters have (priorityIndexOf).
    // A score floor is checked per row along it (see queuePage for when few rows pass it and
    // a range on the risk index is cheaper).
    from = `item_order o INDEXED BY ${priorityIndexOf(filter, status, few)} CROSS JOIN items i ON i.id = o.id`;
  }
  const merged = !counting && status === 'all' && !search && !labelTable && !byRisk && !byDue;
  return { from, where, params, order, merged };
}

/** Waiting statuses: every other status is decided (the partial indexes of migrations 0022, 0026). */
const WAITING = ['new', 'escalated'] as const;
const DECIDED_SQL = "o.status NOT IN ('new', 'escalated')";
const NONE: ReadonlySet<string> = new Set();

/** Filter dimensions besides the queue: [filter key, column, index name part]. */
const DIMS = [
  ['kind', 'kind', 'kind'],
  ['platform', 'platform', 'platform'],
  ['target', 'target', 'target'],
  ['rule', 'rule_id', 'rule'],
] as const;
const dimOf = (filter: QueueFilter) => DIMS.find(([key]) => filter[key] !== undefined);

/**
 * The index that yields one status of a filter in priority order ('all': decided items only,
 * see mergedSql). A kind, platform, target or rule has no priority index by status (a
 * business-hours change moves every waiting item's priority, migration 0026): `few` names
 * the statuses whose matches are few enough to be read along the (dimension, status) index
 * and sorted; otherwise the status index is walked and the dimension checked in it (see
 * fewMatches).
 */
function priorityIndexOf(filter: QueueFilter, status: string, few: ReadonlySet<string> = NONE): string {
  const dim = dimOf(filter);
  if (status === 'all') {
    if (filter.queue !== undefined) return 'item_order_queue_priority';
    return dim && dim[0] !== 'rule' ? `item_order_${dim[2]}_priority` : 'item_order_priority';
  }
  if (filter.queue !== undefined) return 'item_order_queue_status_priority';
  if (!dim) return 'item_order_status_priority';
  return few.has(status) ? `item_order_${dim[2]}_status` : 'item_order_status_priority';
}

/** From this many matches of a dimension in a status on, the status index is walked instead of sorting them. */
export const DIM_WALK_MIN = 2000;

/**
 * The statuses (the filter's; with every status, the waiting ones, see mergedSql) in which a
 * kind, platform, target or rule matches fewer than `walkMin` items: those are read along the
 * dimension's (dimension, status) index and sorted. Counting stops at the threshold, in the
 * index: cheap for any value.
 */
export function fewMatches(db: Database, filter: QueueFilter, walkMin = DIM_WALK_MIN): ReadonlySet<string> {
  const dim = dimOf(filter);
  if (!dim || filter.queue !== undefined || filter.search?.trim() || filter.label || filter.sort === 'risk' || filter.sort === 'due')
    return NONE;
  const status = filter.status ?? 'new';
  const statuses = status === 'all' ? WAITING : [status];
  const present = DIMS.filter(([key]) => filter[key] !== undefined);
  const count = stmt<unknown[], { n: number }>(
    db,
    `SELECT count(*) AS n FROM (SELECT 1 FROM item_order o INDEXED BY item_order_${dim[2]}_status
     WHERE o.status = ? AND ${present.map(([, col]) => `o.${col} = ?`).join(' AND ')} LIMIT ?)`,
  );
  const values = present.map(([key]) => filter[key]);
  return new Set(statuses.filter((s) => count.get(s, ...values, walkMin)!.n < walkMin));
}

/**
 * Every status in priority order: one walk per waiting status along its status index and one
 * along the decided-only index, merged by SQLite (MERGE (UNION ALL)) with no sort; each walk
 * stops once offset + limit rows are out.
 */
function mergedSql(
  filter: QueueFilter,
  where: string[],
  params: unknown[],
  few: ReadonlySet<string> = NONE,
): { sql: string; params: unknown[] } {
  const arm = (index: string, cond: string) =>
    `SELECT ${ROW_COLUMNS} FROM item_order o INDEXED BY ${index} CROSS JOIN items i ON i.id = o.id LEFT JOIN accounts a ON a.id = i.author_id
     WHERE ${[...where, cond].join(' AND ')}`;
  const arms = [
    ...WAITING.map((s) => arm(priorityIndexOf(filter, s, few), 'o.status = ?')),
    arm(priorityIndexOf(filter, 'all'), DECIDED_SQL),
  ];
  return {
    sql: `${arms.join(' UNION ALL ')} ORDER BY o.priority DESC, o.id LIMIT ? OFFSET ?`,
    params: [...WAITING.flatMap((s) => [...params, s]), ...params],
  };
}

/** From this many rows over the score floor, the priority index is walked instead of sorting them. */
export const RISK_WALK_MIN = 2000;

/** The few-rows shape of a score floor: a range on the risk index, then sorted by priority. */
export function riskRangeSql(filter: QueueFilter): { sql: string; params: unknown[] } | null {
  if (filter.minRisk === undefined || filter.sort === 'risk' || filter.search?.trim() || filter.label) return null;
  const b = build(filter, true)!;
  return {
    sql: `SELECT ${ROW_COLUMNS} FROM items i JOIN item_order o ON o.id = i.id LEFT JOIN accounts a ON a.id = i.author_id ${whereSql(b)}
          ORDER BY ${b.order} LIMIT ? OFFSET ?`,
    params: b.params,
  };
}

function whereSql(b: Built): string {
  return b.where.length ? `WHERE ${b.where.join(' AND ')}` : '';
}

/** `few`: see fewMatches (without it, waiting items of a dimension are picked out along the status walk). */
export function pageSql(filter: QueueFilter, few: ReadonlySet<string> = NONE): { sql: string; params: unknown[] } | null {
  const b = build(filter, false, few);
  if (!b) return null;
  if (b.merged) return mergedSql(filter, b.where, b.params, few);
  return {
    sql: `SELECT ${ROW_COLUMNS} FROM ${b.from} LEFT JOIN accounts a ON a.id = i.author_id ${whereSql(b)}
          ORDER BY ${b.order} LIMIT ? OFFSET ?`,
    params: b.params,
  };
}

/** From this many matches on, a plain search walks the priority index instead of sorting. */
export const SEARCH_WALK_MIN = 2000;

/** A search with no filter but status: the shape that can walk the priority index. */
function plainSearch(filter: QueueFilter): SearchMatch | null {
  if (!filter.search?.trim() || filter.label || filter.queue || filter.kind || filter.platform || filter.target) return null;
  if (filter.sort === 'risk' || filter.minRisk !== undefined) return null;
  return searchMatch(filter.search);
}

/** The walking shape of a plain search: rows in priority order, kept when they match. */
export function searchWalkSql(filter: QueueFilter, match = plainSearch(filter)): { sql: string; params: unknown[] } | null {
  if (!match) return null;
  const status = filter.status ?? 'new';
  const ids = matchIdsSql(match, 'UNION ALL');
  const matches = `o.id IN (${ids.sql})`;
  if (status === 'all') return mergedSql({}, [matches], ids.params);
  return {
    sql: `SELECT ${ROW_COLUMNS} FROM item_order o INDEXED BY item_order_status_priority CROSS JOIN items i ON i.id = o.id
          LEFT JOIN accounts a ON a.id = i.author_id
          WHERE o.status = ? AND ${matches}
          ORDER BY o.priority DESC, o.id LIMIT ? OFFSET ?`,
    params: [status, ...ids.params],
  };
}

export function queuePage(db: Database, filter: QueueFilter, offset: number, limit: number, walkMin = SEARCH_WALK_MIN): QueueRow[] {
  const range = riskRangeSql(filter);
  if (range) {
    // Counting stops at the threshold, along the risk index: cheap for any floor.
    const b = build(filter, true)!;
    const n = stmt<unknown[], { n: number }>(db, `SELECT count(*) AS n FROM (SELECT 1 FROM ${b.from} ${whereSql(b)} LIMIT ?)`).get(
      ...b.params,
      RISK_WALK_MIN,
    )!.n;
    if (n < RISK_WALK_MIN)
      return stmt<unknown[], RowRecord>(db, range.sql)
        .all(...range.params, limit, offset)
        .map(toQueueRow);
  }
  const match = plainSearch(filter);
  if (match) {
    // Counting stops at the threshold: cheap for any word.
    const ids = matchIdsSql(match);
    const n = stmt<unknown[], { n: number }>(db, `SELECT count(*) AS n FROM (${ids.sql} LIMIT ?)`).get(...ids.params, walkMin)!.n;
    if (n >= walkMin) {
      const w = searchWalkSql(filter, match)!;
      return stmt<unknown[], RowRecord>(db, w.sql)
        .all(...w.params, limit, offset)
        .map(toQueueRow);
    }
  }
  const q = pageSql(filter, fewMatches(db, filter, walkMin));
  if (!q) return [];
  return stmt<unknown[], RowRecord>(db, q.sql)
    .all(...q.params, limit, offset)
    .map(toQueueRow);
}

export function countSql(filter: QueueFilter): { sql: string; params: unknown[] } | null {
  const b = build(filter, true);
  if (!b) return null;
  return { sql: `SELECT count(*) AS n FROM ${b.from} ${whereSql(b)}`, params: b.params };
}

export function queueCount(db: Database, filter: QueueFilter): number {
  const dims = Object.entries(filter).filter(([k, v]) => v !== undefined && k !== 'status' && k !== 'queue' && k !== 'sort');
  // The sidebar counters answer the common case without touching the items.
  if (dims.length === 0) {
    const status = filter.status ?? 'new';
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.queue !== undefined) {
      clauses.push('queue = ?');
      params.push(filter.queue);
    }
    if (status !== 'all') {
      clauses.push('status = ?');
      params.push(status);
    }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    return stmt<unknown[], { n: number | null }>(db, `SELECT sum(n) AS n FROM queue_counts ${where}`).get(...params)?.n ?? 0;
  }
  const q = countSql(filter);
  if (!q) return 0;
  return stmt<unknown[], { n: number }>(db, q.sql).get(...q.params)!.n;
}

export function queueCounts(db: Database): { queues: { queue: string; open: number; total: number }[]; open: number; total: number } {
  const rows = stmt<[], { queue: string; open: number; total: number }>(
    db,
    `SELECT queue, sum(CASE WHEN status = 'new' THEN n ELSE 0 END) AS open, sum(n) AS total
     FROM queue_counts GROUP BY queue ORDER BY queue`,
  ).all();
  return {
    queues: rows,
    open: rows.reduce((s, r) => s + r.open, 0),
    total: rows.reduce((s, r) => s + r.total, 0),
  };
}

// Items as rules see them, read from the database. `type`, `sentiment` and the language the
// classifier found are read only where this database has those columns (the classifier's
// migration adds them); elsewhere they are missing: conditions on type and sentiment never
// hold, and the language is the platform's.
import type { Database } from 'better-sqlite3';
import type { ItemKind } from '../../../shared/model';
import { adjustedFollowers } from '../../queue/priority';
import type { RoutingColumns } from './apply';
import type { RoutableItem } from './routable';

const optional = new WeakMap<Database, string>();

/** The select list for the classifier's columns this database has. */
function classifierColumns(db: Database): string {
  let cols = optional.get(db);
  if (cols === undefined) {
    const have = new Set(db.prepare("SELECT name FROM pragma_table_info('items')").pluck().all() as string[]);
    // The type is stored as triage_type (migration 0014); rules call it type.
    cols = [
      ['triage_type', 'type'],
      ['sentiment', 'sentiment'],
      ['language', 'language'],
    ]
      .filter(([c]) => have.has(c!))
      .map(([c, as]) => `, i.${c} AS ${as}`)
      .join('');
    optional.set(db, cols);
  }
  return cols;
}

/** A waiting item as the rules read it, with the routing it has now. */
export interface RoutingRow extends RoutingColumns {
  id: number;
  kind: ItemKind;
  platform: string;
  target: string | null;
  text: string;
  lang: string | null;
  type?: string | null;
  sentiment?: string | null;
  /** The platform's tag, normalised, or the language the classifier found ('und' when unsure). */
  language?: string | null;
  created_at: number | null;
  status: string;
  queue: string;
  priority: number;
  fake_score: number | null;
  followers: number | null;
  share: number | null;
}

/** The SQL that reads items for routing; `where` and `tail` are fixed text with ? parameters. */
export function routingSelect(db: Database, where: string, tail: string): string {
  return `SELECT i.id, i.kind, i.platform, i.target, i.text, i.lang, i.created_at, i.status, i.queue, o.priority, i.rule_id, i.rule_why,
      i.route_queue, i.route_boost, i.sla_policy, i.route, a.fake_score, a.followers, a.fake_follower_share AS share${classifierColumns(db)}
    FROM items i JOIN item_order o ON o.id = i.id LEFT JOIN accounts a ON a.id = i.author_id WHERE ${where} ${tail}`;
}

export function routableOf(r: RoutingRow): RoutableItem {
  return {
    kind: r.kind,
    platform: r.platform,
    target: r.target,
    text: r.text,
    // As routing on arrival sees it: the platform's tag, or else the language the classifier found.
    lang: r.language ?? r.lang,
    type: r.type,
    sentiment: r.sentiment,
    authorRisk: r.fake_score,
    influence: adjustedFollowers(r.followers, r.share),
    createdAt: r.created_at,
  };
}

/** The newest `limit` items as rules see them (the preview's sample; the benchmark's input). */
export function newestRoutable(db: Database, limit: number): RoutableItem[] {
  return (db.prepare(routingSelect(db, '1', 'ORDER BY i.id DESC LIMIT ?')).all(limit) as RoutingRow[]).map(routableOf);
}

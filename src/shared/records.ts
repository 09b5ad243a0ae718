// The interchange format of DESIGN.md, checked row by row. Rows arrive as JSON objects
// (NDJSON) or as strings (CSV); both go through the same normalisers, which either return a
// clean record or say, in words a person can act on, what is wrong with the row. Shared: the
// server's ingest checks a connector's records with the same rules a local import uses.
import { ITEM_KINDS, type ItemKind } from './model';

export type RecordType = 'account' | 'item' | 'follow';

export interface AccountRecord {
  type: 'account';
  platform: string;
  id: string;
  handle: string;
  name: string | null;
  createdAt: number | null;
  followers: number | null;
  following: number | null;
  posts: number | null;
  likes: number | null;
  listed: number | null;
  verified: boolean;
  defaultAvatar: boolean;
  defaultProfile: boolean;
  bio: string | null;
  url: string | null;
  location: string | null;
  extra: Record<string, unknown> | null;
}

export interface ItemRecord {
  type: 'item';
  platform: string;
  id: string;
  kind: ItemKind;
  author: string | null;
  createdAt: number | null;
  text: string;
  target: string | null;
  rating: number | null;
  thread: string | null;
  parent: string | null;
  url: string | null;
  lang: string | null;
  extra: Record<string, unknown> | null;
}

export interface FollowRecord {
  type: 'follow';
  platform: string;
  follower: string;
  followee: string;
}

export type InterchangeRecord = AccountRecord | ItemRecord | FollowRecord;

export const FIELDS: Record<RecordType, readonly string[]> = {
  account: [
    'type', 'platform', 'id', 'handle', 'name', 'createdAt', 'followers', 'following', 'posts', 'likes',
    'listed', 'verified', 'defaultAvatar', 'defaultProfile', 'bio', 'url', 'location',
  ],
  item: ['type', 'platform', 'id', 'kind', 'author', 'createdAt', 'text', 'target', 'rating', 'thread', 'parent', 'url', 'lang'],
  follow: ['type', 'platform', 'follower', 'followee'],
};

const KNOWN: Record<RecordType, Set<string>> = {
  account: new Set(FIELDS.account),
  item: new Set(FIELDS.item),
  follow: new Set(FIELDS.follow),
};

const MAX_TEXT = 100_000;

class RowError extends Error {}

function absent(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

function requiredString(row: Record<string, unknown>, field: string, max = 500): string {
  const v = row[field];
  if (absent(v)) throw new RowError(`missing required field "${field}"`);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw new RowError(`field "${field}" must be text`);
  const s = v.trim();
  if (!s) throw new RowError(`missing required field "${field}"`);
  if (s.length > max) throw new RowError(`field "${field}" is longer than ${max} characters`);
  return s;
}

function optionalString(row: Record<string, unknown>, field: string, max = 2000): string | null {
  const v = row[field];
  if (absent(v)) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw new RowError(`field "${field}" must be text`);
  if (v.length > max) throw new RowError(`field "${field}" is longer than ${max} characters`);
  return v;
}

function count(row: Record<string, unknown>, field: string): number | null {
  const v = row[field];
  if (absent(v)) return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : NaN;
  if (!Number.isInteger(n) || n < 0) throw new RowError(`field "${field}" must be a whole number ≥ 0 (got ${show(v)})`);
  return n;
}

const TRUE = new Set(['true', '1', 'yes', 't', 'y']);
const FALSE = new Set(['false', '0', 'no', 'f', 'n']);

function flag(row: Record<string, unknown>, field: string): boolean {
  const v = row[field];
  if (absent(v)) return false;
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
  }
  throw new RowError(`field "${field}" must be true or false (got ${show(v)})`);
}

function time(row: Record<string, unknown>, field: string): number | null {
  const v = row[field];
  if (absent(v)) return null;
  const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw new RowError(`field "${field}" must be an ISO 8601 date (got ${show(v)})`);
  return ms;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

function extraOf(row: Record<string, unknown>, type: RecordType): Record<string, unknown> | null {
  let extra: Record<string, unknown> | null = null;
  const known = KNOWN[type];
  for (const key of Object.keys(row)) {
    if (known.has(key)) continue;
    const v = row[key];
    if (absent(v)) continue;
    (extra ??= {})[key] = v;
  }
  return extra;
}

/** Which record a row is: its own `type` field, else what the file says, else its fields. */
export function recordTypeOf(row: Record<string, unknown>, fallback: RecordType | null): RecordType {
  const t = row.type;
  if (!absent(t)) {
    if (t === 'account' || t === 'item' || t === 'follow') return t;
    throw new RowError(`unknown record type ${show(t)} (expected account, item or follow)`);
  }
  if (fallback) return fallback;
  if ('followee' in row || 'follower' in row) return 'follow';
  if ('kind' in row || 'text' in row) return 'item';
  if ('handle' in row) return 'account';
  throw new RowError('cannot tell the record type: add a "type" field (account, item or follow)');
}

export function normalizeAccount(row: Record<string, unknown>): AccountRecord {
  return {
    type: 'account',
    platform: requiredString(row, 'platform', 64),
    id: requiredString(row, 'id'),
    handle: requiredString(row, 'handle'),
    name: optionalString(row, 'name', 500),
    createdAt: time(row, 'createdAt'),
    followers: count(row, 'followers'),
    following: count(row, 'following'),
    posts: count(row, 'posts'),
    likes: count(row, 'likes'),
    listed: count(row, 'listed'),
    verified: flag(row, 'verified'),
    defaultAvatar: flag(row, 'defaultAvatar'),
    defaultProfile: flag(row, 'defaultProfile'),
    bio: optionalString(row, 'bio', 5000),
    url: optionalString(row, 'url'),
    location: optionalString(row, 'location', 500),
    extra: extraOf(row, 'account'),
  };
}

const KINDS = new Set<string>(ITEM_KINDS);

export function normalizeItem(row: Record<string, unknown>): ItemRecord {
  const kind = requiredString(row, 'kind', 20);
  if (!KINDS.has(kind)) throw new RowError(`field "kind" must be one of ${ITEM_KINDS.join(', ')} (got ${show(kind)})`);
  const text = row.text;
  if (absent(text)) throw new RowError('missing required field "text"');
  if (typeof text !== 'string') throw new RowError('field "text" must be text');
  if (text.length > MAX_TEXT) throw new RowError(`field "text" is longer than ${MAX_TEXT} characters`);
  let rating: number | null = null;
  if (!absent(row.rating)) {
    rating = typeof row.rating === 'number' ? row.rating : Number(String(row.rating).trim());
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
      throw new RowError(`field "rating" must be a whole number from 1 to 5 (got ${show(row.rating)})`);
    }
  }
  return {
    type: 'item',
    platform: requiredString(row, 'platform', 64),
    id: requiredString(row, 'id'),
    kind: kind as ItemKind,
    author: optionalString(row, 'author', 500),
    createdAt: time(row, 'createdAt'),
    text,
    target: optionalString(row, 'target', 200),
    rating,
    thread: optionalString(row, 'thread', 500),
    parent: optionalString(row, 'parent', 500),
    url: optionalString(row, 'url'),
    lang: optionalString(row, 'lang', 35),
    extra: extraOf(row, 'item'),
  };
}

export function normalizeFollow(row: Record<string, unknown>): FollowRecord {
  return {
    type: 'follow',
    platform: requiredString(row, 'platform', 64),
    follower: requiredString(row, 'follower'),
    followee: requiredString(row, 'followee'),
  };
}

export type Normalized = { ok: true; record: InterchangeRecord } | { ok: false; message: string };

export function normalizeRow(row: unknown, fallback: RecordType | null): Normalized {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    return { ok: false, message: 'a record must be a JSON object' };
  }
  const r = row as Record<string, unknown>;
  try {
    const type = recordTypeOf(r, fallback);
    const record = type === 'account' ? normalizeAccount(r) : type === 'item' ? normalizeItem(r) : normalizeFollow(r);
    return { ok: true, record };
  } catch (e) {
    if (e instanceof RowError) return { ok: false, message: e.message };
    throw e;
  }
}

/**
 * A clean record back in the interchange shape (extra fields beside the known ones), so that
 * it can travel and be checked again on arrival; the same record always gives the same text.
 */
export function recordToRow(record: AccountRecord | ItemRecord): Record<string, unknown> {
  const { extra, ...known } = record;
  return { ...extra, ...known };
}

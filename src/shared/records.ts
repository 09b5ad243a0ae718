// Vigil's interchange format (docs/interchange.md), checked row by row. Rows arrive as JSON objects
// (NDJSON) or as strings (CSV); both go through the same normalisers, which either return a
// clean record or say, in words a person can act on, what is wrong with the row. Shared: the
// server's ingest checks a connector's records with the same rules a local import uses.
import { ITEM_KINDS, type ItemKind } from './model';

export type RecordType = 'account' | 'item' | 'follow';

/** What an account says of itself: its profile and counts as the platform gives them. */
export interface AccountProfile {
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
}

export interface AccountRecord extends AccountProfile {
  type: 'account';
  platform: string;
  id: string;
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
    'type',
    'platform',
    'id',
    'handle',
    'name',
    'createdAt',
    'followers',
    'following',
    'posts',
    'likes',
    'listed',
    'verified',
    'defaultAvatar',
    'defaultProfile',
    'bio',
    'url',
    'location',
  ],
  item: ['type', 'platform', 'id', 'kind', 'author', 'createdAt', 'text', 'target', 'rating', 'thread', 'parent', 'url', 'lang'],
  follow: ['type', 'platform', 'follower', 'followee'],
};

const KNOWN: Record<RecordType, Set<string>> = {
  account: new Set(FIELDS.account),
  item: new Set(FIELDS.item),
  follow: new Set(FIELDS.follow),
};

/** The longest text an item may have; a longer one is refused with its line. */
export const MAX_TEXT = 100_000;
/** The longest free-text fields of an account (the same checks everywhere records come in). */
export const ACCOUNT_TEXT_LIMITS = { name: 500, bio: 5_000, url: 2_000, location: 500 } as const;

class RowError extends Error {}

/**
 * The first control character (C0, DEL or C1) in a value, or -1. Identifiers with one are
 * refused: a NUL cannot be stored by PostgreSQL at all, and the others are invisible in the
 * app, so two ids that look the same would name different records.
 */
export function controlCharAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return i;
  }
  return -1;
}

function printable(field: string, s: string): string {
  const at = controlCharAt(s);
  if (at >= 0) {
    const code = s.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
    throw new RowError(
      `field "${field}" contains a control character (U+${code} at position ${at + 1}): identifiers must be printable text`,
    );
  }
  return s;
}

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

/** A field that names a record (its platform, its id, its author…): required, printable. */
function identifier(row: Record<string, unknown>, field: string, max = 500): string {
  return printable(field, requiredString(row, field, max));
}

function optionalIdentifier(row: Record<string, unknown>, field: string, max = 500): string | null {
  const s = optionalString(row, field, max);
  return s === null ? null : printable(field, s);
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
    platform: identifier(row, 'platform', 64),
    id: identifier(row, 'id'),
    handle: identifier(row, 'handle'),
    name: optionalString(row, 'name', ACCOUNT_TEXT_LIMITS.name),
    createdAt: time(row, 'createdAt'),
    followers: count(row, 'followers'),
    following: count(row, 'following'),
    posts: count(row, 'posts'),
    likes: count(row, 'likes'),
    listed: count(row, 'listed'),
    verified: flag(row, 'verified'),
    defaultAvatar: flag(row, 'defaultAvatar'),
    defaultProfile: flag(row, 'defaultProfile'),
    bio: optionalString(row, 'bio', ACCOUNT_TEXT_LIMITS.bio),
    url: optionalString(row, 'url', ACCOUNT_TEXT_LIMITS.url),
    location: optionalString(row, 'location', ACCOUNT_TEXT_LIMITS.location),
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
    platform: identifier(row, 'platform', 64),
    id: identifier(row, 'id'),
    kind: kind as ItemKind,
    author: optionalIdentifier(row, 'author'),
    createdAt: time(row, 'createdAt'),
    text,
    target: optionalString(row, 'target', 200),
    rating,
    thread: optionalIdentifier(row, 'thread'),
    parent: optionalIdentifier(row, 'parent'),
    url: optionalString(row, 'url'),
    lang: optionalString(row, 'lang', 35),
    extra: extraOf(row, 'item'),
  };
}

export function normalizeFollow(row: Record<string, unknown>): FollowRecord {
  return {
    type: 'follow',
    platform: identifier(row, 'platform', 64),
    follower: identifier(row, 'follower'),
    followee: identifier(row, 'followee'),
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

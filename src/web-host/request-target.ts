// What a request line may name. Anyone able to reach the port (any web page, through an
// <img> or a fetch) can send any bytes here, so the target is checked before anything reads
// it: one strict parse that never throws, and a reason for every refusal.

/** Far above any path the renderer asks for; a longer target is an attack or a mistake. */
export const MAX_TARGET_LENGTH = 2048;

export type RequestTarget =
  | {
      ok: true;
      /** The decoded path, always starting with `/`; its segments are plain names. */
      path: string;
      /** Decoded path segments, none empty (a trailing `/` adds none), none `.` or `..`. */
      segments: string[];
      query: URLSearchParams;
    }
  | { ok: false; reason: string };

// RFC 3986 pchar (unreserved, sub-delims, ':' and '@') plus '/', and '%' for escapes checked
// below. No back-slash, space, quote, '#', control or non-ASCII character.
const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/;
const QUERY_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
// Control characters (C0, DEL, C1), which no file or method name of ours contains.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function refuse(reason: string): RequestTarget {
  return { ok: false, reason };
}

/**
 * Parses the raw target of a request line (`req.url`) into a decoded path and its query.
 * Only the origin form (`/path?query`) is accepted: an absolute URL, `*` or anything else is
 * refused. Each segment is decoded on its own, so an encoded slash or back-slash, `.`/`..`
 * in any encoding, NUL and other control characters, a bad escape or bytes that are not
 * UTF-8 are all refused rather than reinterpreted.
 */
export function parseRequestTarget(raw: string | undefined): RequestTarget {
  if (raw === undefined || raw === '') return refuse('the request names no path');
  if (raw.length > MAX_TARGET_LENGTH) return refuse(`the address is longer than ${MAX_TARGET_LENGTH} characters`);
  if (!raw.startsWith('/')) return refuse('only a path is accepted in the request line, not a full address');
  if (raw.startsWith('//')) return refuse('the path starts with an empty segment');
  const q = raw.indexOf('?');
  const rawPath = q < 0 ? raw : raw.slice(0, q);
  const rawQuery = q < 0 ? '' : raw.slice(q + 1);
  if (!PATH_CHARS.test(rawPath)) return refuse('the path holds a character that must not appear in it');
  if (!QUERY_CHARS.test(rawQuery)) return refuse('the query holds a character that must not appear in it');
  if (BAD_ESCAPE.test(rawPath) || BAD_ESCAPE.test(rawQuery)) return refuse('the address holds a malformed %-escape');

  const rawSegments = rawPath.slice(1).split('/');
  // One trailing slash names the folder itself; an empty segment anywhere else is refused.
  if (rawSegments.length > 1 && rawSegments[rawSegments.length - 1] === '') rawSegments.pop();
  if (rawSegments.length === 1 && rawSegments[0] === '') rawSegments.pop();
  const segments: string[] = [];
  for (const rawSegment of rawSegments) {
    if (rawSegment === '') return refuse('the path holds an empty segment');
    let segment: string;
    try {
      // Throws on an escape that is not UTF-8 (overlong forms, lone surrogates, stray bytes).
      segment = decodeURIComponent(rawSegment);
    } catch {
      return refuse('the path does not decode to UTF-8 text');
    }
    if (segment.includes('/') || segment.includes('\\')) return refuse('the path holds an encoded slash or back-slash');
    if (CONTROL.test(segment)) return refuse('the path holds a NUL or another control character');
    if (segment === '.' || segment === '..') return refuse('the path holds a "." or ".." segment');
    segments.push(segment);
  }
  return { ok: true, path: `/${segments.join('/')}`, segments, query: new URLSearchParams(rawQuery) };
}

// The renderer's address, and how a request to it maps to a file of the built renderer.
// Pure functions (no Electron import) so they are tested without the Electron runtime.
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The renderer is served from a custom privileged scheme rather than file://: the page gets a
 * real, stable origin (so CSP 'self' means "the app" and nothing else on disk), the protocol
 * handler decides exactly which files exist (out/renderer only) and attaches the CSP header
 * to every response, and IPC can recognise the app by its URL.
 */
export const APP_SCHEME = 'vigil';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_ENTRY = `${APP_URL}index.html`;

/** True for a URL of our own renderer (the only page allowed to call core). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    // Node gives custom schemes an opaque 'null' origin, so compare scheme and host.
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '' && u.port === '';
  } catch {
    return false;
  }
}

/** http(s) links may leave the app (after the user agrees); nothing else ever does. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export type Resolved = { kind: 'file'; path: string } | { kind: 'refused'; status: number; reason: string };

/**
 * Maps a request URL to a file inside the renderer folder. Anything that would leave that
 * folder (`..`, encoded `%2e%2e`, back-slashes, absolute paths, NUL bytes) is refused, as is
 * any other host. Paths without an extension fall back to index.html (client-side routes).
 */
export function resolveAppRequest(rendererDir: string, requestUrl: string): Resolved {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return { kind: 'refused', status: 400, reason: 'malformed URL' };
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return { kind: 'refused', status: 404, reason: `unknown host ${u.host}` };
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'malformed escape in path' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'refused', status: 400, reason: 'forbidden character in path' };
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'refused', status: 403, reason: 'path traversal' };
  const rel = segments.length === 0 ? 'index.html' : segments.join('/');
  const base = resolve(rendererDir);
  const file = resolve(base, rel);
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || !file.startsWith(base + sep)) {
    return { kind: 'refused', status: 403, reason: 'path traversal' };
  }
  if (extname(file) === '') return { kind: 'file', path: resolve(base, 'index.html') };
  return { kind: 'file', path: file };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

/** Module scripts are refused by Chromium without a JavaScript MIME type, so be exact. */
export function contentTypeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

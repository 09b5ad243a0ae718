// Serves the built renderer under vigil://app/ with the same CSP as the browser host.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { APP_SCHEME, contentTypeOf, resolveAppRequest } from './app-url';

/**
 * Must run before `app.whenReady()`. `standard` gives the scheme real origins and relative
 * URL resolution (Vite's `./assets/…`), `secure` makes it a secure context like https.
 * Deliberately NOT granted: `bypassCSP` (the CSP must apply), `corsEnabled` (it would let other
 * origins read our responses without any Access-Control check), service workers, streaming.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Headers every response carries: the page's CSP travels with the HTML, not in a meta tag. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function refuse(status: number, reason: string): Response {
  return new Response(`${status} ${reason}`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
}

/** Must run after `app.whenReady()`; serves only files under `rendererDir`, GET only. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
    const target = resolveAppRequest(rendererDir, request.url);
    if (target.kind === 'refused') return refuse(target.status, target.reason);
    let body: Buffer;
    try {
      body = await readFile(target.path);
    } catch {
      return refuse(404, 'not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { 'Content-Type': contentTypeOf(target.path), 'Cache-Control': 'no-cache', ...SECURITY_HEADERS },
    });
  });
}

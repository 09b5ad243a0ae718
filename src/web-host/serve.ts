import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { HTTP_PREFIX } from '../shared/contract';
import { fail, type Result } from '../shared/errors';
import { openCore, type Core } from '../core/index';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { createLaunchSecret, KEY_PARAM } from './launch-secret';
import { openPage, type OpenPageReason } from './open-page';
import { parseRequestTarget } from './request-target';

export interface WebHostOptions {
  dataDir: string;
  /** Built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Loopback unless deliberately opened up. */
  hostname?: string;
  actor?: string;
}

export interface WebHost {
  /** The address to open, with this launch's key: print it once, log it nowhere else. */
  url: string;
  /** The same address without the key. */
  baseUrl: string;
  port: number;
  core: Core;
  close(): Promise<void>;
}

/** Import chunks are up to 8 MiB of text; JSON escaping can grow that a little. */
const MAX_BODY = 12 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const SESSION_REFUSED =
  'Refused: this request carries no valid Vigil session. Open the address Vigil printed when it started (it ends in ?key=…); after a restart only the new address works.';

function sendJson(res: ServerResponse, status: number, body: Result<unknown>, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
    ...headers,
  });
  res.end(text);
}

function sendText(req: IncomingMessage, res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS, ...headers });
  res.end(req.method === 'HEAD' ? undefined : text);
}

type Body = { kind: 'text'; text: string } | { kind: 'too_large' } | { kind: 'gone' };

/** The body as text; `gone` when the client left (or the connection broke) before its end. */
function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve({ kind: 'too_large' });
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve({ kind: 'text', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve({ kind: 'gone' }));
    req.on('close', () => resolve({ kind: 'gone' }));
  });
}

function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

/**
 * A page from any other site can send requests to a loopback port. Only this host's own
 * pages may call core: the Host header must name this server (no DNS rebinding), a browser's
 * Origin must be ours, and the JSON content type forces a CORS preflight we never grant.
 */
function allowed(req: IncomingMessage, port: number): string | null {
  const host = req.headers.host ?? '';
  const okHosts = loopbackHosts(port);
  if (!okHosts.includes(host)) return `unexpected Host header ${JSON.stringify(host)}`;
  const origin = req.headers.origin;
  if (origin !== undefined && !okHosts.some((h) => origin === `http://${h}`)) return `requests from ${origin} are not accepted`;
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return 'the body must be application/json';
  return null;
}

/**
 * Answers a request the HTTP parser itself refused (a junk method, a malformed request line
 * or header, headers over the size limit): a bare 400, then the connection closes.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // Node's own default handler makes the same check: once an answer has begun on this
  // connection, a second status line would corrupt it, so the connection just ends.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const core = openCore({ dataDir: opts.dataDir, host: 'web', actor: opts.actor });
  const rendererDir = resolve(opts.rendererDir);
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.hostname ?? '127.0.0.1', () => resolve());
    });
  } catch (e) {
    core.close();
    throw e;
  }
  // From here on a server error (too many open files, say) is logged; it must not end the process.
  server.on('error', (e) => console.error('Vigil (browser host): server error:', e));
  const port = (server.address() as AddressInfo).port;
  const secret = createLaunchSecret(port);
  const shownHost = (opts.hostname ?? '127.0.0.1').includes(':') ? `[${opts.hostname}]` : (opts.hostname ?? '127.0.0.1');
  const baseUrl = `http://${shownHost}:${port}/`;

  // Whatever a request holds, the process stays up: a failure becomes a 500 with an error
  // body, logged without the request's address (it may carry the key).
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      console.error(`Vigil (browser host): a ${String(req.method).slice(0, 16)} request failed:`, e);
      try {
        if (!res.headersSent && !res.destroyed)
          sendJson(res, 500, fail('internal', 'The host could not answer this request; the reason is in its log.'));
        else res.destroy();
      } catch {
        res.destroy();
      }
    });
  });
  server.on('clientError', answerClientError);
  // CONNECT (a proxy's method) and protocol upgrades are not ours to serve.
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('upgrade', (_req: IncomingMessage, socket: Socket) => {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = parseRequestTarget(req.url);
    if (!target.ok) {
      sendText(req, res, 400, `400 Bad Request: ${target.reason}.`);
      return;
    }
    if (target.path.startsWith(HTTP_PREFIX) || `${target.path}/` === HTTP_PREFIX) {
      await handleApi(req, res, target.path.slice(HTTP_PREFIX.length));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(req, res, 405, '405 Method Not Allowed: use GET.', { Allow: 'GET, HEAD' });
      return;
    }
    if (!loopbackHosts(port).includes(req.headers.host ?? '')) {
      sendText(req, res, 400, `400 Bad Request: this host answers only as ${baseUrl}`);
      return;
    }
    if (target.path === '/healthz') {
      sendJson(res, 200, { ok: true, value: { status: 'ok' } });
      return;
    }
    const key = target.query.get(KEY_PARAM);
    if (key !== null) {
      exchangeKey(req, res, key, target.path, target.query);
      return;
    }
    serveStatic(req, res, target.segments);
  }

  /** The printed address: the right key buys a session cookie and an address without the key. */
  function exchangeKey(req: IncomingMessage, res: ServerResponse, key: string, path: string, query: URLSearchParams): void {
    if (!secret.keyMatches(key)) {
      sendOpenPage(req, res, 403, 'wrong_key');
      return;
    }
    query.delete(KEY_PARAM);
    const rest = query.toString();
    res.writeHead(303, {
      Location: rest ? `${path}?${rest}` : path,
      'Set-Cookie': secret.sessionCookie(),
      'Cache-Control': 'no-store',
      ...SECURITY_HEADERS,
    });
    res.end();
  }

  function sendOpenPage(req: IncomingMessage, res: ServerResponse, status: number, reason: OpenPageReason): void {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
    res.end(req.method === 'HEAD' ? undefined : openPage(reason, baseUrl));
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, fail('transport', 'Use POST with a JSON body.'), { Allow: 'POST' });
      return;
    }
    const refused = allowed(req, port);
    if (refused) {
      sendJson(res, 403, fail('transport', `Refused: ${refused}.`));
      return;
    }
    if (!secret.hasSession(req)) {
      sendJson(res, 401, fail('unauthenticated', SESSION_REFUSED));
      return;
    }
    const body = await readBody(req);
    if (body.kind === 'gone') {
      // Nobody is left to answer; the parser has already told the client if it could.
      res.destroy();
      return;
    }
    if (body.kind === 'too_large') {
      sendJson(
        res,
        413,
        fail('invalid_args', `The request is larger than ${MAX_BODY / 1024 / 1024} MiB; send the file in smaller pieces.`),
      );
      return;
    }
    let args: unknown;
    try {
      args = body.text ? JSON.parse(body.text) : {};
    } catch {
      sendJson(res, 400, fail('invalid_args', 'The request body is not valid JSON.'));
      return;
    }
    sendJson(res, 200, await core.dispatch(method, args));
  }

  /**
   * The bundle's own files (scripts, styles, icons) are served to anyone who can reach the
   * port: they are the same for every installation and hold no data. The app's page
   * (index.html, which every other path falls back to) needs this launch's session; without
   * one the browser gets a short page on how to open Vigil instead.
   */
  function serveStatic(req: IncomingMessage, res: ServerResponse, segments: string[]): void {
    let file = segments.length ? join(rendererDir, ...segments) : rendererDir;
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) {
      sendText(req, res, 400, '400 Bad Request: the path leaves the app folder.');
      return;
    }
    if (!isFile(file)) file = join(rendererDir, 'index.html');
    const isPage = extname(file) === '.html';
    if (isPage && !secret.hasSession(req)) {
      sendOpenPage(req, res, 403, 'no_session');
      return;
    }
    if (!isFile(file)) {
      sendText(req, res, 503, 'The renderer is not built: run `npm run build`.');
      return;
    }
    const hashed = segments[0] === 'assets';
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // A file that cannot be read after all (removed by a rebuild, say) cuts this answer short.
    pipeline(createReadStream(file), res, () => undefined);
  }

  return {
    url: `${baseUrl}?${KEY_PARAM}=${secret.key}`,
    baseUrl,
    port,
    core,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          clearTimeout(grace);
          core.close();
          resolve();
        });
        server.closeIdleConnections();
        // A browser tab may keep a connection busy; answers in flight get a moment, then go.
        const grace = setTimeout(() => server.closeAllConnections(), 1000);
      }),
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

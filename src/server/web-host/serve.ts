import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { HTTP_PREFIX } from '../../shared/contract';
import { fail, type Result } from '../../shared/errors';
import { openCore, type Core } from '../../core/index';
import { CONTENT_SECURITY_POLICY } from './csp';

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
  url: string;
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

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A page from any other site can send requests to a loopback port. Only this host's own
 * pages may call core: the Host header must name this server (no DNS rebinding), a browser's
 * Origin must be ours, and the JSON content type forces a CORS preflight we never grant.
 */
function allowed(req: IncomingMessage, port: number): string | null {
  const host = req.headers.host ?? '';
  const okHosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (!okHosts.includes(host)) return `unexpected Host header ${JSON.stringify(host)}`;
  const origin = req.headers.origin;
  if (origin !== undefined && !okHosts.some((h) => origin === `http://${h}`)) return `requests from ${origin} are not accepted`;
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return 'the body must be application/json';
  return null;
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const core = openCore({ dataDir: opts.dataDir, host: 'web', actor: opts.actor });
  let port = opts.port ?? 0;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith(HTTP_PREFIX)) {
      void handleApi(req, res, url.pathname.slice(HTTP_PREFIX.length));
      return;
    }
    if (url.pathname === '/healthz') {
      sendJson(res, 200, { ok: true, value: { status: 'ok' } });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    serveStatic(url.pathname, res);
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, fail('transport', 'Use POST with a JSON body.'));
      return;
    }
    const refused = allowed(req, port);
    if (refused) {
      sendJson(res, 403, fail('transport', `Refused: ${refused}.`));
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      sendJson(res, 413, fail('invalid_args', `The request is larger than ${MAX_BODY / 1024 / 1024} MiB; send the file in smaller pieces.`));
      return;
    }
    let args: unknown;
    try {
      args = body ? JSON.parse(body) : {};
    } catch {
      sendJson(res, 400, fail('invalid_args', 'The request body is not valid JSON.'));
      return;
    }
    sendJson(res, 200, await core.dispatch(method, args));
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = join(opts.rendererDir, rel);
    if (!file.startsWith(opts.rendererDir + sep) && file !== opts.rendererDir) {
      res.writeHead(400).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(opts.rendererDir, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The renderer is not built: run `npm run build`.');
      return;
    }
    const hashed = /[/\\]assets[/\\]/.test(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, opts.hostname ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = (opts.hostname ?? '127.0.0.1').includes(':') ? `[${opts.hostname}]` : (opts.hostname ?? '127.0.0.1');

  return {
    url: `http://${shownHost}:${port}/`,
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

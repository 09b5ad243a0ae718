// The browser host against hostile requests and without its per-launch key: the real host
// (`startWebHost`, a real SQLite database in a temporary folder) on a free loopback port,
// driven through raw sockets so that every byte of the request line is what a hostile page
// or process would send.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWebHost, type WebHost } from '../../src/web-host/serve';
import { get, post, rawRequest, type RawResponse } from './raw-http';

let dir: string;
let rendererDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-web-host-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Vigil</title><div id="root"></div>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export const bundle = 1;\n');
  // Outside the renderer folder: what a traversal would be after.
  writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = (port = 0): Promise<WebHost> => startWebHost({ dataDir: join(dir, 'data'), rendererDir, port, actor: 'tester' });

const keyOf = (host: WebHost): string => new URL(host.url).searchParams.get('key')!;

/** The cookie pair (`name=value`) of a Set-Cookie answer. */
const cookiePair = (r: RawResponse): string => r.headers['set-cookie']![0]!.split(';')[0]!;

async function signIn(host: WebHost): Promise<string> {
  const r = await get(host.port, `/?key=${keyOf(host)}`);
  expect(r.status).toBe(303);
  return cookiePair(r);
}

async function expectStillServing(host: WebHost, cookie: string): Promise<void> {
  const asset = await get(host.port, '/assets/app.js');
  expect(asset.status).toBe(200);
  expect(asset.body).toContain('export const bundle');
  const info = await post(host.port, 'app.info', {}, { Cookie: cookie });
  expect(info.status).toBe(200);
  expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { host: 'web' } });
}

describe('the browser host refuses malformed requests and keeps running', () => {
  let host: WebHost;
  let cookie: string;
  beforeAll(async () => {
    host = await start();
    cookie = await signIn(host);
  });
  afterAll(() => host.close());

  const malformed: [string, string][] = [
    ['a lone %', '/%'],
    ['a truncated escape', '/%E0%A4%A'],
    ['an escape that is not hex', '/%zz/index.html'],
    ['an encoded NUL', '/%00'],
    ['an encoded NUL before an extension', '/index.html%00.js'],
    ['encoded slashes around ..', '/..%2f..%2fetc%2fpasswd'],
    ['encoded dots', '/%2e%2e/%2e%2e/'],
    ['encoded dots, upper case', '/%2E%2E/%2E%2E/secret.txt'],
    ['a plain .. segment', '/assets/../../secret.txt'],
    ['a . segment', '/./index.html'],
    ['raw back-slashes', '/..\\..\\secret.txt'],
    ['encoded back-slashes', '/..%5c..%5csecret.txt'],
    ['an overlong UTF-8 slash', '/%C0%AF..%C0%AFsecret.txt'],
    ['a byte that is never UTF-8', '/%FF'],
    ['an encoded lone surrogate', '/%ED%A0%80'],
    ['an encoded line break', '/a%0D%0ASet-Cookie:%20x=1'],
    ['an empty segment', '/assets//app.js'],
    ['a path starting with //', '//evil.example/'],
    ['a fragment', '/index.html#top'],
    ['a quote', '/"onload=x'],
    ['a path of 10,000 characters', `/${'a'.repeat(10_000)}`],
    ['an absolute URL in the request line', 'http://127.0.0.1/index.html'],
    ['an absolute URL to another site', 'http://evil.example/'],
    ['an asterisk', '*'],
    ['a bad escape in the query', '/?key=%'],
    ['an API path with a NUL', '/api/app.info%00'],
    ['an API path with encoded dots', '/api/%2e%2e/secret.txt'],
  ];
  for (const [what, target] of malformed) {
    it(`answers 400 to ${what}`, async () => {
      const r = await get(host.port, target);
      expect(r.status).toBe(400);
      expect(r.body).not.toContain('not for the browser');
      expect(r.headers['set-cookie']).toBeUndefined();
      await expectStillServing(host, cookie);
    });
  }

  it('answers 400 to a request line of 100 KB', async () => {
    const r = await get(host.port, `/${'x'.repeat(100 * 1024)}`);
    expect(r.status).toBe(400);
    await expectStillServing(host, cookie);
  });

  it('answers 400 to a contract call with an encoded NUL, even with a valid session', async () => {
    const r = await rawRequest(
      host.port,
      `POST /api/app.info%00 HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
    );
    expect(r.status).toBe(400);
    await expectStillServing(host, cookie);
  });

  it('answers 400 to methods HTTP does not know and to bytes that are not HTTP', async () => {
    for (const request of [
      `FOO / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`,
      `G\u00c9T / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`,
      `GET / HTTP/9.9\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`,
      `GET /\0 HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nBad Header: x\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX: ${'y'.repeat(64 * 1024)}\r\n\r\n`,
      `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`,
      '\u0000\u0001\u0002\u0003 garbage\r\n\r\n',
    ]) {
      const r = await rawRequest(host.port, request);
      expect(r.status, JSON.stringify(request.slice(0, 40))).toBe(400);
    }
    await expectStillServing(host, cookie);
  });

  it('answers HEAD without a body, and 405 to other methods on files', async () => {
    const head = await get(host.port, '/assets/app.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    for (const method of ['OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH', 'PROPFIND', 'TRACE']) {
      const r = await get(host.port, '/index.html', { 'Content-Length': '0' }, method);
      expect(r.status, method).toBe(405);
      expect(r.headers.allow).toEqual(['GET, HEAD']);
    }
    await expectStillServing(host, cookie);
  });

  it('answers 405 to anything but POST on the contract, a CORS preflight included', async () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']) {
      const r = await get(
        host.port,
        '/api/app.info',
        { Cookie: cookie, Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
        method,
      );
      expect(r.status, method).toBe(405);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
    }
    await expectStillServing(host, cookie);
  });

  it('refuses CONNECT and protocol upgrades', async () => {
    const connectReq = await rawRequest(host.port, `CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n`);
    expect(connectReq.status).toBe(405);
    const upgrade = await get(host.port, '/api/app.info', { Connection: 'Upgrade', Upgrade: 'websocket', Cookie: cookie });
    expect(upgrade.status).toBe(400);
    await expectStillServing(host, cookie);
  });

  it('answers a contract call whose body is not JSON, or too deep for the parser, with an error as data', async () => {
    const notJson = await rawRequest(
      host.port,
      `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{"a":`,
    );
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    const nested = `{"itemId":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const deep = await rawRequest(
      host.port,
      `POST /api/item.detail HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: ${nested.length}\r\n\r\n${nested}`,
    );
    expect(deep.status).toBe(200);
    expect(JSON.parse(deep.body)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    await expectStillServing(host, cookie);
  });

  it('keeps running when a client goes away in the middle of a body', async () => {
    const cut = await rawRequest(
      host.port,
      `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":`,
      { endAfterWrite: true },
    );
    // The parser answers the unfinished request itself; the handler waiting for the body lets go.
    expect(cut.status).toBe(400);
    await expectStillServing(host, cookie);
  });

  it('turns a failure inside the handler into a 500 with an error body, and keeps running', async () => {
    const dispatch = host.core.dispatch;
    host.core.dispatch = () => {
      throw new Error('a fault injected by the test');
    };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const r = await post(host.port, 'app.info', {}, { Cookie: cookie });
      expect(r.status).toBe(500);
      expect(JSON.parse(r.body)).toEqual({
        ok: false,
        error: { code: 'internal', message: 'The host could not answer this request; the reason is in its log.' },
      });
      expect(logged).toHaveBeenCalledWith(
        'Vigil (browser host): a POST request failed:',
        expect.objectContaining({ message: 'a fault injected by the test' }),
      );
    } finally {
      host.core.dispatch = dispatch;
      logged.mockRestore();
    }
    await expectStillServing(host, cookie);
  });

  it('serves only files inside the renderer folder, and never one outside it', async () => {
    const r = await get(host.port, '/secret.txt', { Cookie: cookie });
    // A missing file is a route of the app: its page, never the file of the same name outside.
    expect(r.status).toBe(200);
    expect(r.body).toContain('<div id="root">');
    expect(r.body).not.toContain('not for the browser');
  });

  it('refuses a Host header that is not this host, on files and on the contract', async () => {
    const rebound = await rawRequest(
      host.port,
      `GET /index.html HTTP/1.1\r\nHost: evil.example:${host.port}\r\nConnection: close\r\nCookie: ${cookie}\r\n\r\n`,
    );
    expect(rebound.status).toBe(400);
    const api = await rawRequest(
      host.port,
      `POST /api/app.info HTTP/1.1\r\nHost: evil.example:${host.port}\r\nConnection: close\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
    );
    expect(api.status).toBe(403);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'transport' } });
  });

  it('still refuses another Origin and another content type, even with the session', async () => {
    const origin = await post(host.port, 'app.info', {}, { Cookie: cookie, Origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    expect(JSON.parse(origin.body)).toMatchObject({ ok: false, error: { code: 'transport' } });
    const text = await rawRequest(
      host.port,
      `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\nCookie: ${cookie}\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}`,
    );
    expect(text.status).toBe(403);
  });
});

describe('the browser host lets in only the holder of this launch’s key', () => {
  let host: WebHost;
  beforeAll(async () => {
    host = await start();
  });
  afterAll(() => host.close());

  it('prints an address with a key of at least 128 random bits', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?key=${keyOf(host)}`);
    expect(host.baseUrl).toBe(`http://127.0.0.1:${host.port}/`);
    expect(keyOf(host)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses the contract without a session cookie, with an error as data', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { Cookie: `vigil_session_${host.port}=${keyOf(host)}` },
      { Cookie: `vigil_session_${host.port}=` },
      { Cookie: 'garbage' },
    ]) {
      const r = await post(host.port, 'app.info', {}, headers);
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(JSON.parse(r.body).error.message).toContain('Open the address Vigil printed');
    }
  });

  it('shows how to open Vigil instead of the app without a session, and serves the bundle', async () => {
    for (const target of ['/', '/index.html', '/some/route']) {
      const r = await get(host.port, target);
      expect(r.status, target).toBe(403);
      expect(r.headers['content-type']).toEqual(['text/html; charset=utf-8']);
      expect(r.headers['content-security-policy']![0]).toContain("default-src 'none'");
      expect(r.body).toContain('Open Vigil from the address it printed');
      expect(r.body).toContain(`Vigil is running at http://127.0.0.1:${host.port}/?key=…`);
      expect(r.body).not.toContain('<div id="root">');
      expect(r.body).not.toContain(keyOf(host));
      expect(r.body).not.toContain('<script');
    }
    // The bundle is the same for everyone and holds no data.
    expect((await get(host.port, '/assets/app.js')).status).toBe(200);
  });

  it('gives no cookie for a wrong key', async () => {
    const key = keyOf(host);
    const wrong = [
      `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`,
      key.slice(0, 22),
      `${key}x`,
      '',
      key.toUpperCase() === key ? key.toLowerCase() : key.toUpperCase(),
    ];
    for (const candidate of wrong) {
      const r = await get(host.port, `/?key=${encodeURIComponent(candidate)}`);
      expect(r.status, candidate).toBe(403);
      expect(r.headers['set-cookie']).toBeUndefined();
      expect(r.body).toContain('is not the one the running Vigil printed');
    }
  });

  it('trades the right key for an HttpOnly, SameSite=Strict session cookie and an address without the key', async () => {
    const r = await get(host.port, `/?key=${keyOf(host)}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toEqual(['/']);
    expect(r.headers['cache-control']).toEqual(['no-store']);
    expect(r.headers['referrer-policy']).toEqual(['no-referrer']);
    const [setCookie] = r.headers['set-cookie']!;
    const [pair, ...attributes] = setCookie!.split(';').map((s) => s.trim());
    expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    const [name, value] = pair!.split('=');
    expect(name).toBe(`vigil_session_${host.port}`);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value).not.toBe(keyOf(host));

    // The key on another path keeps the path and other parameters, without the key.
    const deep = await get(host.port, `/queue?view=all&key=${keyOf(host)}`);
    expect(deep.headers.location).toEqual(['/queue?view=all']);
  });

  it('serves the app and answers the contract with the session cookie', async () => {
    const cookie = await signIn(host);
    const page = await get(host.port, '/', { Cookie: `other=1; ${cookie}; more=2` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const info = await post(host.port, 'app.info', {}, { Cookie: cookie });
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { host: 'web', actor: 'tester' } });
    // Errors of core still arrive as data with the session.
    const bad = await post(host.port, 'item.detail', { itemId: 'x' }, { Cookie: cookie });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });
});

describe('a restart of the browser host', () => {
  it('ends every session: the old cookie and the old key are refused, the new address works', async () => {
    const first = await start();
    const port = first.port;
    const oldKey = keyOf(first);
    const oldCookie = await signIn(first);
    await first.close();

    const second = await start(port);
    try {
      expect(second.port).toBe(port);
      expect(keyOf(second)).not.toBe(oldKey);
      const stale = await post(port, 'app.info', {}, { Cookie: oldCookie });
      expect(stale.status).toBe(401);
      expect(JSON.parse(stale.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      const page = await get(port, '/', { Cookie: oldCookie });
      expect(page.status).toBe(403);
      const oldAddress = await get(port, `/?key=${oldKey}`);
      expect(oldAddress.status).toBe(403);
      expect(oldAddress.headers['set-cookie']).toBeUndefined();

      const cookie = await signIn(second);
      expect(cookie).not.toBe(oldCookie);
      await expectStillServing(second, cookie);
    } finally {
      await second.close();
    }
  });
});

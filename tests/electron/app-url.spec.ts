// The renderer's URL and file mapping in the desktop host: pure functions, no Electron needed.
import { expect, test } from '@playwright/test';
import { join, resolve, sep } from 'node:path';
import { APP_ENTRY, contentTypeOf, isAppUrl, isExternalWebUrl, resolveAppRequest } from '../../src/main/app-url';

const dir = resolve('/srv/vigil/out/renderer');

test.describe('app URL', () => {
  test('recognises only our own renderer as the app', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('vigil://app/assets/index.js?x=1#y')).toBe(true);
    for (const url of [
      'vigil://evil/index.html',
      'vigil://app.evil.com/',
      'vigil://user@app/',
      'https://app/',
      'file:///index.html',
      'about:blank',
      '',
      'not a url',
      null,
      undefined,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  test('lets only http(s) links leave the app', () => {
    expect(isExternalWebUrl('https://example.com/a?b')).toBe(true);
    expect(isExternalWebUrl('http://example.com')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'vigil://app/',
      'data:text/html,x',
      'mailto:a@b.c',
      'ms-settings:',
      'https://',
      'nonsense',
    ]) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });
});

test.describe('renderer files', () => {
  test('serves files inside the renderer folder', () => {
    expect(resolveAppRequest(dir, 'vigil://app/')).toEqual({ kind: 'file', path: join(dir, 'index.html') });
    expect(resolveAppRequest(dir, 'vigil://app/index.html')).toEqual({ kind: 'file', path: join(dir, 'index.html') });
    expect(resolveAppRequest(dir, 'vigil://app/assets/index-abc.js?v=1')).toEqual({
      kind: 'file',
      path: join(dir, 'assets', 'index-abc.js'),
    });
    expect(resolveAppRequest(dir, 'vigil://app/assets/a%20b.css')).toEqual({ kind: 'file', path: join(dir, 'assets', 'a b.css') });
  });

  test('falls back to index.html for client-side routes', () => {
    expect(resolveAppRequest(dir, 'vigil://app/queue/settings')).toEqual({ kind: 'file', path: join(dir, 'index.html') });
  });

  test('never resolves outside the folder, whatever the encoding', () => {
    for (const url of [
      'vigil://app/../../package.json',
      'vigil://app/%2e%2e/%2e%2e/package.json',
      'vigil://app/assets/%2E%2E/%2E%2E/secret.txt',
      'vigil://app/..%2f..%2fpackage.json',
      'vigil://app/%2e%2e%5c%2e%2e%5cpackage.json',
      'vigil://app/assets%5c..%5c..%5cx.js',
      'vigil://app/%2F%2Fetc%2Fpasswd',
      'vigil://app/%00index.html',
      'vigil://app/%E0%A4%A',
    ]) {
      const r = resolveAppRequest(dir, url);
      if (r.kind === 'file') expect(r.path.startsWith(dir + sep), `${url} -> ${r.path}`).toBe(true);
    }
  });

  test('refuses decoded traversal, back-slashes, NUL and bad escapes outright', () => {
    for (const url of [
      'vigil://app/..%2f..%2fpackage.json',
      'vigil://app/%2e%2e%5c%2e%2e%5cpackage.json',
      'vigil://app/assets%5c..%5c..%5cx.js',
      'vigil://app/%00index.html',
      'vigil://app/%E0%A4%A',
    ]) {
      expect(resolveAppRequest(dir, url).kind, url).toBe('refused');
    }
  });

  test('refuses other hosts of the scheme and other schemes', () => {
    expect(resolveAppRequest(dir, 'vigil://other/index.html')).toMatchObject({ kind: 'refused', status: 404 });
    expect(resolveAppRequest(dir, 'file:///etc/passwd')).toMatchObject({ kind: 'refused' });
  });

  test('names JavaScript exactly, since module scripts need it', () => {
    expect(contentTypeOf('/x/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('/x/blob')).toBe('application/octet-stream');
  });
});

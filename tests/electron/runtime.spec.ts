// How `npm start` and the smoke test decide whether Electron can start, on fake project
// folders (no runtime, no network, no compiler needed).
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  displayProblem,
  electronReadiness,
  findElectronBinary,
  gist,
  nativeBindingStatus,
  prepareElectron,
} from '../../scripts/lib/electron-runtime.mjs';

let root: string;

function fakeProject({ pathTxt, binary, native }: { pathTxt?: boolean; binary?: boolean; native?: 'none' | 'current' | 'stale' }) {
  const dir = join(root, 'node_modules', 'electron');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  writeFileSync(join(dir, 'abi_version'), '150\n');
  if (pathTxt) writeFileSync(join(dir, 'path.txt'), 'electron');
  if (binary) writeFileSync(join(dir, 'dist', 'electron'), '');
  if (native && native !== 'none') {
    mkdirSync(join(root, '.electron-native'), { recursive: true });
    writeFileSync(join(root, '.electron-native', 'better_sqlite3.node'), '');
    const electron = native === 'current' ? '45.4.1' : '44.0.0';
    writeFileSync(
      join(root, '.electron-native', 'build.json'),
      JSON.stringify({ electron, platform: process.platform, arch: process.arch }),
    );
  }
}

const display = { DISPLAY: ':0' };

test.beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vigil-electron-runtime-'));
});
test.afterEach(() => rmSync(root, { recursive: true, force: true }));

test.describe('runtime detection', () => {
  test('no electron package at all', () => {
    expect(findElectronBinary({ root, env: {} })).toEqual({
      ok: false,
      reason: 'the electron package is not installed (run `npm install`)',
    });
  });

  test('package without its downloaded binary (what `require("electron")` would try to fetch)', () => {
    fakeProject({});
    const r = findElectronBinary({ root, env: {}, platform: 'linux' });
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.reason).toContain('runtime not installed: node_modules/electron/path.txt is missing');
  });

  test('path.txt naming a binary that is gone', () => {
    fakeProject({ pathTxt: true });
    const r = findElectronBinary({ root, env: {}, platform: 'linux' });
    expect(!r.ok && r.reason).toBe(`runtime not installed: ${join('node_modules', 'electron', 'dist', 'electron')} is missing`);
  });

  test('an installed binary', () => {
    fakeProject({ pathTxt: true, binary: true });
    expect(findElectronBinary({ root, env: {}, platform: 'linux' })).toEqual({
      ok: true,
      path: join(root, 'node_modules', 'electron', 'dist', 'electron'),
      version: '45.4.1',
    });
  });

  test('ELECTRON_OVERRIDE_DIST_PATH is honoured like the electron package does', () => {
    fakeProject({});
    const dist = join(root, 'custom');
    mkdirSync(dist);
    expect(findElectronBinary({ root, env: { ELECTRON_OVERRIDE_DIST_PATH: dist }, platform: 'linux' })).toMatchObject({ ok: false });
    writeFileSync(join(dist, 'electron'), '');
    expect(findElectronBinary({ root, env: { ELECTRON_OVERRIDE_DIST_PATH: dist }, platform: 'linux' })).toMatchObject({
      ok: true,
      path: join(dist, 'electron'),
    });
  });

  test('a display is needed on Linux only', () => {
    expect(displayProblem({ env: {}, platform: 'linux' })).toBe('no display server: DISPLAY and WAYLAND_DISPLAY are unset');
    expect(displayProblem({ env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux' })).toBeNull();
    expect(displayProblem({ env: display, platform: 'linux' })).toBeNull();
    expect(displayProblem({ env: {}, platform: 'darwin' })).toBeNull();
    expect(displayProblem({ env: {}, platform: 'win32' })).toBeNull();
  });

  test('better-sqlite3 must be built for the installed Electron', () => {
    fakeProject({ native: 'none' });
    expect(nativeBindingStatus({ root }).reason).toContain(
      '.electron-native/better_sqlite3.node is missing (run `npm run rebuild:electron`)',
    );
    rmSync(root, { recursive: true });
    mkdirSync(root);
    fakeProject({ native: 'stale' });
    expect(nativeBindingStatus({ root }).reason).toContain('was built for Electron 44.0.0, not 45.4.1');
    rmSync(root, { recursive: true });
    mkdirSync(root);
    fakeProject({ native: 'current' });
    expect(nativeBindingStatus({ root })).toEqual({ ok: true, path: join(root, '.electron-native', 'better_sqlite3.node') });
  });

  test('readiness names the first missing piece, in order runtime, display, native build', () => {
    fakeProject({});
    expect(electronReadiness({ root, env: display, platform: 'linux' })).toMatchObject({ ok: false, stage: 'runtime' });
    fakeProject({ pathTxt: true, binary: true });
    expect(electronReadiness({ root, env: {}, platform: 'linux' })).toMatchObject({ ok: false, stage: 'display' });
    expect(electronReadiness({ root, env: display, platform: 'linux' })).toMatchObject({ ok: false, stage: 'native' });
    fakeProject({ pathTxt: true, binary: true, native: 'current' });
    expect(electronReadiness({ root, env: display, platform: 'linux' })).toMatchObject({
      ok: true,
      executablePath: join(root, 'node_modules', 'electron', 'dist', 'electron'),
    });
  });
});

test.describe('what npm start prepares', () => {
  const never = async () => {
    throw new Error('must not be called');
  };

  test('without runtime and display: no download attempt, one reason naming both', async () => {
    fakeProject({});
    const r = await prepareElectron({ root, env: {}, platform: 'linux', install: never, buildNative: never });
    expect(r).toEqual({
      ok: false,
      stage: 'runtime',
      reason: 'runtime not installed; no display server: DISPLAY and WAYLAND_DISPLAY are unset',
    });
  });

  test('with a display: tries the download once and reports its failure', async () => {
    fakeProject({});
    let attempts = 0;
    const r = await prepareElectron({
      root,
      env: display,
      platform: 'linux',
      install: async () => {
        attempts++;
        return { ok: false, reason: 'runtime not installed: download failed (TypeError: fetch failed)' };
      },
      buildNative: never,
    });
    expect(attempts).toBe(1);
    expect(r).toEqual({ ok: false, stage: 'runtime', reason: 'runtime not installed: download failed (TypeError: fetch failed)' });
  });

  test('a successful download, then the better-sqlite3 build', async () => {
    fakeProject({});
    const r = await prepareElectron({
      root,
      env: display,
      platform: 'linux',
      install: async () => {
        fakeProject({ pathTxt: true, binary: true });
        return { ok: true };
      },
      buildNative: async () => {
        fakeProject({ native: 'current' });
        return { ok: true };
      },
    });
    expect(r).toMatchObject({ ok: true, version: '45.4.1' });
  });

  test('a failed better-sqlite3 build is the reason', async () => {
    fakeProject({ pathTxt: true, binary: true });
    const r = await prepareElectron({
      root,
      env: display,
      platform: 'linux',
      install: never,
      buildNative: async () => ({ ok: false, reason: 'better-sqlite3 not built for Electron: headers could not be downloaded' }),
    });
    expect(r).toEqual({ ok: false, stage: 'native', reason: 'better-sqlite3 not built for Electron: headers could not be downloaded' });
  });
});

test('gist keeps the line that explains a failure', () => {
  expect(gist('Downloading…\nError: fetch failed\n    at x (y.js:1:1)\n')).toBe('Error: fetch failed');
  expect(gist('noise\nRequestError: getaddrinfo ENOTFOUND github.com\nError: other')).toBe(
    'RequestError: getaddrinfo ENOTFOUND github.com',
  );
  expect(gist('[77:ERROR:zygote_host_impl_linux.cc(101)] Running as root without --no-sandbox is not supported.')).toBe(
    'Running as root without --no-sandbox is not supported.',
  );
  expect(gist('x'.repeat(500)).length).toBe(160);
});

// The built main process (out/main/index.js), run in plain Node against a fake Electron
// (tests/electron/fake-electron): what it configures and how it answers the renderer,
// navigation, window.open, permissions and downloads. This runs everywhere; the smoke test
// (smoke.spec.ts) checks the same in the real runtime where one exists.
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { IPC_PREFIX, METHODS } from '../../src/shared/contract';

const ROOT = resolve(import.meta.dirname, '../..');
const FAKE = join(ROOT, 'tests/electron/fake-electron');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  // The driver's report; its shape is documented by drive.mjs.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  result: any;
}

function drive(env: Record<string, string | undefined>): Promise<Run> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('VIGIL_') && k !== 'ELECTRON_RUN_AS_NODE') base[k] = v;
  for (const [k, v] of Object.entries(env)) if (v !== undefined) base[k] = v;
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', join(FAKE, 'register.mjs'), join(FAKE, 'drive.mjs')], {
      cwd: ROOT,
      env: base,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      resolveRun({ code, stdout, stderr, result: line ? JSON.parse(line.slice('RESULT '.length)) : null });
    });
  });
}

let tmp: string;
test.beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-main-'));
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test.describe('main process against a fake Electron', () => {
  let run: Run;
  test.beforeAll(async () => {
    run = await drive({
      FAKE_APP_PATH: ROOT,
      FAKE_USER_DATA: join(tmp, 'user-data'),
      VIGIL_DATA_DIR: join(tmp, 'data'),
      VIGIL_READY_SIGNAL: 'ready-token-1',
    });
  });

  test('starts, loads the renderer from vigil://app/ and signals ready', () => {
    expect(run.code, run.stderr).toBe(0);
    const r = run.result;
    expect(r.loadedUrl).toBe('vigil://app/index.html');
    expect(r.readySignalPrinted).toBe(true);
    expect(r.name).toBe('Vigil');
    // One instance per database: Chromium's profile (and lock) sits beside VIGIL_DATA_DIR.
    expect(r.userData).toBe(join(tmp, 'data', 'electron-profile'));
  });

  test('creates the window with the secure web preferences', () => {
    expect(run.result.sandboxEnabled).toBe(true);
    expect(run.result.webPreferences).toMatchObject({
      preload: join(ROOT, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  test('registers the scheme without bypassCSP or corsEnabled', () => {
    expect(run.result.privileged).toEqual([
      { scheme: 'vigil', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  test('serves the built renderer with the CSP header and refuses the rest', () => {
    const r = run.result;
    expect(r.index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', csp: CONTENT_SECURITY_POLICY, nosniff: 'nosniff' });
    expect(r.index.body).toContain('<div id="root">');
    expect(r.assetPath).toMatch(/^assets\/.+\.js$/);
    expect(r.asset).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', csp: CONTENT_SECURITY_POLICY });
    expect(r.traversal.status).toBe(403);
    expect(r.post.status).toBe(405);
    expect(r.otherHost.status).toBe(404);
    expect(r.missing.status).toBe(404);
  });

  test('handles exactly one IPC channel per contract method', () => {
    expect(run.result.channels).toEqual(METHODS.map((m) => IPC_PREFIX + m).sort());
  });

  test('answers our page through core, with errors as data', () => {
    const r = run.result;
    expect(r.appInfo).toMatchObject({ ok: true, value: { host: 'electron', dataDir: join(tmp, 'data') } });
    expect(r.stats).toMatchObject({ ok: true, value: { items: 0 } });
    expect(r.badArgs).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(r.badArgs.error.message).toContain('offset');
    expect(r.extraArgs).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });

  test('refuses IPC from any other page, a sub-frame or a vanished frame', () => {
    const r = run.result;
    for (const k of ['fromWeb', 'fromFile', 'fromSubframe', 'noFrame']) {
      expect(r[k], k).toMatchObject({ ok: false, error: { code: 'transport' } });
      expect(r[k].error.message, k).toMatch(/^Refused: /);
    }
  });

  test('blocks navigation, redirects and webviews away from the app', () => {
    expect(run.result.prevented).toEqual({
      navigateExternal: true,
      navigateFile: true,
      navigateJavascript: true,
      navigateApp: false,
      frameNavigateExternal: true,
      redirectExternal: true,
      attachWebview: true,
    });
  });

  test('denies window.open; an http(s) link opens outside only after the user confirms', () => {
    const r = run.result;
    expect(r.openCancelled.action).toBe('deny');
    expect(r.openCancelled.asked).toHaveLength(1);
    expect(r.openCancelled.asked[0]).toContain('https://example.com/a');
    expect(r.openCancelled.opened).toEqual([]);
    expect(r.openConfirmed).toMatchObject({ action: 'deny', opened: ['https://example.com/b'] });
    expect(r.openFile).toEqual({ action: 'deny', asked: [], opened: [] });
    expect(r.openCustomScheme).toEqual({ action: 'deny', asked: [], opened: [] });
    expect(r.windowsAfterOpen).toBe(1);
  });

  test('denies every permission', () => {
    expect([run.result.permissionRequest, run.result.permissionCheck, run.result.devicePermission]).toEqual([false, false, false]);
  });

  test('lets through only downloads the app itself made', () => {
    expect(run.result.downloadPrevented).toEqual({ ownBlob: false, foreignBlob: true, web: true });
  });

  test('has a standard menu without reload or DevTools', () => {
    expect(run.result.menuRoles).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', 'zoomIn']));
    expect(run.result.menuRoles).not.toContain('toggleDevTools');
    expect(run.result.menuRoles).not.toContain('reload');
  });

  test('removes its IPC handlers and closes core on quit', () => {
    expect(run.result.afterQuit).toBe('handlers removed');
  });
});

test('keeps its data in the user-data folder when VIGIL_DATA_DIR is not set', async () => {
  const run = await drive({ FAKE_APP_PATH: ROOT, FAKE_USER_DATA: join(tmp, 'ud2') });
  expect(run.code, run.stderr).toBe(0);
  expect(run.result.appInfo).toMatchObject({ ok: true, value: { dataDir: join(tmp, 'ud2') } });
  expect(run.result.userData).toBeNull();
});

test('VIGIL_DEVTOOLS=1 enables DevTools and the developer menu entries', async () => {
  const run = await drive({ FAKE_APP_PATH: ROOT, FAKE_USER_DATA: join(tmp, 'ud3'), VIGIL_DEVTOOLS: '1' });
  expect(run.code, run.stderr).toBe(0);
  expect(run.result.webPreferences.devTools).toBe(true);
  expect(run.result.menuRoles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
});

test('a second instance hands over to the first and exits cleanly', async () => {
  const run = await drive({ FAKE_APP_PATH: ROOT, FAKE_USER_DATA: join(tmp, 'ud4'), FAKE_SECOND_INSTANCE: '1' });
  expect(run.code).toBe(0);
  expect(run.stderr).toContain('Vigil is already running');
  expect(run.result).toBeNull();
});

test('a database that cannot be opened ends the start with one line and code 3', async () => {
  const notADir = join(tmp, 'file');
  writeFileSync(notADir, 'not a folder');
  const run = await drive({
    FAKE_APP_PATH: ROOT,
    FAKE_USER_DATA: join(tmp, 'ud5'),
    VIGIL_DATA_DIR: notADir,
    VIGIL_READY_SIGNAL: 'ready-token-2',
  });
  expect(run.code).toBe(3);
  const lines = run.stderr.split('\n').filter((l) => l.startsWith('Vigil (Electron) cannot start: '));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`could not open the database in ${notADir}`);
  expect(run.stdout).not.toContain('ready-token-2');
});

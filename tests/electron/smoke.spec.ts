// The real desktop app in the real Electron runtime. Where the runtime, a display or the
// Electron build of better-sqlite3 is missing, the whole file is skipped and says which
// (main-process.spec.ts still covers main's behaviour there, against a fake Electron).
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronReadiness } from '../../scripts/lib/electron-runtime.mjs';
import { METHODS } from '../../src/shared/contract';

const ROOT = resolve(import.meta.dirname, '../..');
const readiness = electronReadiness({ root: ROOT });
const HINTS: Record<string, string> = {
  runtime: ' (with internet access, `node node_modules/electron/install.js` downloads it; `npm start` tries that once)',
  display: ' (run the tests under `xvfb-run -a`)',
  native: '',
};

test.describe('Electron app', () => {
  // Skipped only where the Electron runtime cannot launch (electronReadiness says which step
  // failed: the binary was never downloaded, no display, a native module built for Node); the
  // reason printed is that step's own message.
  test.skip(!readiness.ok, `Electron cannot start here: ${readiness.ok ? '' : readiness.reason + (HINTS[readiness.stage] ?? '')}`);
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;
  const problems: string[] = [];

  test.beforeAll(async () => {
    if (!readiness.ok) return;
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-electron-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE' && !k.startsWith('VIGIL_')) env[k] = v;
    env.VIGIL_DATA_DIR = dataDir;
    const args = [ROOT];
    // Chromium refuses to start as root with its OS sandbox (containers on CI); the renderer
    // keeps `sandbox: true` (no Node, limited preload) either way.
    if (process.platform === 'linux' && process.getuid?.() === 0) args.unshift('--no-sandbox');
    app = await electron.launch({ executablePath: readiness.executablePath, args, env, cwd: ROOT });
    page = await app.firstWindow();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens its window on the app URL', async () => {
    expect(page.url()).toBe('vigil://app/index.html');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('window.vigil is exactly the contract', async () => {
    const shape = await page.evaluate(() => {
      const api = (window as unknown as { vigil: Record<string, unknown> }).vigil;
      return Object.keys(api)
        .sort()
        .map((k) => [k, typeof api[k]]);
    });
    expect(shape).toEqual([...METHODS].sort().map((m) => [m, 'function']));
  });

  test('the page has no Node and no Electron (context isolation and sandbox)', async () => {
    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        Buffer: typeof w.Buffer,
        ipcRenderer: typeof w.ipcRenderer,
        electron: typeof w.electron,
      };
    });
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
    });
  });

  test('core answers over IPC, errors as data', async () => {
    const info = await page.evaluate(() =>
      (window as unknown as { vigil: Record<string, (a: unknown) => Promise<unknown>> }).vigil['app.info']!({}),
    );
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', dataDir } });
    const bad = await page.evaluate(() =>
      (window as unknown as { vigil: Record<string, (a: unknown) => Promise<unknown>> }).vigil['queue.page']!({ offset: -1 }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });

  test('the CSP applies: no eval, no inline script', async () => {
    const r = await page.evaluate(() => {
      let evalRan = false;
      try {
        evalRan = (0, eval)('true') === true;
      } catch {
        evalRan = false;
      }
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
      return { evalRan, inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true };
    });
    expect(r).toEqual({ evalRan: false, inlineRan: false });
  });

  test('navigation to an external URL is blocked', async () => {
    const attempt = app.evaluate(
      ({ BrowserWindow }) =>
        new Promise<{ url: string; prevented: boolean }>((resolveAttempt) => {
          BrowserWindow.getAllWindows()[0]!.webContents.once('will-navigate', (event, url) =>
            resolveAttempt({ url, prevented: event.defaultPrevented }),
          );
        }),
    );
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    expect(await attempt).toEqual({ url: 'https://example.com/', prevented: true });
    expect(await page.evaluate(() => location.href)).toBe('vigil://app/index.html');
  });

  test('window.open is denied; an http(s) link is offered to the browser only after confirmation', async () => {
    // Stand in for the user: answer "Cancel" and record what would have been opened.
    await app.evaluate(({ dialog, shell }) => {
      const g = globalThis as unknown as { asked: string[]; opened: string[] };
      g.asked = [];
      g.opened = [];
      dialog.showMessageBox = (async (...a: unknown[]) => {
        const o = (a.length > 1 ? a[1] : a[0]) as { detail?: string };
        g.asked.push(o.detail ?? '');
        return { response: 0, checkboxChecked: false };
      }) as typeof dialog.showMessageBox;
      shell.openExternal = (async (url: string) => {
        g.opened.push(url);
      }) as typeof shell.openExternal;
    });
    const results = await page.evaluate(() => [window.open('https://example.com/x') === null, window.open('file:///etc/passwd') === null]);
    expect(results).toEqual([true, true]);
    await expect.poll(() => app.evaluate(() => (globalThis as unknown as { asked: string[] }).asked.length)).toBe(1);
    const seen = await app.evaluate(() => {
      const g = globalThis as unknown as { asked: string[]; opened: string[] };
      return { asked: g.asked, opened: g.opened };
    });
    expect(seen.asked[0]).toContain('https://example.com/x');
    expect(seen.opened).toEqual([]);
    expect(app.windows()).toHaveLength(1);
  });

  test('permissions are denied', async () => {
    expect(await page.evaluate(() => navigator.permissions.query({ name: 'geolocation' }).then((s) => s.state))).toBe('denied');
  });

  test('the page ran without errors', () => {
    expect(problems).toEqual([]);
  });
});

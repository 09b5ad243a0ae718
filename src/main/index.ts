// Electron main: the desktop host of core. Core runs in this process (better-sqlite3 is
// synchronous and fast; a separate process would only add a hop); the renderer reaches it
// through the preload's contract-only bridge and the IPC handlers in ipc.ts.
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { openCore, type Core } from '../core/index';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { appPaths, dataDirOf, profileDirOf } from './paths';
import { allowOnlyOwnDownloads, denyAllPermissions, installWebContentsGuards } from './web-contents-guards';
import { createMainWindow, loadApp } from './window';

/** `npm start` passes a token and waits for it on stdout: the window has loaded. */
const READY_SIGNAL = process.env.VIGIL_READY_SIGNAL;
const DEVTOOLS = process.env.VIGIL_DEVTOOLS === '1';

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
let unregisterIpc: (() => void) | null = null;

/**
 * A start-up failure ends the process with one readable line. Under `npm start` (which then
 * falls back to the browser mode) no dialog is shown, since nobody would be there to dismiss it.
 */
function fatal(reason: string): never {
  console.error(`Vigil (Electron) cannot start: ${reason}`);
  if (!READY_SIGNAL && app.isReady()) dialog.showErrorBox('Vigil cannot start', reason);
  core?.close();
  core = null;
  app.exit(3);
  process.exit(3);
}

// Before `ready`: the scheme's privileges, sandboxing of every renderer, and the app's name
// (which makes userData ~/.config/Vigil, …/Application Support/Vigil, %APPDATA%\Vigil, the
// folder core's defaultDataDir() names too, so every host shares one database by default).
registerAppScheme();
app.enableSandbox();
app.setName('Vigil');
const profileDir = profileDirOf(process.env);
if (profileDir) app.setPath('userData', profileDir);

async function openWindow(preloadPath: string): Promise<void> {
  const win = createMainWindow({ preloadPath, devtools: DEVTOOLS });
  mainWindow = win;
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('render-process-gone', (_e, details) => console.error(`[vigil] renderer gone: ${details.reason}`));
  await loadApp(win);
}

async function start(): Promise<void> {
  const paths = appPaths(app.getAppPath());
  const dataDir = dataDirOf(process.env, app.getPath('userData'));
  try {
    core = openCore({ dataDir, host: 'electron', nativeBinding: paths.nativeBinding });
  } catch (e) {
    const message = (e as Error)?.message ?? String(e);
    const abi = /NODE_MODULE_VERSION|was compiled against a different Node\.js version|better_sqlite3\.node/.test(message);
    fatal(
      abi
        ? `better-sqlite3 is not built for this Electron (run \`npm run rebuild:electron\`): ${message.split('\n')[0]}`
        : `could not open the database in ${dataDir}: ${message.split('\n')[0]}`,
    );
  }

  denyAllPermissions(session.defaultSession);
  allowOnlyOwnDownloads(session.defaultSession);
  handleAppProtocol(paths.rendererDir);
  unregisterIpc = registerIpc(() => core?.dispatch ?? null);
  Menu.setApplicationMenu(buildMenu(DEVTOOLS));

  try {
    await openWindow(paths.preloadPath);
  } catch (e) {
    fatal((e as Error).message);
  }
  if (READY_SIGNAL) process.stdout.write(`${READY_SIGNAL}\n`);
}

function shutDown(): void {
  unregisterIpc?.();
  unregisterIpc = null;
  // Closing checkpoints the WAL; every decision was already committed durably.
  core?.close();
  core = null;
}

// One instance per user: two processes writing the same database and both showing the queue
// would only confuse. A second launch brings the running window to the front.
if (!app.requestSingleInstanceLock()) {
  console.error('Vigil is already running; its window was brought to the front.');
  app.exit(0);
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  installWebContentsGuards();
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && core && BrowserWindow.getAllWindows().length === 0) {
      void openWindow(appPaths(app.getAppPath()).preloadPath).catch((e: Error) => console.error(`[vigil] ${e.message}`));
    }
  });
  app.on('will-quit', shutDown);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((e: Error) => fatal(e?.message ?? String(e)));
}

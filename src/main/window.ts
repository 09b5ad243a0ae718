// The one application window, with every web preference that matters spelled out (most are
// already Electron's defaults; stating them keeps a future edit or an upgrade from quietly
// loosening one, and lets electronegativity see them).
import { BrowserWindow } from 'electron';
import { APP_ENTRY } from './app-url';

export interface WindowOptions {
  preloadPath: string;
  devtools: boolean;
}

export function createMainWindow({ preloadPath, devtools }: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 560,
    title: 'Vigil',
    show: false,
    backgroundColor: '#111418',
    webPreferences: {
      preload: preloadPath,
      // The renderer runs hostile content (as text, but still): it gets no Node, its own
      // JavaScript world apart from the preload's, and Chromium's OS-level sandbox.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A middle-click (auxclick) on a link would ask for a new window; refuse the feature
      // outright rather than rely only on the window-open handler.
      disableBlinkFeatures: 'Auxclick',
      // No DevTools in production: a moderator's session is not a debugging console.
      devTools: devtools,
    },
  });
  win.once('ready-to-show', () => win.show());
  if (devtools) win.webContents.once('did-finish-load', () => win.webContents.openDevTools({ mode: 'detach' }));
  return win;
}

/** Loads the renderer; resolves when it loaded, rejects with Chromium's reason when not. */
export function loadApp(win: BrowserWindow): Promise<void> {
  return new Promise((resolve, reject) => {
    const onFail = (_e: unknown, code: number, description: string, url: string, isMainFrame: boolean) => {
      if (!isMainFrame) return;
      win.webContents.off('did-finish-load', onLoad);
      reject(new Error(`could not load ${url}: ${description} (${code})`));
    };
    const onLoad = () => {
      win.webContents.off('did-fail-load', onFail);
      resolve();
    };
    win.webContents.once('did-finish-load', onLoad);
    win.webContents.once('did-fail-load', onFail);
    // loadURL's own promise rejects on failure too; the events above carry the reason.
    win.loadURL(APP_ENTRY).catch(() => undefined);
  });
}

// A stand-in for the parts of Electron's main-process API that src/main uses. It records
// what main configures (scheme privileges, window options, handlers) and lets the driver
// play the part of Chromium: send requests to the protocol handler, IPC calls from a frame,
// navigation and window.open attempts. It checks nothing itself; the spec does.
import { EventEmitter } from 'node:events';

export const recorded = {
  privileged: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  windows: [],
  menus: [],
  applicationMenu: null,
  sandboxEnabled: false,
  name: 'vigil',
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  devicePermissionHandler: null,
  dialogs: [],
  errorBoxes: [],
  opened: [],
  dialogResponse: 0,
  exitCode: null,
  userData: null,
};
globalThis.__fakeElectron = recorded;

class FakeApp extends EventEmitter {
  #ready = false;
  #readyPromise = null;
  // Electron becomes ready after the main script has run; here, just after main first asks.
  get name() {
    return recorded.name;
  }
  setName(name) {
    recorded.name = name;
  }
  whenReady() {
    this.#readyPromise ??= new Promise((resolve) => {
      setImmediate(() => {
        this.#ready = true;
        this.emit('ready');
        resolve();
      });
    });
    return this.#readyPromise;
  }
  isReady() {
    return this.#ready;
  }
  enableSandbox() {
    recorded.sandboxEnabled = true;
  }
  requestSingleInstanceLock() {
    return process.env.FAKE_SECOND_INSTANCE !== '1';
  }
  getAppPath() {
    return process.env.FAKE_APP_PATH;
  }
  getPath(name) {
    if (name !== 'userData') throw new Error(`fake getPath(${name})`);
    return recorded.userData ?? process.env.FAKE_USER_DATA;
  }
  setPath(name, path) {
    if (name !== 'userData') throw new Error(`fake setPath(${name})`);
    if (this.#ready) throw new Error('setPath(userData) after ready');
    recorded.userData = path;
  }
  #quitting = false;
  quit() {
    if (this.#quitting) return;
    this.#quitting = true;
    for (const w of [...recorded.windows]) w.close();
    this.emit('will-quit', { preventDefault() {} });
  }
  exit(code) {
    recorded.exitCode = code;
    process.exit(code);
  }
}
export const app = new FakeApp();

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (app.isReady()) throw new Error('registerSchemesAsPrivileged after ready');
    recorded.privileged.push(...schemes);
  },
  handle(scheme, handler) {
    if (!app.isReady()) throw new Error('protocol.handle before ready');
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle(channel, fn) {
    if (recorded.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    recorded.ipcHandlers.set(channel, fn);
  },
  removeHandler(channel) {
    recorded.ipcHandlers.delete(channel);
  },
};

class FakeSession extends EventEmitter {
  setPermissionRequestHandler(fn) {
    recorded.permissionRequestHandler = fn;
  }
  setPermissionCheckHandler(fn) {
    recorded.permissionCheckHandler = fn;
  }
  setDevicePermissionHandler(fn) {
    recorded.devicePermissionHandler = fn;
  }
}
export const session = { defaultSession: new FakeSession() };

class FakeWebContents extends EventEmitter {
  windowOpenHandler = null;
  url = '';
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
  openDevTools() {
    recorded.devtoolsOpened = true;
  }
  /** Loads through the registered protocol handler, as Chromium would. */
  async loadURL(url) {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = recorded.protocolHandlers.get(scheme);
    const res = handler ? await handler(new Request(url)) : null;
    if (res && res.status === 200) {
      this.url = url;
      this.emit('did-finish-load');
    } else {
      this.emit('did-fail-load', {}, -6, res ? `HTTP ${res.status}` : 'ERR_UNKNOWN_URL_SCHEME', url, true);
      throw new Error(`ERR_FAILED loading ${url}`);
    }
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return recorded.windows.filter((w) => !w.destroyed);
  }
  static fromWebContents(wc) {
    return recorded.windows.find((w) => w.webContents === wc) ?? null;
  }
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    this.destroyed = false;
    this.visible = false;
    recorded.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
    this.webContents.once('did-finish-load', () => setImmediate(() => this.emit('ready-to-show')));
  }
  loadURL(url) {
    return this.webContents.loadURL(url);
  }
  show() {
    this.visible = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  close() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

export const Menu = {
  buildFromTemplate(template) {
    const menu = { template };
    recorded.menus.push(menu);
    return menu;
  },
  setApplicationMenu(menu) {
    recorded.applicationMenu = menu;
  },
};

export const dialog = {
  async showMessageBox(...args) {
    const options = args.length > 1 ? args[1] : args[0];
    recorded.dialogs.push(options);
    return { response: recorded.dialogResponse, checkboxChecked: false };
  },
  showErrorBox(title, content) {
    recorded.errorBoxes.push({ title, content });
  },
};

export const shell = {
  async openExternal(url) {
    recorded.opened.push(url);
  },
};

export default { app, protocol, ipcMain, session, BrowserWindow, Menu, dialog, shell };

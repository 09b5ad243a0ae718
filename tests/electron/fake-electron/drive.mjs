// Runs the built main process (out/main/index.js) against the fake Electron and plays
// Chromium's part: requests to vigil://, IPC calls from various frames, navigation and
// window.open attempts, permission requests, downloads, then quit. Prints one line,
// `RESULT {json}`, with what happened; tests/electron/main-process.spec.ts asserts on it.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const root = process.env.FAKE_APP_PATH;

// Capture stdout so the ready signal can be checked (and still shown).
let stdout = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  stdout += chunk;
  return write(chunk, ...rest);
};

const { app, session, recorded } = await import('electron');
await import(pathToFileURL(join(root, 'out', 'main', 'index.js')).href);

const started = Date.now();
while (!recorded.windows[0]?.visible) {
  if (Date.now() - started > 20_000) {
    console.error('the window never became visible');
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 20));
}
const win = recorded.windows[0];
const wc = win.webContents;
const tick = () => new Promise((r) => setImmediate(r));
const r = {};

r.name = recorded.name;
r.userData = recorded.userData;
r.sandboxEnabled = recorded.sandboxEnabled;
r.privileged = recorded.privileged;
r.webPreferences = { ...win.options.webPreferences };
r.loadedUrl = wc.url;
r.readySignalPrinted = stdout.split('\n').includes(process.env.VIGIL_READY_SIGNAL);

// The renderer over the custom protocol.
const handler = recorded.protocolHandlers.get('vigil');
async function get(url, method = 'GET') {
  const res = await handler(new Request(url, { method }));
  const body = method === 'GET' ? await res.text() : '';
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    csp: res.headers.get('content-security-policy'),
    nosniff: res.headers.get('x-content-type-options'),
    body: body.slice(0, 4000),
  };
}
r.index = await get('vigil://app/');
const src = /src="\.\/([^"]+\.js)"/.exec(r.index.body)?.[1];
r.assetPath = src ?? null;
r.asset = src ? { ...(await get(`vigil://app/${src}`)), body: undefined } : null;
r.traversal = { ...(await get('vigil://app/..%2f..%2fpackage.json')), body: undefined };
r.post = { ...(await get('vigil://app/index.html', 'POST')), body: undefined };
r.otherHost = { ...(await get('vigil://evil/index.html')), body: undefined };
r.missing = { ...(await get('vigil://app/assets/nope.js')), body: undefined };

// IPC, from our page and from elsewhere.
r.channels = [...recorded.ipcHandlers.keys()].sort();
const call = (channel, args, senderFrame) => recorded.ipcHandlers.get(channel)({ senderFrame }, args);
const appFrame = { url: 'vigil://app/index.html', parent: null };
r.appInfo = await call('vigil:app.info', {}, appFrame);
r.stats = await call('vigil:stats', {}, appFrame);
r.badArgs = await call('vigil:queue.page', { filter: {}, offset: -1, limit: 10 }, appFrame);
r.extraArgs = await call('vigil:stats', { sneaky: true }, appFrame);
r.fromWeb = await call('vigil:stats', {}, { url: 'https://evil.example/', parent: null });
r.fromFile = await call('vigil:stats', {}, { url: 'file:///tmp/x.html', parent: null });
r.fromSubframe = await call('vigil:stats', {}, { url: 'vigil://app/index.html', parent: appFrame });
r.noFrame = await call('vigil:stats', {}, null);

// Navigation, redirects, webviews.
function attempt(eventName, url) {
  let prevented = false;
  const event = {
    url,
    preventDefault: () => (prevented = true),
    get defaultPrevented() {
      return prevented;
    },
  };
  if (eventName === 'will-frame-navigate') wc.emit(eventName, event);
  else wc.emit(eventName, event, url);
  return prevented;
}
r.prevented = {
  navigateExternal: attempt('will-navigate', 'https://example.com/'),
  navigateFile: attempt('will-navigate', 'file:///etc/passwd'),
  navigateJavascript: attempt('will-navigate', 'javascript:alert(1)'),
  navigateApp: attempt('will-navigate', 'vigil://app/index.html#queue'),
  frameNavigateExternal: attempt('will-frame-navigate', 'https://example.com/'),
  redirectExternal: attempt('will-redirect', 'https://example.com/'),
  attachWebview: attempt('will-attach-webview', 'https://example.com/'),
};

// window.open: always denied; http(s) offered to the system browser after confirmation.
async function open(url, response) {
  recorded.dialogResponse = response;
  const dialogsBefore = recorded.dialogs.length;
  const openedBefore = recorded.opened.length;
  const decision = wc.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' });
  for (let i = 0; i < 5; i++) await tick();
  return {
    action: decision.action,
    asked: recorded.dialogs.slice(dialogsBefore).map((d) => d.detail ?? ''),
    opened: recorded.opened.slice(openedBefore),
  };
}
r.openCancelled = await open('https://example.com/a', 0);
r.openConfirmed = await open('https://example.com/b', 1);
r.openFile = await open('file:///etc/passwd', 1);
r.openCustomScheme = await open('ms-msdt:/id PCWDiagnostic', 1);
r.windowsAfterOpen = recorded.windows.length;

// Permissions.
r.permissionRequest = await new Promise((resolve) => recorded.permissionRequestHandler(wc, 'media', resolve, {}));
r.permissionCheck = recorded.permissionCheckHandler(wc, 'notifications', 'vigil://app', {});
r.devicePermission = recorded.devicePermissionHandler({ deviceType: 'hid' });

// Downloads: only what the renderer itself made.
function download(url) {
  let prevented = false;
  session.defaultSession.emit('will-download', { preventDefault: () => (prevented = true) }, { getURL: () => url }, wc);
  return prevented;
}
r.downloadPrevented = {
  ownBlob: download('blob:vigil://app/5f1c'),
  foreignBlob: download('blob:https://evil.example/5f1c'),
  web: download('https://evil.example/x.exe'),
};

// The menu.
const roles = [];
const walk = (items) => {
  for (const it of items ?? []) {
    if (it.role) roles.push(it.role);
    if (Array.isArray(it.submenu)) walk(it.submenu);
  }
};
walk(recorded.applicationMenu?.template);
r.menuRoles = roles;

// Quit: core is closed, IPC answers with an error instead of touching a closed database.
app.quit();
await tick();
r.afterQuit = recorded.ipcHandlers.size === 0 ? 'handlers removed' : await call('vigil:stats', {}, appFrame);

write(`RESULT ${JSON.stringify(r)}\n`);
process.exit(0);

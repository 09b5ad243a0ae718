// Locks down every WebContents the app creates: it shows our renderer and nothing else.
// Installed for all of them (app 'web-contents-created'), so a window added later cannot
// forget a guard.
import { app, BrowserWindow, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-url';
import { confirmAndOpenExternal } from './external-links';

function guard(contents: WebContents): void {
  // The page never leaves the app: links in content, location changes, redirects and form
  // posts are all stopped. (An http(s) link opens outside via window.open, see below.)
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });

  // No new Electron windows, ever. An http(s) URL (a link with target=_blank or
  // window.open from the UI's "open link" action) is offered to the system browser after
  // the user confirms.
  contents.setWindowOpenHandler(({ url }) => {
    void confirmAndOpenExternal(url, BrowserWindow.fromWebContents(contents));
    return { action: 'deny' };
  });

  // <webview> would be a second, unguarded renderer.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Camera, microphone, notifications, geolocation, clipboard-read, HID…: none is needed. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // getDisplayMedia is refused by default when no handler is set; none is set on purpose.
}

/**
 * Exports are saved by the renderer as a blob it made itself (blob:vigil://app/…), which
 * Electron turns into a "Save as" dialog. A download of anything else (a URL from content)
 * is cancelled.
 */
export function allowOnlyOwnDownloads(session: Session): void {
  session.on('will-download', (event, item) => {
    const url = item.getURL();
    const own = url.startsWith('blob:') ? isAppUrl(url.slice('blob:'.length)) : url.startsWith('data:');
    if (!own) event.preventDefault();
  });
}

export function installWebContentsGuards(): void {
  app.on('web-contents-created', (_event, contents) => guard(contents));
}

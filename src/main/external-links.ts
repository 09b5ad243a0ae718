// Content is hostile: a link in a post must never open by itself. The app never navigates
// away; an http(s) link the user clicks opens in their browser only after they confirm it,
// and every other scheme (file:, javascript:, smb:, custom app handlers…) is dropped.
import { BrowserWindow, dialog, shell } from 'electron';
import { isExternalWebUrl } from './app-url';

/** One confirmation at a time per window, so a page cannot stack up dialogs. */
const pending = new WeakSet<BrowserWindow>();

export async function confirmAndOpenExternal(url: string, parent: BrowserWindow | null): Promise<boolean> {
  if (!isExternalWebUrl(url)) return false;
  if (parent && pending.has(parent)) return false;
  if (parent) pending.add(parent);
  try {
    const shown = url.length > 300 ? `${url.slice(0, 300)}…` : url;
    const options = {
      type: 'warning' as const,
      title: 'Open link in your browser?',
      message: 'This link leads outside Vigil.',
      detail: `${shown}\n\nIt comes from content under review and may be malicious. Open it in your default browser?`,
      buttons: ['Cancel', 'Open in browser'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    if (response !== 1) return false;
    await shell.openExternal(url);
    return true;
  } catch (e) {
    console.error(`[vigil] could not open ${url}: ${(e as Error).message}`);
    return false;
  } finally {
    if (parent) pending.delete(parent);
  }
}

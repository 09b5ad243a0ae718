// The application menu: standard Edit/View/Window roles so copy, paste, text undo and zoom
// work as people expect. Reload and DevTools only when VIGIL_DEVTOOLS=1: a stray Ctrl+R
// mid-triage should not throw away the moderator's place, and production has no DevTools.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export function buildMenu(devtools: boolean): Menu {
  const isMac = process.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (devtools) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ label: app.name, role: 'appMenu' as const }] : [{ role: 'fileMenu' as const }]),
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

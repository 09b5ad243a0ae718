// The preload: the only code that sees both the page and Electron. It exposes the contract
// as `window.vigil` and nothing else: no ipcRenderer, no generic send/invoke, no Node.
// Runs sandboxed (CommonJS, see electron.vite.config.ts), so it imports only 'electron'
// and code bundled from src/.
import { contextBridge, ipcRenderer } from 'electron';
import { createVigilApi } from './api';

contextBridge.exposeInMainWorld(
  'vigil',
  createVigilApi((channel, args) => ipcRenderer.invoke(channel, args)),
);

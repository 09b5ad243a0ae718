import { contextBridge } from 'electron';
contextBridge.exposeInMainWorld('vigil', {});

// Where the desktop host finds its pieces. Pure (no Electron import) so it is testable.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * better-sqlite3 compiled for Electron's ABI (`npm run rebuild:electron`). It lives apart from
 * node_modules so the Node build used by tests, the CLI and the browser host stays as it is.
 */
export const ELECTRON_NATIVE_DIR = '.electron-native';
export const ELECTRON_NATIVE_BINDING = 'better_sqlite3.node';

export interface AppPaths {
  rendererDir: string;
  preloadPath: string;
  /** undefined when no Electron build exists (core then tries node_modules' own build). */
  nativeBinding: string | undefined;
}

export function appPaths(appRoot: string, exists: (p: string) => boolean = existsSync): AppPaths {
  const binding = join(appRoot, ELECTRON_NATIVE_DIR, ELECTRON_NATIVE_BINDING);
  return {
    rendererDir: join(appRoot, 'out', 'renderer'),
    preloadPath: join(appRoot, 'out', 'preload', 'index.cjs'),
    nativeBinding: exists(binding) ? binding : undefined,
  };
}

/** VIGIL_DATA_DIR wins, as in every host; otherwise Electron's per-user folder for "Vigil". */
export function dataDirOf(env: NodeJS.ProcessEnv, userData: string): string {
  const fromEnv = env.VIGIL_DATA_DIR?.trim();
  return fromEnv ? fromEnv : userData;
}

/**
 * With VIGIL_DATA_DIR set, Chromium's own profile (cache, local storage, the single-instance
 * lock) lives beside that database instead of in the per-user folder: one instance per
 * database, so a test run or a second data folder does not collide with the user's Vigil.
 */
export function profileDirOf(env: NodeJS.ProcessEnv): string | undefined {
  const fromEnv = env.VIGIL_DATA_DIR?.trim();
  return fromEnv ? join(resolve(fromEnv), 'electron-profile') : undefined;
}

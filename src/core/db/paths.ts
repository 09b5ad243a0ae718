import { homedir } from 'node:os';
import { join } from 'node:path';

export const DB_FILE = 'vigil.db';

/**
 * Where the local database lives: VIGIL_DATA_DIR when set, otherwise the platform's user
 * data folder, the same one Electron's app.getPath('userData') gives for "Vigil", so the
 * desktop app, the browser host and the CLI share one database by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.VIGIL_DATA_DIR) return env.VIGIL_DATA_DIR;
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Vigil');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Vigil');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Vigil');
}

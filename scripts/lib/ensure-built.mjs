// Builds the app (main, preload, renderer) when the output is missing or older than the
// sources, so `npm start` and `npm run web` work straight after `npm install`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stamp = join(root, 'out', '.built');
const inputs = [
  'src/main',
  'src/preload',
  'src/renderer',
  'src/shared',
  'src/core',
  'src/web-host',
  'electron.vite.config.ts',
  'package.json',
];
export const webHostEntry = join(root, 'out', 'web-host', 'main.mjs');

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

export function isBuilt() {
  if (!existsSync(stamp) || !existsSync(join(root, 'out', 'renderer', 'index.html')) || !existsSync(webHostEntry)) return false;
  const built = statSync(stamp).mtimeMs;
  return inputs.every((p) => newest(join(root, p)) <= built);
}

export function ensureBuilt({ quiet = false } = {}) {
  if (isBuilt()) return;
  build({ quiet });
}

/** Builds everything, stale or not. Synchronous, so that callers need no await. */
export function build({ quiet = false } = {}) {
  if (!quiet) console.error('Building Vigil…');
  const started = Date.now();
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  const r = spawnSync(bin, ['build'], { cwd: root, stdio: quiet ? 'pipe' : ['ignore', 'ignore', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) {
    if (quiet) process.stderr.write(r.stderr ?? '');
    throw new Error(`The build failed (electron-vite build exited with ${r.status}).`);
  }
  const host = spawnSync(process.execPath, [join(root, 'scripts', 'lib', 'build-web-host.mjs')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (host.status !== 0) throw new Error(`The build of the browser host failed (exit ${host.status}).`);
  writeFileSync(stamp, new Date(started).toISOString());
  if (!quiet) console.error(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

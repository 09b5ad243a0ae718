// Can the Electron desktop app start on this machine? Shared by `npm start`,
// `npm run rebuild:electron` and the Electron smoke test, so all three give the same reason.
// Every check answers { ok: true, … } or { ok: false, reason } with a reason a person can act
// on; nothing here throws for an expected situation (no runtime, no display, no network).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const NATIVE_DIR = '.electron-native';
export const NATIVE_BINDING = 'better_sqlite3.node';
export const NATIVE_STAMP = 'build.json';

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The installed electron package (its version is known even when the binary is not). */
export function electronPackage(root) {
  const dir = join(root, 'node_modules', 'electron');
  const pkg = readText(join(dir, 'package.json'));
  if (pkg === null) return null;
  let version = null;
  try {
    version = JSON.parse(pkg).version ?? null;
  } catch {
    return null;
  }
  const abi = readText(join(dir, 'abi_version'))?.trim() || null;
  return { dir, version, abi };
}

/** What electron's install.js would write to path.txt on this platform. */
export function platformExecutable(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * The Electron executable, found the way the electron package itself finds it, but without
 * its side effect: `require('electron')` starts a download when the binary is missing.
 */
export function findElectronBinary({ root, env = process.env, platform = process.platform, exists = existsSync } = {}) {
  const pkg = electronPackage(root);
  if (!pkg) return { ok: false, reason: 'the electron package is not installed (run `npm install`)' };
  const pathTxt = readText(join(pkg.dir, 'path.txt'))?.trim() || null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, pathTxt ?? platformExecutable(platform));
    return exists(path)
      ? { ok: true, path, version: pkg.version }
      : { ok: false, reason: `runtime not installed: ELECTRON_OVERRIDE_DIST_PATH names ${path}, which does not exist` };
  }
  if (!pathTxt) {
    return {
      ok: false,
      reason: 'runtime not installed: node_modules/electron/path.txt is missing, the Electron binary was never downloaded',
    };
  }
  const path = join(pkg.dir, 'dist', pathTxt);
  if (!exists(path)) return { ok: false, reason: `runtime not installed: ${join('node_modules', 'electron', 'dist', pathTxt)} is missing` };
  return { ok: true, path, version: pkg.version };
}

/** On Linux and the BSDs a window needs an X11 or Wayland display server. */
export function displayProblem({ env = process.env, platform = process.platform } = {}) {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'no display server: DISPLAY and WAYLAND_DISPLAY are unset';
}

/**
 * better-sqlite3 compiled for this Electron (by scripts/electron-native.mjs), checked against
 * the stamp it writes so an Electron upgrade is noticed before the app fails to load it.
 */
export function nativeBindingStatus({ root, exists = existsSync } = {}) {
  const pkg = electronPackage(root);
  const dir = join(root, NATIVE_DIR);
  const path = join(dir, NATIVE_BINDING);
  if (!exists(path)) {
    return {
      ok: false,
      path,
      reason: `better-sqlite3 is not built for Electron: ${NATIVE_DIR}/${NATIVE_BINDING} is missing (run \`npm run rebuild:electron\`)`,
    };
  }
  let stamp = null;
  try {
    stamp = JSON.parse(readText(join(dir, NATIVE_STAMP)) ?? 'null');
  } catch {
    stamp = null;
  }
  if (!stamp || !pkg || stamp.electron !== pkg.version || stamp.platform !== process.platform || stamp.arch !== process.arch) {
    const built = stamp?.electron ? `Electron ${stamp.electron}` : 'an unknown Electron';
    return {
      ok: false,
      path,
      reason: `better-sqlite3 in ${NATIVE_DIR}/ was built for ${built}, not ${pkg?.version ?? '?'} on ${process.platform}-${process.arch} (run \`npm run rebuild:electron\`)`,
    };
  }
  return { ok: true, path };
}

/** The last line of a tool's output that says something, shortened for a one-line message. */
export function gist(text, max = 160) {
  const lines = String(text ?? '')
    .split(/\r?\n/)
    // Chromium prefixes its log lines with [pid:LEVEL:file(line)]; the message is what helps.
    .map((l) => l.trim().replace(/^\[[^\]]*:(?:ERROR|FATAL|WARNING)[^\]]*\]\s*/, ''))
    .filter((l) => l && !/^at\s/.test(l) && !/^npm (warn|notice)/i.test(l));
  const network = lines.find((l) =>
    /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|socket hang up|certificate/i.test(l),
  );
  const line = network ?? lines.find((l) => /error/i.test(l)) ?? lines.at(-1) ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Runs the electron package's own installer once (it downloads the runtime, which works on a
 * machine with internet access), bounded in time so a blocked network cannot hang `npm start`.
 */
export function installElectronRuntime({ root, timeoutMs = 120_000, env = process.env } = {}) {
  const pkg = electronPackage(root);
  if (!pkg) return Promise.resolve({ ok: false, reason: 'the electron package is not installed (run `npm install`)' });
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    const done = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const child = spawn(process.execPath, [join(pkg.dir, 'install.js')], { cwd: pkg.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ ok: false, reason: `runtime not installed: download did not finish within ${Math.round(timeoutMs / 1000)} s` });
    }, timeoutMs);
    child.on('error', (e) => done({ ok: false, reason: `runtime not installed: could not run the installer (${e.message})` }));
    child.on('exit', (code) => {
      if (code === 0) {
        const found = findElectronBinary({ root, env });
        done(found.ok ? { ok: true } : { ok: false, reason: found.reason });
      } else {
        const why = gist(output);
        done({ ok: false, reason: `runtime not installed: download failed${why ? ` (${why})` : ''}` });
      }
    });
  });
}

/**
 * Everything the desktop app needs, without starting it. Used by the smoke test (which may
 * not download or compile anything) and, with the remedies enabled, by `npm start`.
 */
export function electronReadiness({ root, env = process.env, platform = process.platform } = {}) {
  const binary = findElectronBinary({ root, env, platform });
  if (!binary.ok) return { ok: false, stage: 'runtime', reason: binary.reason };
  const display = displayProblem({ env, platform });
  if (display) return { ok: false, stage: 'display', reason: display };
  const native = nativeBindingStatus({ root });
  if (!native.ok) return { ok: false, stage: 'native', reason: native.reason };
  return { ok: true, executablePath: binary.path, nativeBinding: native.path, version: binary.version };
}

/**
 * What `npm start` does before launching: the same checks as electronReadiness, plus the
 * remedies a fresh clone may need: download the runtime once (only where a display exists,
 * since a headless machine could not use it anyway) and build better-sqlite3 for Electron.
 * The remedies are injected so this decision is tested without network or compiler.
 */
export async function prepareElectron({ root, env = process.env, platform = process.platform, install, buildNative }) {
  let binary = findElectronBinary({ root, env, platform });
  const display = displayProblem({ env, platform });
  if (!binary.ok && display) return { ok: false, stage: 'runtime', reason: `${binary.reason.replace(/:.*$/, '')}; ${display}` };
  if (!binary.ok) {
    const installed = await install();
    if (!installed.ok) return { ok: false, stage: 'runtime', reason: installed.reason };
    binary = findElectronBinary({ root, env, platform });
    if (!binary.ok) return { ok: false, stage: 'runtime', reason: binary.reason };
  }
  if (display) return { ok: false, stage: 'display', reason: display };
  let native = nativeBindingStatus({ root });
  if (!native.ok) {
    const built = await buildNative();
    if (!built.ok) return { ok: false, stage: 'native', reason: built.reason };
    native = nativeBindingStatus({ root });
    if (!native.ok) return { ok: false, stage: 'native', reason: native.reason };
  }
  return { ok: true, executablePath: binary.path, nativeBinding: native.path, version: binary.version };
}

#!/usr/bin/env node
// `npm run rebuild:electron [-- --force] [-- --verbose]`: builds better-sqlite3 for the installed Electron's
// ABI into .electron-native/better_sqlite3.node, which the desktop app passes to core as its
// `nativeBinding`.
//
// Why a separate copy: node_modules/better-sqlite3 is built for Node's ABI and is what the
// tests, the CLI, the benchmarks and the browser host load. Rebuilding it in place for
// Electron (what electron-rebuild does by default) would break all of those. So the package
// is copied into .electron-native/work/, rebuilt there with @electron/rebuild (a prebuilt
// binary when one downloads, otherwise node-gyp against Electron's headers), and only the
// resulting .node file is kept, stamped with the Electron version it was built for.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { spawn } from 'node:child_process';
import { root } from './lib/ensure-built.mjs';
import { electronPackage, gist, NATIVE_BINDING, NATIVE_DIR, NATIVE_STAMP, nativeBindingStatus } from './lib/electron-runtime.mjs';

const TIMEOUT_MS = Number(process.env.VIGIL_REBUILD_TIMEOUT_MS) || 15 * 60_000;

const verbose = process.argv.includes('--verbose');

/**
 * @electron/rebuild in a child process: node-gyp's chatter is captured (and shown only with
 * --verbose or summarised in one line on failure), and a stuck download can be killed.
 */
function rebuildInChild(options) {
  const script = `import('@electron/rebuild').then(({ rebuild }) => rebuild(${JSON.stringify(options)})).then(() => process.exit(0), (e) => { console.error(e && e.stack || String(e)); process.exit(1); });`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (d) => {
      output += d;
      if (verbose) process.stderr.write(d);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ ok: false, output, message: `the build did not finish within ${Math.round(TIMEOUT_MS / 60_000)} min` });
    }, TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, output, message: e.message });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? { ok: true, output } : { ok: false, output, message: `exit code ${code}` });
    });
  });
}

function cannot(reason) {
  console.error(`Cannot build better-sqlite3 for Electron: ${reason}`);
  process.exit(1);
}

/** Names the usual causes in one line rather than pasting node-gyp's whole log. */
function explain(e, version) {
  const text = [e?.output, e?.message, e?.stack].filter(Boolean).join('\n');
  if (
    /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|fetch failed|socket hang up|network connectivity|\b40[34]\b/i.test(
      text,
    )
  ) {
    const code = text.match(/\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\b[^\n]{0,60}/)?.[0];
    return `the Electron ${version} headers (or a prebuilt binary) could not be downloaded${code ? ` (${code.trim()})` : ''}; this needs network access to electronjs.org or GitHub once (--verbose shows node-gyp's log).`;
  }
  if (/not found: (make|python|g\+\+|cc)|find Python|gyp ERR! find/i.test(text)) {
    return `a C/C++ build toolchain is missing (python3, make, g++): ${gist(text, 100)}`;
  }
  return gist(text) || String(e);
}

async function main() {
  const force = process.argv.includes('--force');
  const pkg = electronPackage(root);
  if (!pkg?.version) cannot('the electron package is not installed (run `npm install`).');
  const version = pkg.version;
  const source = join(root, 'node_modules', 'better-sqlite3');
  if (!existsSync(join(source, 'binding.gyp'))) cannot('node_modules/better-sqlite3 is missing or has no sources (run `npm install`).');
  const sqliteVersion = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;

  const outDir = join(root, NATIVE_DIR);
  const status = nativeBindingStatus({ root });
  const stampPath = join(outDir, NATIVE_STAMP);
  const stamp = existsSync(stampPath) ? JSON.parse(readFileSync(stampPath, 'utf8')) : null;
  if (!force && status.ok && stamp?.betterSqlite3 === sqliteVersion) {
    console.error(
      `better-sqlite3 ${sqliteVersion} is already built for Electron ${version} (ABI ${pkg.abi}): ${NATIVE_DIR}/${NATIVE_BINDING}`,
    );
    return;
  }

  // A throw-away project holding a copy of the package (without Node's build output).
  const work = join(outDir, 'work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'node_modules'), { recursive: true });
  writeFileSync(
    join(work, 'package.json'),
    JSON.stringify({ name: 'vigil-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2),
  );
  const target = join(work, 'node_modules', 'better-sqlite3');
  cpSync(source, target, {
    recursive: true,
    filter: (p) => {
      const rel = relative(source, p);
      return rel !== 'build' && !rel.startsWith(`build${sep}`);
    },
  });

  // npm passes .npmrc's `nodedir` (Node's own headers, for the Node build) to child processes
  // as npm_config_nodedir; node-gyp would then quietly compile against Node instead of
  // Electron and produce a binary Electron refuses. Electron's headers must be used here.
  for (const key of Object.keys(process.env)) if (/^npm_config_nodedir$/i.test(key)) delete process.env[key];

  console.error(`Building better-sqlite3 ${sqliteVersion} for Electron ${version} (ABI ${pkg.abi}, ${process.platform}-${process.arch})…`);
  const result = await rebuildInChild({ buildPath: work, electronVersion: version, onlyModules: ['better-sqlite3'], force: true });
  if (!result.ok) {
    rmSync(work, { recursive: true, force: true });
    if (verbose) process.stderr.write(result.output);
    cannot(explain(result, version));
  }

  const built = join(target, 'build', 'Release', NATIVE_BINDING);
  if (!existsSync(built)) cannot(`the rebuild finished but ${relative(root, built)} was not produced.`);
  // Replace atomically so a running app never sees half a file.
  const tmp = join(outDir, `${NATIVE_BINDING}.tmp`);
  copyFileSync(built, tmp);
  renameSync(tmp, join(outDir, NATIVE_BINDING));
  writeFileSync(
    stampPath,
    JSON.stringify(
      {
        electron: version,
        abi: pkg.abi,
        betterSqlite3: sqliteVersion,
        platform: process.platform,
        arch: process.arch,
        builtAt: new Date().toISOString(),
      },
      null,
      2,
    ),
  );
  rmSync(work, { recursive: true, force: true });
  console.error(`Built ${NATIVE_DIR}/${NATIVE_BINDING} for Electron ${version}.`);
}

main().then(
  () => process.exit(0),
  (e) => cannot(explain(e, electronPackage(root)?.version ?? '?')),
);

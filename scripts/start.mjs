#!/usr/bin/env node
// `npm start [-- --port P --data-dir D]`: the desktop app, or, where Electron cannot start
// (no runtime, no display, no Electron build of better-sqlite3, or it dies before its window
// loads), the browser mode, announced in one line. Never a stack trace.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, root } from './lib/ensure-built.mjs';
import { gist, installElectronRuntime, prepareElectron } from './lib/electron-runtime.mjs';
import { startWeb } from './web.mjs';

const args = process.argv.slice(2);
/** How long the runtime download may take before we give up on it for this start. */
const DOWNLOAD_TIMEOUT_MS = Number(process.env.VIGIL_ELECTRON_DOWNLOAD_TIMEOUT_MS) || 120_000;
/** After this long without the ready signal, output is passed through as it comes. */
const QUIET_START_MS = 10_000;

function fallBack(reason) {
  console.error(`Electron cannot start here (${reason}) — starting the browser mode instead.`);
  try {
    startWeb(args);
  } catch (e) {
    console.error(`The browser mode cannot start either: ${e?.message ?? e}`);
    process.exit(1);
  }
}

/**
 * --data-dir D means the same in both modes; Electron reads it as VIGIL_DATA_DIR. The other
 * options are the browser host's, which checks them itself (hence not strict here).
 */
function dataDirArg() {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, strict: false });
  const dir = values['data-dir'];
  return typeof dir === 'string' && dir ? dir : undefined;
}

/** `npm run rebuild:electron`, with its output kept for the one-line reason. */
function buildNative() {
  console.error('Building better-sqlite3 for Electron (first start only; this can take a minute or two)…');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'electron-native.mjs')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => resolve({ ok: false, reason: `could not run the better-sqlite3 build (${e.message})` }));
    child.on('exit', (code) => {
      if (code === 0) return resolve({ ok: true });
      const line = output.split('\n').find((l) => l.startsWith('Cannot build better-sqlite3')) ?? gist(output);
      resolve({
        ok: false,
        reason: line.replace(/^Cannot build better-sqlite3 for Electron: /, 'better-sqlite3 not built for Electron: ').replace(/\.$/, ''),
      });
    });
  });
}

function launch(executablePath) {
  const token = `vigil-ready-${randomUUID()}`;
  const env = { ...process.env, VIGIL_READY_SIGNAL: token };
  // Set by some tools to make the Electron binary behave as plain Node; never wanted here.
  delete env.ELECTRON_RUN_AS_NODE;
  const dataDir = dataDirArg();
  if (dataDir) env.VIGIL_DATA_DIR = dataDir;

  const child = spawn(executablePath, [root], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let ready = false;
  let passThrough = false;
  let held = { stdout: '', stderr: '' };
  let pendingLine = '';

  const flush = () => {
    if (passThrough) return;
    passThrough = true;
    process.stdout.write(held.stdout);
    process.stderr.write(held.stderr);
    held = { stdout: '', stderr: '' };
  };
  const quiet = setTimeout(flush, QUIET_START_MS);
  quiet.unref();

  child.stdout.on('data', (chunk) => {
    let text = String(chunk);
    if (!ready) {
      pendingLine += text;
      if (pendingLine.includes(token)) {
        ready = true;
        text = pendingLine.replace(`${token}\n`, '').replace(token, '');
        pendingLine = '';
        clearTimeout(quiet);
        flush();
      } else {
        pendingLine = pendingLine.slice(pendingLine.lastIndexOf('\n') + 1);
      }
    }
    if (passThrough) process.stdout.write(text);
    else held.stdout += text;
  });
  child.stderr.on('data', (chunk) => {
    if (passThrough) process.stderr.write(chunk);
    else held.stderr += chunk;
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));

  child.on('error', (e) => {
    clearTimeout(quiet);
    fallBack(`could not run ${executablePath}: ${e.message}`);
  });
  child.on('exit', (code, signal) => {
    clearTimeout(quiet);
    if (ready || (code === 0 && !signal)) {
      // A normal quit, or a second instance handing over to the running one.
      if (!passThrough) process.stderr.write(held.stderr);
      process.exit(code ?? 0);
    }
    const all = `${held.stdout}\n${held.stderr}`;
    const own = all.split('\n').find((l) => l.startsWith('Vigil (Electron) cannot start: '));
    const why = own ? own.slice('Vigil (Electron) cannot start: '.length) : gist(all);
    const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
    fallBack(`it ${how} before its window opened${why ? `: ${why}` : ''}`);
  });
}

async function main() {
  try {
    ensureBuilt();
  } catch (e) {
    console.error(`Vigil cannot start: ${e?.message ?? e}`);
    process.exit(1);
  }
  const ready = await prepareElectron({
    root,
    install: () => {
      console.error('The Electron runtime is not installed; trying to download it once…');
      return installElectronRuntime({ root, timeoutMs: DOWNLOAD_TIMEOUT_MS });
    },
    buildNative,
  });
  if (!ready.ok) return fallBack(ready.reason);
  launch(ready.executablePath);
}

main().catch((e) => fallBack(`unexpected: ${e?.message ?? e}`));

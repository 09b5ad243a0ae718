#!/usr/bin/env node
// `npm run web [-- --port P --data-dir D]`: the same renderer bundle in a browser, against
// core hosted by a local Node process over HTTP (loopback only unless told otherwise).
import { spawn } from 'node:child_process';
import { ensureBuilt, root, webHostEntry } from './lib/ensure-built.mjs';

export function startWeb(args = process.argv.slice(2)) {
  ensureBuilt();
  const child = spawn(process.execPath, ['--enable-source-maps', webHostEntry, ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    startWeb();
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}

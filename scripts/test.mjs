#!/usr/bin/env node
// `npm test`: every test there is — unit, CLI, migrations, renderer (Vitest), then the browser
// end-to-end and Electron tests (Playwright) — and one summary line computed from their JSON
// reports. Both runners always run, so one failing suite does not hide the other's results.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, root } from './lib/ensure-built.mjs';
import { summarize } from './lib/summary.mjs';

const reports = join(root, 'reports');
rmSync(join(reports, 'vitest.json'), { force: true });
rmSync(join(reports, 'playwright.json'), { force: true });
mkdirSync(reports, { recursive: true });

const bin = (name) => join(root, 'node_modules', '.bin', name);
function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

ensureBuilt();
const vitest = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'vitest.json')}`]);

// Electron needs a display when its runtime exists; give it a virtual one where none is set.
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && spawnSync('sh', ['-c', 'command -v xvfb-run']).status === 0;
const playwright = needsDisplay ? run('xvfb-run', ['-a', bin('playwright'), 'test']) : run(bin('playwright'), ['test']);

const s = summarize(reports);
for (const p of s.problems) console.error(p);
console.log(s.line);
process.exit(s.failed > 0 || vitest !== 0 || playwright !== 0 ? 1 : 0);

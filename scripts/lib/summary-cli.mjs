#!/usr/bin/env node
// Prints CI's last line from reports/*.json and exits non-zero on any failure.
//   --extra-failed N   failures outside the test runners (typecheck, lint, build steps)
//   --none             no runner got to run (the line counts only the extra failures)
//   --runner-rc N      `npm test`'s exit code: non-zero with no failing test counts as one failure
import { join } from 'node:path';
import { root } from './ensure-built.mjs';
import { summarize } from './summary.mjs';

const args = process.argv.slice(2);
const i = args.indexOf('--extra-failed');
const extraFailed = i >= 0 ? Number(args[i + 1]) || 0 : 0;
const r = args.indexOf('--runner-rc');
const runnerRc = r >= 0 ? Number(args[r + 1]) || 0 : 0;
const want = args.includes('--none') ? [] : ['vitest', 'playwright'];
let s = summarize(join(root, 'reports'), { extraFailed, want });
if (runnerRc !== 0 && s.failed === 0) {
  s = summarize(join(root, 'reports'), { extraFailed: extraFailed + 1, want });
  s.problems.push(`npm test exited with ${runnerRc} though no test failed`);
}
for (const p of s.problems) console.error(p);
console.log(s.line);
process.exit(s.failed > 0 ? 1 : 0);

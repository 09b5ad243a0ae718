#!/usr/bin/env node
// Prints CI's last line from reports/*.json and exits non-zero on any failure.
//   --extra-failed N   failures outside the test runners (typecheck, lint, build steps)
//   --none             no runner got to run (the line counts only the extra failures)
//   --runner-rc N      `npm test`'s exit code: non-zero with no failing test counts as one failure
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './ensure-built.mjs';
import { summarize } from './summary.mjs';

const { values } = parseArgs({
  options: {
    'extra-failed': { type: 'string', default: '0' },
    'runner-rc': { type: 'string', default: '0' },
    none: { type: 'boolean', default: false },
  },
});
const extraFailed = Number(values['extra-failed']) || 0;
const runnerRc = Number(values['runner-rc']) || 0;
const want = values.none ? [] : ['vitest', 'playwright'];
let s = summarize(join(root, 'reports'), { extraFailed, want });
if (runnerRc !== 0 && s.failed === 0) {
  s = summarize(join(root, 'reports'), { extraFailed: extraFailed + 1, want });
  s.problems.push(`npm test exited with ${runnerRc} though no test failed`);
}
for (const p of s.problems) console.error(p);
console.log(s.line);
process.exit(s.failed > 0 ? 1 : 0);

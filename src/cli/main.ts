// Entry point: `npm run -s cli -- <command> …` (tsx src/cli/main.ts). Everything happens in
// run() (src/cli/run.ts, which tests call in process); this file only hands it the process
// and sets the exit code (no process.exit, so stdout is flushed before the process ends).
import { run } from './run';

let settled = false;
process.on('exit', () => {
  // Node ends a process whose work can no longer progress (a promise nothing will settle)
  // with code 13 and no word; say what happened instead, as a failure.
  if (settled) return;
  process.stderr.write(
    'vigil: stopped before finishing: an operation was left waiting and can never complete (a bug in Vigil). Work committed so far is kept.\n',
  );
  process.exitCode = 3;
});

process.exitCode = await run(process.argv.slice(2));
settled = true;

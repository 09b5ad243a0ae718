// Entry point: `npm run -s cli -- <command> …` (tsx src/cli/main.ts). Everything happens in
// run() (src/cli/run.ts, which tests call in process); this file only hands it the process
// and sets the exit code (no process.exit, so stdout is flushed before the process ends).
import { run } from './run';

process.exitCode = await run(process.argv.slice(2));

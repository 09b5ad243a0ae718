// A bench script run in a Node process of its own (through tsx, as `npm run bench` runs). Each
// part measures in a fresh process, so what an earlier part left in memory (a seeded
// database's caches, the language detector's tables, compiled code) weighs on no later figure.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `entry` (a path from the repository root) with `args`; its stdout is handed to `onLine` line by line, its stderr passes through. */
export function runScript(entry: string, args: readonly string[], onLine: (line: string) => void = () => {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      const lines = (rest + d).split('\n');
      rest = lines.pop()!;
      lines.forEach(onLine);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (rest) onLine(rest);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

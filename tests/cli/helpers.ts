// Shared by the CLI tests: run the command line in process with captured streams, against a
// real SQLite database in a temporary data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { run } from '../../src/cli/run';

export class Capture extends Writable {
  private chunks: string[] = [];
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    cb();
  }
  get text(): string {
    return this.chunks.join('');
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Pretend stderr is a terminal (progress bar drawn). */
  tty?: boolean;
}

export async function cli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture(opts.tty ?? false);
  const code = await run(args, { stdout, stderr, env: opts.env ?? {}, cwd: opts.cwd ?? process.cwd() });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'vigil-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function statsOf(dataDir: string): Promise<Record<string, unknown> & { items: number; accounts: number; follows: number }> {
  const r = await cli(['stats', '--json', '--data-dir', dataDir]);
  if (r.code !== 0) throw new Error(`stats failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown> & { items: number; accounts: number; follows: number };
}

export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0);
}

// The real command, as a script runs it: a child process with its own stdout and stderr.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');

function vigil(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, VIGIL_DATA_DIR: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli as a child process', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('imports with a bad row (exit 1), then stats --json reads back the good rows', () => {
    const data = join(dir, 'data');
    const file = join(dir, 'items.ndjson');
    writeFileSync(
      file,
      [
        '{"type":"item","platform":"x","id":"1","kind":"mention","text":"hello"}',
        '{"type":"item","platform":"x","id":"2","kind":"shout","text":"bad kind"}',
        '{"type":"item","platform":"x","id":"3","kind":"comment","text":"bye"}',
      ].join('\n'),
    );
    const imported = vigil(['import', file, '--data-dir', data, '--json']);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(`${file}:2: field "kind" must be one of`);
    expect(imported.stderr).not.toContain('\x1b'); // no progress bar when stderr is a pipe
    expect(JSON.parse(imported.stdout).totals.items).toEqual({ inserted: 2, updated: 0 });

    const stats = vigil(['stats', '--json', '--data-dir', data]);
    expect(stats.code).toBe(0);
    const s = JSON.parse(stats.stdout);
    expect(s).toMatchObject({ items: 2, byStatus: { new: 2 }, decisions: 0 });
    expect(typeof s.accounts).toBe('number');
  });

  it('takes the data folder from VIGIL_DATA_DIR and exits 2 on usage errors', () => {
    const data = join(dir, 'env-data');
    const seeded = vigil(['seed', '--items', '40'], { VIGIL_DATA_DIR: data });
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toBe('');
    expect(seeded.stderr).toContain(`Loaded 40 items`);
    expect(JSON.parse(vigil(['stats', '--json'], { VIGIL_DATA_DIR: data }).stdout).items).toBe(40);

    const unknown = vigil(['nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "nope"');
    const missing = vigil(['import', join(dir, 'missing.csv'), '--data-dir', data]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no such file: ${join(dir, 'missing.csv')}`);
  });
});

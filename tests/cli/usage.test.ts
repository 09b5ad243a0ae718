import { describe, expect, it } from 'vitest';
import { cli } from './helpers';

describe('cli usage', () => {
  it('help, --help, -h and no command print the usage on stderr and exit 2', async () => {
    for (const args of [['help'], ['--help'], ['-h'], []]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('Usage: npm run -s cli -- <command> [options]');
      expect(r.stderr).toContain('import FILE...');
    }
  });

  it("help COMMAND and COMMAND --help print that command's usage", async () => {
    for (const args of [
      ['help', 'export'],
      ['export', '--help'],
      ['export', '-h'],
    ]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Usage: npm run -s cli -- export [--format ndjson|csv] [--out FILE]');
      expect(r.stderr).toContain('--data-dir DIR');
    }
  });

  it('an unknown command names it and shows the usage', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command "frobnicate"');
    expect(r.stderr).toContain('Commands:');
  });

  it('an option before the command is explained', async () => {
    const r = await cli(['--json', 'stats']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('The command comes first');
  });

  it('unknown flags, stray arguments and flags without values are usage errors', async () => {
    const cases: [string[], string][] = [
      [['stats', '--bogus'], 'vigil stats: unknown option --bogus'],
      [['import', 'a.ndjson', '--verbose'], 'vigil import: unknown option --verbose'],
      [['stats', 'extra'], 'vigil stats: unexpected argument "extra"'],
      [['export', '--out'], 'vigil export: --out needs a value'],
      [['stats', '--json=yes'], 'vigil stats: --json is a switch and takes no value'],
      [['stats', '--data-dir', ''], 'vigil stats: --data-dir needs a folder'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stderr).toContain(`Run "npm run -s cli -- help ${args[0]}" for details.`);
      expect(r.stdout).toBe('');
    }
  });

  it('version prints the version on stdout', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/index';
import { cli, lines, tempDir } from './helpers';

describe('cli stats', () => {
  let dir: string;
  let cleanup: () => void;
  let data: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    data = join(dir, 'data');
  });
  afterEach(() => cleanup());

  it('--json prints exactly one JSON object with the required keys', async () => {
    expect((await cli(['seed', '--items', '120', '--data-dir', data])).code).toBe(0);
    const core = openCore({ dataDir: data, host: 'test', actor: 'tester' });
    expect((await core.dispatch('decision.apply', { itemIds: [1, 2, 3], action: 'approve' })).ok).toBe(true);
    expect((await core.dispatch('decision.apply', { itemIds: [4], action: 'remove' })).ok).toBe(true);
    core.close();

    const r = await cli(['stats', '--json', '--data-dir', data]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toHaveLength(1);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s).sort()).toEqual(['accounts', 'byKind', 'byStatus', 'decisions', 'events', 'follows', 'items', 'outbox']);
    expect(s.items).toBe(120);
    expect(s.byStatus).toEqual({ new: 116, approved: 3, removed: 1 });
    expect(s.decisions).toBe(4);
    expect(typeof s.accounts).toBe('number');
    expect(s.accounts).toBeGreaterThan(0);
  });

  it('prints a readable table without --json', async () => {
    expect((await cli(['seed', '--items', '50', '--data-dir', data])).code).toBe(0);
    const r = await cli(['stats', '--data-dir', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Data folder: ${data}`);
    expect(r.stdout).toMatch(/^Items\s+50$/m);
    expect(r.stdout).toMatch(/^ {2}new\s+50$/m);
    expect(r.stdout).toMatch(/^Decisions\s+0$/m);
  });

  it('an empty data folder has zero of everything', async () => {
    const r = await cli(['stats', '--json', '--data-dir', data]);
    expect(JSON.parse(r.stdout)).toMatchObject({ items: 0, accounts: 0, byStatus: {}, decisions: 0 });
    expect(r.stderr).toContain('an empty one was created');
    expect((await cli(['stats', '--json', '--data-dir', data])).stderr).toBe('');
  });

  it('a database written by a newer Vigil fails with the core message (exit 3), untouched', async () => {
    mkdirSync(data, { recursive: true });
    const db = new BetterSqlite3(join(data, 'vigil.db'));
    db.pragma('user_version = 9999');
    db.close();
    const r = await cli(['stats', '--json', '--data-dir', data]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('This database was written by a newer version of Vigil (schema 9999');
    const again = new BetterSqlite3(join(data, 'vigil.db'));
    expect(again.pragma('user_version', { simple: true })).toBe(9999);
    again.close();
  });

  it('a data folder that cannot be created is a failure naming it', async () => {
    const blocked = join(dir, 'file');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(blocked, 'not a folder');
    const r = await cli(['stats', '--data-dir', join(blocked, 'data')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`Cannot use the data folder ${join(blocked, 'data')}`);
  });
});

// A decision is on disk before the call that made it returns: another connection (or
// another process, after this one died without closing anything) sees it.
import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/handlers';
import { DB_FILE } from '../../src/core/db/paths';
import { item, ndjson, onCleanup, tempDir } from './helpers';

const ROOT = resolve(__dirname, '../..');

async function coreWithItems(dataDir: string) {
  const core = openCore({ dataDir, host: 'test', actor: 'ana' });
  onCleanup(() => core.close());
  const begin = await core.dispatch('import.begin', { fileName: 'items.ndjson' });
  if (!begin.ok) throw new Error(begin.error.message);
  const { importId } = begin.value as { importId: string };
  await core.dispatch('import.chunk', { importId, text: ndjson([item('d1', { author: null }), item('d2', { author: null })]) });
  await core.dispatch('import.finish', { importId });
  const ids = core.db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
  return { core, ids };
}

describe('durability', () => {
  it('runs the core database in WAL with synchronous=FULL', async () => {
    const { core } = await coreWithItems(tempDir());
    expect(core.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('a second connection sees the decision as soon as the call returns', async () => {
    const dir = tempDir();
    const { core, ids } = await coreWithItems(dir);
    const other = new BetterSqlite3(join(dir, DB_FILE), { readonly: true });
    onCleanup(() => other.close());

    const res = await core.dispatch('decision.apply', { itemIds: [ids[0]], action: 'remove', reason: 'abuse' });
    expect(res.ok).toBe(true);
    const eventId = (res as { ok: true; value: { outcomes: { eventId: string }[] } }).value.outcomes[0]!.eventId;
    expect(other.prepare('SELECT action, reason FROM events WHERE id = ?').get(eventId)).toEqual({ action: 'remove', reason: 'abuse' });
    expect(other.prepare('SELECT status FROM items WHERE id = ?').pluck().get(ids[0])).toBe('removed');

    const undo = await core.dispatch('decision.undo', { eventIds: [eventId] });
    expect(undo.ok).toBe(true);
    expect(other.prepare('SELECT status FROM items WHERE id = ?').pluck().get(ids[0])).toBe('new');
  });

  it('a decision survives the process being killed right after the call returns', () => {
    const dir = tempDir();
    const script = join(dir, 'decide-and-die.mts');
    writeFileSync(
      script,
      `
      import { openCore } from ${JSON.stringify(join(ROOT, 'src/core/handlers.ts'))};
      const core = openCore({ dataDir: ${JSON.stringify(dir)}, host: 'test', actor: 'ana' });
      const b = await core.dispatch('import.begin', { fileName: 'a.ndjson' });
      const importId = (b as any).value.importId;
      await core.dispatch('import.chunk', { importId, text: '{"type":"item","platform":"x","id":"k1","kind":"post","text":"hi"}\\n' });
      await core.dispatch('import.finish', { importId });
      const id = core.db.prepare('SELECT id FROM items').pluck().get();
      const r = await core.dispatch('decision.apply', { itemIds: [id], action: 'spam' });
      process.stdout.write(JSON.stringify(r) + '\\n', () => process.kill(process.pid, 'SIGKILL'));
      `,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const answer = JSON.parse(child.stdout.trim().split('\n').pop()!) as { ok: boolean; value: { outcomes: { eventId: string }[] } };
    expect(answer.ok).toBe(true);

    const db = new BetterSqlite3(join(dir, DB_FILE));
    onCleanup(() => db.close());
    expect(db.prepare('SELECT id, action FROM events').all()).toEqual([{ id: answer.value.outcomes[0]!.eventId, action: 'spam' }]);
    expect(db.prepare('SELECT status FROM items').pluck().all()).toEqual(['spam']);
  });
});

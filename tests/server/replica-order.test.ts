// Replicas fold an item's events in the server's order, not in the order each workstation
// happened to receive them: otherwise two workstations that made opposite label changes (or a
// claim and a release) offline end up with different states for ever, though both hold the
// same events with the same verdicts. Found by the fault runs (tests/server/faults.test.ts).
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/core/index';
import type { ArgsIn, Method, ResultOf } from '../../src/shared/contract';
import { buildServer } from '../../src/server/app';
import { hashPassword } from '../../src/server/auth/passwords';
import { openSqliteStore } from '../../src/server/store/sqlite-store';
import { tempDir } from '../unit/helpers';
import { PASSWORD } from './helpers';

async function call<M extends Method>(core: Core, m: M, args: ArgsIn<M>): Promise<ResultOf<M>> {
  const r = await core.dispatch(m, args);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value as ResultOf<M>;
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function twoWorkstations(): Promise<[Core, Core]> {
  const store = openSqliteStore(tempDir('vigil-server-'));
  const hash = await hashPassword(PASSWORD);
  for (const n of ['ana', 'bo']) await store.addUser(n, 'moderator', hash, Date.now());
  const app: FastifyInstance = buildServer({ store });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const cores: Core[] = [];
  for (const name of ['ana', 'bo']) {
    const core = openCore({ dataDir: tempDir(), host: 'test', actor: name });
    cores.push(core);
    const { importId } = await call(core, 'import.begin', { fileName: 'items.ndjson' });
    await call(core, 'import.chunk', { importId, text: `${JSON.stringify({ type: 'item', platform: 'x', id: 'i1', kind: 'mention', text: 'hi' })}\n` });
    await call(core, 'import.finish', { importId });
    await call(core, 'sync.connect', { url, name, password: PASSWORD });
  }
  cleanup.push(async () => {
    for (const c of cores) c.close();
    await app.close();
  });
  return [cores[0]!, cores[1]!];
}

const itemOf = (core: Core) => core.db.prepare("SELECT id, labels, assignee, version FROM items WHERE external_id = 'i1'").get() as { id: number; labels: string; assignee: string | null; version: number };

describe('replica order', () => {
  it('folds in server order, so opposite offline changes end alike on both workstations', async () => {
    const [ana, bo] = await twoWorkstations();
    // Offline, each on its own: ana adds a label and claims; bo removes that label and releases.
    await call(ana, 'item.label', { itemIds: [itemOf(ana).id], add: ['vip'] });
    await call(ana, 'item.claim', { itemIds: [itemOf(ana).id], claim: true });
    await call(bo, 'item.label', { itemIds: [itemOf(bo).id], add: [], remove: ['vip'] });
    await call(bo, 'item.claim', { itemIds: [itemOf(bo).id], claim: false });
    // ana reaches the server first, then bo (who also pulls ana's), then ana pulls bo's.
    await call(ana, 'sync.run', {});
    await call(bo, 'sync.run', {});
    await call(ana, 'sync.run', {});

    // In server order ana's changes come first and bo's undo them, on both workstations.
    expect(itemOf(ana)).toMatchObject({ labels: '[]', assignee: null, version: 4 });
    expect(itemOf(bo)).toMatchObject({ labels: '[]', assignee: null, version: 4 });
  });
});

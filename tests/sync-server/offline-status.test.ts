// A workstation whose server goes away says so within moments, not at the next periodic round:
// the poke socket closes, a round runs at once and fails, and the status turns "offline".
// Once the server is back the next retry finds it and the status is "online" again.
import { afterEach, expect, it } from 'vitest';
import { offlineSwitch, type OfflineSwitch } from '../e2e/offline-switch';
import { call } from '../unit/call';
import { serve, workstation } from './loopback';

let relay: OfflineSwitch | null = null;
afterEach(async () => {
  await relay?.close();
  relay = null;
});

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

it('turns offline when the server goes away, and online when it is back', async () => {
  const url = await serve('sqlite');
  relay = await offlineSwitch(url);
  const ana = await workstation(relay.url, 'ana', { autoSync: true });
  const state = async () => (await call(ana, 'sync.status', {})).state;
  await until(async () => (await state()) === 'online');
  // Let the rounds that the sign-in and the socket's opening started finish: a round still out
  // when the server goes would find out by itself, and this test is about the quiet moments.
  await new Promise((r) => setTimeout(r, 300));
  expect(await state()).toBe('online');

  relay.offline();
  // The periodic round is half a minute away: only the socket's close can tell this soon.
  await until(async () => (await state()) === 'offline', 5_000);

  relay.online();
  await until(async () => (await state()) === 'online');
});

it('sends a decision made while a round is out right after that round, not half a minute later', async () => {
  let holding: Promise<void> | null = null;
  let release = () => {};
  let pulls = 0;
  const url = await serve('sqlite', {
    onRequest: (path) => {
      if (path !== '/sync/pull') return;
      pulls++;
      return holding ?? undefined;
    },
  });
  const records = ['k1', 'k2'].map((id) => ({ type: 'item', platform: 'x', id, kind: 'mention', text: `message ${id}` }));
  const ana = await workstation(url, 'ana', { autoSync: true, records });
  const status = () => call(ana, 'sync.status', {});
  await until(async () => (await status()).state === 'online');
  const itemOf = (id: string) => ana.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(id) as number;

  holding = new Promise<void>((r) => (release = r));
  const before = pulls;
  await call(ana, 'decision.apply', { itemIds: [itemOf('k1')], action: 'approve' });
  // The round that pushed k1 is held at its pull (its push has read the outbox); k2 is decided meanwhile.
  await until(async () => pulls > before);
  await call(ana, 'decision.apply', { itemIds: [itemOf('k2')], action: 'remove' });
  // Long enough for the push that k2 asks for (a tenth of a second after it) to come due while the round is still out.
  await new Promise((r) => setTimeout(r, 400));
  holding = null;
  release();
  // The periodic round is half a minute away: only a round run right after the held one sends k2 this soon.
  await until(async () => (await status()).outbox === 0, 5_000);
});

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

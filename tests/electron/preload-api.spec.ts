// The bridge the preload exposes, checked without Electron: exactly the contract's methods,
// each one IPC invoke on its own channel, and failures returned as data.
import { expect, test } from '@playwright/test';
import { IPC_PREFIX, METHODS } from '../../src/shared/contract';
import { CHANNEL_PREFIX, createVigilApi } from '../../src/preload/api';

test('exposes exactly the contract methods, as functions, frozen', () => {
  const api = createVigilApi(async () => ({ ok: true, value: null }));
  expect(Object.keys(api).sort()).toEqual([...METHODS].sort());
  for (const m of METHODS) expect(typeof api[m], m).toBe('function');
  expect(Object.isFrozen(api)).toBe(true);
});

test('uses the contract IPC prefix', () => {
  expect(CHANNEL_PREFIX).toBe(IPC_PREFIX);
});

test('each method invokes its own channel with the arguments as given', async () => {
  const calls: Array<[string, unknown]> = [];
  const api = createVigilApi(async (channel, args) => {
    calls.push([channel, args]);
    return { ok: true, value: channel };
  });
  for (const m of METHODS) {
    const r = await (api[m] as (a: unknown) => Promise<unknown>)({ probe: m });
    expect(r).toEqual({ ok: true, value: IPC_PREFIX + m });
  }
  expect(calls).toEqual(METHODS.map((m) => [IPC_PREFIX + m, { probe: m }]));
});

test('answers a rejected invoke with a transport error instead of throwing', async () => {
  const api = createVigilApi(async () => {
    throw new Error('An object could not be cloned.');
  });
  await expect(api['queue.counts']({})).resolves.toEqual({
    ok: false,
    error: { code: 'transport', message: 'queue.counts: An object could not be cloned.' },
  });
});

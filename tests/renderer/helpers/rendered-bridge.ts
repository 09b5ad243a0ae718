// For suites that render against a real core: each test starts from a fresh store and a new
// bridged core, and ends unmounted, with the renderer's writes settled before the core closes
// (a write still in flight would otherwise meet a closed database).
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { bridgeCore, resetStore, type Bridge } from './core-bridge';

/** Registers the per-test set-up; the function it returns gives the running test's bridge. */
export function bridgeEachTest(): () => Bridge {
  let bridge: Bridge | null = null;
  beforeEach(() => {
    resetStore();
    bridge = bridgeCore();
  });
  afterEach(async () => {
    cleanup();
    await bridge!.quiet();
    bridge!.close();
    bridge = null;
  });
  return () => {
    if (!bridge) throw new Error('no bridge outside a test');
    return bridge;
  };
}

// The rule both stores apply when a sign-in attempt is taken: every key must allow it.
import type { SignInKey } from './types';

export interface FailureCount {
  failures: number;
  lastAt: number;
}

/** Null when every key allows an attempt now; otherwise the latest time a key names. */
export function blockedUntil(keys: readonly SignInKey[], counts: ReadonlyMap<string, FailureCount>, now: number): number | null {
  let until: number | null = null;
  for (const k of keys) {
    const c = counts.get(k.key);
    if (!c) continue;
    const at = c.lastAt + k.wait(c.failures);
    if (at > now && (until === null || at > until)) until = at;
  }
  return until;
}

/** Keys once each, in one order: two processes lock them alike. */
export const uniqueKeys = (keys: readonly SignInKey[]): SignInKey[] =>
  [...new Map(keys.map((k) => [k.key, k])).values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

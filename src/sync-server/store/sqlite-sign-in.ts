// Sign-in attempts, device tokens and password upgrades on the SQLite store.
import type { Database } from 'better-sqlite3';
import { blockedUntil, uniqueKeys, type FailureCount } from './sign-in-rules';
import type { ServerStore, SignInKey } from './types';

type SignInMethods = Pick<
  ServerStore,
  'upgradePasswordHash' | 'takeSignInAttempt' | 'settleSignInAttempt' | 'addDevice' | 'deviceOwner' | 'touchDevice' | 'pruneSignIns'
>;

export function sqliteSignIn(db: Database): SignInMethods {
  const q = {
    upgrade: db.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?'),
    count: db.prepare<[string], { failures: number; last_at: number }>('SELECT failures, last_at FROM sign_in_failures WHERE key = ?'),
    fail: db.prepare(
      `INSERT INTO sign_in_failures (key, failures, last_at) VALUES (?, 1, ?)
       ON CONFLICT (key) DO UPDATE SET failures = failures + 1, last_at = excluded.last_at`,
    ),
    clear: db.prepare('DELETE FROM sign_in_failures WHERE key = ?'),
    release: db.prepare('UPDATE sign_in_failures SET failures = max(failures - 1, 0) WHERE key = ?'),
    addDevice: db.prepare(
      'INSERT INTO devices (token_hash, user_id, created_at, used_at) VALUES (?, ?, ?, ?) ON CONFLICT (token_hash) DO NOTHING',
    ),
    device: db.prepare<[string], { user_id: number }>('SELECT user_id FROM devices WHERE token_hash = ?'),
    touchDevice: db.prepare('UPDATE devices SET used_at = ? WHERE token_hash = ?'),
    pruneFailures: db.prepare('DELETE FROM sign_in_failures WHERE last_at < ?'),
    pruneDevices: db.prepare('DELETE FROM devices WHERE used_at < ?'),
  };
  const take = db.transaction((keys: readonly SignInKey[], now: number): number | null => {
    const counts = new Map<string, FailureCount>();
    for (const k of keys) {
      const r = q.count.get(k.key);
      if (r) counts.set(k.key, { failures: r.failures, lastAt: r.last_at });
    }
    const until = blockedUntil(keys, counts, now);
    if (until !== null) return until;
    for (const k of keys) q.fail.run(k.key, now);
    return null;
  });
  const settle = db.transaction((clear: readonly string[], release: readonly string[]) => {
    for (const k of clear) q.clear.run(k);
    for (const k of release) q.release.run(k);
  });
  return {
    upgradePasswordHash: async (userId, from, to) => {
      q.upgrade.run(to, userId, from);
    },
    // IMMEDIATE: the write lock from the first read, so another process cannot count in between.
    takeSignInAttempt: async (keys, now) => take.immediate(uniqueKeys(keys), now),
    settleSignInAttempt: async (clear, release) => settle(clear, release),
    addDevice: async (hash, userId, now) => {
      q.addDevice.run(hash, userId, now, now);
    },
    deviceOwner: async (hash) => q.device.get(hash)?.user_id ?? null,
    touchDevice: async (hash, now) => {
      q.touchDevice.run(now, hash);
    },
    pruneSignIns: async (failuresBefore, devicesBefore) => {
      q.pruneFailures.run(failuresBefore);
      q.pruneDevices.run(devicesBefore);
    },
  };
}

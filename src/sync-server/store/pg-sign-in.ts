// Sign-in attempts, device tokens and password upgrades on the PostgreSQL store. Taking an
// attempt holds a transaction-scoped advisory lock, so that every server process on the
// database counts against the same rows one at a time.
import type pg from 'pg';
import { inTransaction } from './pg-transaction';
import { blockedUntil, uniqueKeys, type FailureCount } from './sign-in-rules';
import type { ServerStore } from './types';

type SignInMethods = Pick<
  ServerStore,
  'upgradePasswordHash' | 'takeSignInAttempt' | 'settleSignInAttempt' | 'addDevice' | 'deviceOwner' | 'touchDevice' | 'pruneSignIns'
>;

export function pgSignIn(pool: pg.Pool, lock: number): SignInMethods {
  return {
    upgradePasswordHash: async (userId, from, to) => {
      await pool.query('UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3', [to, userId, from]);
    },
    takeSignInAttempt: (given, now) =>
      inTransaction(pool, async (c) => {
        const keys = uniqueKeys(given);
        await c.query('SELECT pg_advisory_xact_lock($1)', [lock]);
        const rows = await c.query<{ key: string; failures: number; last_at: string }>(
          'SELECT key, failures, last_at FROM sign_in_failures WHERE key = ANY($1)',
          [keys.map((k) => k.key)],
        );
        const counts = new Map<string, FailureCount>(rows.rows.map((r) => [r.key, { failures: r.failures, lastAt: Number(r.last_at) }]));
        const until = blockedUntil(keys, counts, now);
        if (until !== null) return until;
        await c.query(
          `INSERT INTO sign_in_failures (key, failures, last_at) SELECT k, 1, $2 FROM unnest($1::text[]) AS k
           ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1, last_at = excluded.last_at`,
          [keys.map((k) => k.key), now],
        );
        return null;
      }),
    settleSignInAttempt: (clear, release) =>
      inTransaction(pool, async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [lock]);
        if (clear.length) await c.query('DELETE FROM sign_in_failures WHERE key = ANY($1)', [[...clear]]);
        if (release.length)
          await c.query('UPDATE sign_in_failures SET failures = greatest(failures - 1, 0) WHERE key = ANY($1)', [[...release]]);
      }),
    addDevice: async (hash, userId, now) => {
      await pool.query(
        'INSERT INTO devices (token_hash, user_id, created_at, used_at) VALUES ($1, $2, $3, $3) ON CONFLICT (token_hash) DO NOTHING',
        [hash, userId, now],
      );
    },
    deviceOwner: async (hash) => {
      const r = await pool.query<{ user_id: string }>('SELECT user_id FROM devices WHERE token_hash = $1', [hash]);
      return r.rows[0] ? Number(r.rows[0].user_id) : null;
    },
    touchDevice: async (hash, now) => {
      await pool.query('UPDATE devices SET used_at = $1 WHERE token_hash = $2', [now, hash]);
    },
    pruneSignIns: async (failuresBefore, devicesBefore) => {
      await pool.query('DELETE FROM sign_in_failures WHERE last_at < $1', [failuresBefore]);
      await pool.query('DELETE FROM devices WHERE used_at < $1', [devicesBefore]);
    },
  };
}

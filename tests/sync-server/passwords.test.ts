// Password hashes: made at OWASP's scrypt cost, the cost carried in the hash so that older
// ones keep verifying and are known to need an upgrade; the unknown-name check costs the
// same; a stored hash with absurd parameters is refused rather than run.
import { expect, it } from 'vitest';
import { costOf, dummyHash, hashPassword, maxmemFor, needsRehash, SCRYPT_COST, verifyPassword } from '../../src/sync-server/auth/passwords';

it('hashes at N=2^17, r=8, p=1 with a fresh salt, and checks the password it was made from', async () => {
  expect(SCRYPT_COST).toEqual({ N: 131072, r: 8, p: 1 });
  const a = await hashPassword('correct horse battery');
  const b = await hashPassword('correct horse battery');
  expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  expect(a).not.toBe(b);
  expect(await verifyPassword('correct horse battery', a)).toBe(true);
  expect(await verifyPassword('correct horse batterY', a)).toBe(false);
  expect(needsRehash(a)).toBe(false);
  // scrypt's own need, 128·r·N bytes, fits under the limit it is given.
  expect(maxmemFor(SCRYPT_COST)).toBeGreaterThan(128 * 8 * 2 ** 17);
});

it('keeps verifying a hash made at the old cost, and says it needs the new one', async () => {
  const old = await hashPassword('pw', { N: 2 ** 15, r: 8, p: 1 });
  expect(old.startsWith('scrypt$32768$8$1$')).toBe(true);
  expect(await verifyPassword('pw', old)).toBe(true);
  expect(needsRehash(old)).toBe(true);
  expect(needsRehash(old, { N: 2 ** 15, r: 8, p: 1 })).toBe(false);
  expect(needsRehash('bcrypt$whatever')).toBe(true);
});

it('checks an unknown name against a hash of the same cost as a real one, which nothing matches', async () => {
  expect(costOf(dummyHash())).toEqual(costOf(await hashPassword('x')));
  expect(costOf(dummyHash({ N: 2 ** 12, r: 8, p: 1 }))).toEqual({ N: 4096, r: 8, p: 1 });
  expect(await verifyPassword('', dummyHash())).toBe(false);
});

it('refuses, without running it, a stored hash with parameters out of range or malformed', async () => {
  const salt = 'A'.repeat(22);
  const key = 'A'.repeat(43);
  for (const stored of [
    `scrypt$${2 ** 30}$8$1$${salt}$${key}`,
    `scrypt$1000$8$1$${salt}$${key}`,
    `scrypt$16384$999$1$${salt}$${key}`,
    `scrypt$16384$8$1$${salt}$`,
    'scrypt$',
    '',
    `scrypt$16384$8$1$${salt}$AA`,
  ]) {
    expect(costOf(stored) === null || stored.endsWith('$AA')).toBe(true);
    expect(await verifyPassword('pw', stored)).toBe(false);
  }
});

// Passwords are stored as scrypt hashes with a per-password salt; the parameters travel with
// the hash, so a hash made at an older cost keeps verifying and is made again at the current
// cost on its owner's next successful sign-in.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, opts, (e, key) => (e ? reject(e) : resolve(key))));

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommendation for scrypt: N = 2^17, r = 8, p = 1 (128 MiB and a few hundred ms each). */
export const SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

/** Nothing stored may make a check cost more than this (a hand-edited row must not take the server's memory). */
const MAX_N = 2 ** 20;
const KEYLEN = 32;

/** What scrypt itself allocates for these parameters (V is 128·r·N bytes, B is 128·r·p), with room to spare. */
export function maxmemFor(cost: ScryptCost): number {
  return 128 * cost.r * (cost.N + cost.p + 2) + 1024 * 1024;
}

export async function hashPassword(password: string, cost: ScryptCost = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { ...cost, maxmem: checkedMaxmem(cost) });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

function checkedMaxmem(cost: ScryptCost): number {
  if (!validCost(cost)) throw new Error(`scrypt cost N=${cost.N} r=${cost.r} p=${cost.p} is out of range`);
  return maxmemFor(cost);
}

function validCost(c: ScryptCost): boolean {
  return (
    Number.isInteger(c.N) &&
    c.N >= 2 &&
    c.N <= MAX_N &&
    (c.N & (c.N - 1)) === 0 &&
    Number.isInteger(c.r) &&
    c.r >= 1 &&
    c.r <= 32 &&
    Number.isInteger(c.p) &&
    c.p >= 1 &&
    c.p <= 16
  );
}

/** The cost a stored hash was made at, or null when it is not a hash this server makes. */
export function costOf(stored: string): ScryptCost | null {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  return validCost(cost) ? cost : null;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const cost = costOf(stored);
  if (!cost) return false;
  const [, , , , salt, key] = stored.split('$');
  const expected = Buffer.from(key!, 'base64url');
  if (expected.length < 16) return false;
  const actual = await scrypt(password, Buffer.from(salt!, 'base64url'), expected.length, { ...cost, maxmem: maxmemFor(cost) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash made below this cost (or not by scrypt at all) is made again at it. */
export function needsRehash(stored: string, cost: ScryptCost = SCRYPT_COST): boolean {
  const c = costOf(stored);
  return !c || c.N < cost.N || c.r < cost.r || c.p < cost.p;
}

/**
 * What an unknown name is checked against: a well-formed hash at the current cost that no
 * password matches, so that an unknown name takes the same work as a known one.
 */
export function dummyHash(cost: ScryptCost = SCRYPT_COST): string {
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${'A'.repeat(22)}$${'A'.repeat(43)}`;
}

/** A password for a new account, to be changed by its owner: 128 bits, URL-safe. */
export function generatePassword(): string {
  return randomBytes(16).toString('base64url');
}

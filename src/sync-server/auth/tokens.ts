// Session tokens: random, shown once to the client, stored only as their SHA-256 so that a
// copy of the database gives no one a session.
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

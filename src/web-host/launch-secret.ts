// The browser host's per-launch secret. Every start makes a new key, printed once in the
// address the host shows; a browser that opens that address trades the key for a session
// cookie, and only requests carrying that cookie reach core. Another user on the machine, or
// a process that cannot read this terminal, cannot drive the host; a restart ends every
// session, since both values live only in this process.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The query parameter of the printed address that carries the key. */
export const KEY_PARAM = 'key';

export interface LaunchSecret {
  /** 256 random bits, base64url: goes in the printed address only. */
  readonly key: string;
  /** The cookie's name; it carries the port, since browsers share cookies across the ports of a host. */
  readonly cookieName: string;
  /** True when `candidate` is this launch's key, compared in constant time. */
  keyMatches(candidate: string): boolean;
  /** The `Set-Cookie` value that gives a browser this launch's session. */
  sessionCookie(): string;
  /** True when the request carries this launch's session cookie. */
  hasSession(req: IncomingMessage): boolean;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Equal-length digests, so neither the length nor the first differing byte shows in the timing. */
function sameSecret(candidate: string, secret: string): boolean {
  return timingSafeEqual(digest(candidate), digest(secret));
}

/** The values of every cookie called `name` in a request's Cookie header. */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    values.push(part.slice(eq + 1).trim());
  }
  return values;
}

export function createLaunchSecret(port: number): LaunchSecret {
  const key = randomBytes(32).toString('base64url');
  // Distinct from the key: the key may linger in the browser's history of typed addresses,
  // the session never leaves Set-Cookie and Cookie headers.
  const session = randomBytes(32).toString('base64url');
  const cookieName = `vigil_session_${port}`;
  return {
    key,
    cookieName,
    keyMatches: (candidate) => sameSecret(candidate, key),
    // No Max-Age: the cookie ends with the browser session, and a restart ends it anyway.
    // No Secure: the host speaks plain HTTP on loopback.
    sessionCookie: () => `${cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`,
    hasSession: (req) => {
      let found = false;
      // Every candidate is compared, so the timing does not tell which one matched.
      for (const value of cookieValues(req.headers.cookie, cookieName)) if (sameSecret(value, session)) found = true;
      return found;
    },
  };
}

// Guessing passwords is slowed, never locked out. Every attempt is counted as a failure before
// its password is checked (a success gives it back), so parallel guesses cannot all be
// tried; after a few failures the next attempt waits, longer each time, and the wait is said.
// The counts live in the store, so every server process on one database shares them.
//
// Counts are kept per name and per address. A workstation that signed in before holds a
// device token bound to its user (OWASP's "device cookie"): its sign-ins are counted on that
// token alone, with a small budget of its own, so nobody can keep a user out by guessing the
// user's name from elsewhere.
import { createHash } from 'node:crypto';
import { HttpFailure } from '../http-failure';
import type { ServerStore, SignInKey } from '../store/types';

/** Failures a count allows before the next attempt has to wait. An address may be an office behind one router: more. */
export const FREE_FAILURES = { name: 5, device: 5, address: 20 } as const;
/** The first wait, doubled with each further failure, up to the longest. */
export const FIRST_WAIT_MS = 30_000;
export const LONGEST_WAIT_MS = 15 * 60_000;
/** A count without a failure for this long is forgotten (its row pruned). */
export const FORGET_FAILURES_MS = 24 * 3_600_000;
/** A device token not used for this long is forgotten: its workstation signs in as a new one. */
export const FORGET_DEVICES_MS = 180 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 10 * 60_000;

export function waitAfter(free: number): (failures: number) => number {
  return (failures) => (failures < free ? 0 : Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(failures - free, 30)));
}

/** Stored as a hash: a password typed into the name field is not kept. */
const keyOf = (kind: 'name' | 'address' | 'device', value: string) => createHash('sha256').update(`${kind}:${value}`).digest('hex');

/** An IPv6 host usually holds a whole /64: counted as one address. */
export function addressOf(ip: string): string {
  const bare = ip.split('%')[0]!.toLowerCase();
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare);
  if (v4) return v4[1]!;
  if (!bare.includes(':')) return bare;
  const [head = '', tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

function wording(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

export interface Attempt {
  /** The password matched: this name's (or device's) failures are forgotten, the address's attempt given back. */
  succeeded(): Promise<void>;
  /** The password was never checked (the server was busy): the attempt is given back. */
  withdrawn(): Promise<void>;
}

export class LoginLimiter {
  private prunedAt = -Infinity;

  constructor(
    private readonly store: ServerStore,
    private readonly now: () => number,
  ) {}

  /** Forgets old counts and unused device tokens, every few minutes: called before a sign-in looks either up. */
  async prune(): Promise<void> {
    const now = this.now();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    await this.store.pruneSignIns(now - FORGET_FAILURES_MS, now - FORGET_DEVICES_MS);
  }

  /**
   * Takes an attempt for `name` from `ip`, or refuses with 429 and how long to wait.
   * `device`: the hash of a device token bound to the user of that name, or null.
   */
  async take(ip: string, name: string, device: string | null): Promise<Attempt> {
    const now = this.now();
    const keys: SignInKey[] = device
      ? [{ key: keyOf('device', device), wait: waitAfter(FREE_FAILURES.device) }]
      : [
          { key: keyOf('name', name.toLowerCase()), wait: waitAfter(FREE_FAILURES.name) },
          { key: keyOf('address', addressOf(ip)), wait: waitAfter(FREE_FAILURES.address) },
        ];
    const until = await this.store.takeSignInAttempt(keys, now);
    if (until !== null) {
      const wait = until - now;
      throw new HttpFailure(
        429,
        'too_many_attempts',
        `Too many failed sign-ins; wait ${wording(wait)} and try again.`,
        undefined,
        Math.ceil(wait / 1000),
      );
    }
    const [own, address] = keys as [SignInKey, SignInKey?];
    return {
      succeeded: () => this.store.settleSignInAttempt([own.key], address ? [address.key] : []),
      withdrawn: () =>
        this.store.settleSignInAttempt(
          [],
          keys.map((k) => k.key),
        ),
    };
  }
}

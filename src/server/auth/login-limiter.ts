// Guessing passwords is slowed down: after a few failures for one name or from one address,
// further tries wait, and the wait is said.
import { HttpFailure } from '../http-failure';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;

export class LoginLimiter {
  private failures = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  check(ip: string, name: string): void {
    for (const key of [`ip:${ip}`, `name:${name.toLowerCase()}`]) {
      const list = this.recent(key);
      if (list.length >= MAX_FAILURES) {
        const wait = Math.ceil((list[0]! + WINDOW_MS - this.now()) / 60_000);
        throw new HttpFailure(429, 'too_many_attempts', `Too many failed sign-ins; try again in ${wait} minute${wait === 1 ? '' : 's'}.`);
      }
    }
  }

  failed(ip: string, name: string): void {
    for (const key of [`ip:${ip}`, `name:${name.toLowerCase()}`]) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeeded(ip: string, name: string): void {
    this.failures.delete(`name:${name.toLowerCase()}`);
    void ip;
  }
}

// Password checks run a few at a time: each scrypt at the current cost takes 128 MiB, so a
// burst of sign-ins must not take them all at once. A few more may wait for a slot; beyond
// that the server answers "busy" with a time to try again.
import { HttpFailure } from '../http-failure';

export class HashSlots {
  private busy = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly slots: number,
    private readonly waiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy < this.slots) this.busy++;
    else if (this.queue.length < this.waiting) await new Promise<void>((resolve) => this.queue.push(resolve));
    else throw new HttpFailure(503, 'busy', 'The server is checking many sign-ins at once; try again in a few seconds.', undefined, 2);
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, or is freed.
      const next = this.queue.shift();
      if (next) next();
      else this.busy--;
    }
  }
}

// A progress bar on stderr. Drawn only when stderr is a terminal; in a log or a pipe it
// writes a plain line at most every PLAIN_EVERY_MS, so short runs print nothing and long
// ones show they are alive. Never on stdout: that belongs to results.
import type { Writable } from 'node:stream';
import { columnsOf, isTTY } from './io';

const REDRAW_MS = 100;
const PLAIN_EVERY_MS = 10_000;

export interface ProgressOptions {
  /** What is being done: "import", "export", "seed". */
  label: string;
  /** The amount at 100 %, when known. */
  total?: number | undefined;
  /** How to show an amount (bytes, items). */
  show?: (n: number) => string;
  /** Turn off entirely. */
  quiet?: boolean;
  /** The clock, for tests. */
  now?: () => number;
}

export class Progress {
  private readonly tty: boolean;
  private readonly show: (n: number) => string;
  private readonly now: () => number;
  private total: number | undefined;
  private drawn = false;
  private lastDraw = 0;
  private lastPlain: number;
  private done = 0;
  private note = '';

  constructor(
    private readonly out: Writable,
    private readonly opts: ProgressOptions,
  ) {
    this.tty = !opts.quiet && isTTY(out);
    this.show = opts.show ?? formatCount;
    this.now = opts.now ?? Date.now;
    this.total = opts.total;
    this.lastPlain = this.now();
  }

  setTotal(total: number | undefined): void {
    this.total = total;
  }

  update(done: number, note?: string): void {
    this.done = done;
    if (note !== undefined) this.note = note;
    if (this.opts.quiet) return;
    const t = this.now();
    if (this.tty) {
      if (t - this.lastDraw < REDRAW_MS) return;
      this.lastDraw = t;
      this.draw();
    } else if (t - this.lastPlain >= PLAIN_EVERY_MS) {
      this.lastPlain = t;
      this.out.write(`${this.opts.label}: ${this.summary()}${this.note ? ` (${this.note})` : ''}\n`);
    }
  }

  /** Takes the bar off the screen (before printing something else); the next update redraws it. */
  clear(): void {
    if (this.tty && this.drawn) {
      this.out.write('\r\x1b[2K');
      this.drawn = false;
      this.lastDraw = 0;
    }
  }

  finish(): void {
    this.clear();
  }

  private summary(): string {
    const { total, done } = this;
    if (!total) return this.show(done);
    const pct = Math.min(100, Math.floor((done / total) * 100));
    return `${pct}% ${this.show(done)} of ${this.show(total)}`;
  }

  private draw(): void {
    const width = columnsOf(this.out) - 1;
    const head = `${this.opts.label} `;
    const tail = ` ${this.summary()}${this.note ? `  ${this.note}` : ''}`;
    let line: string;
    if (this.total) {
      const barWidth = Math.max(10, Math.min(40, width - head.length - tail.length - 2));
      const filled = Math.round(Math.min(1, this.done / this.total) * barWidth);
      line = `${head}[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${tail}`;
    } else {
      line = `${head}${tail}`;
    }
    if (line.length > width) line = `${line.slice(0, width - 1)}…`;
    this.out.write(`\r\x1b[2K${line}`);
    this.drawn = true;
  }
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

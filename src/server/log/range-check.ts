// A stretch of the log checked entry by entry: every entry hashed again and held against its
// logged hash, the places without gaps, the server's order kept, and the roots at the sizes
// asked for grown from the stretch's first entry. The server's check (verify.ts) runs one over
// the whole log, or two at once (the first half in a worker thread, verify-worker.ts) and joins
// their roots.
import { Frontier } from '../../core/log';

export interface LogProblem {
  /** The first entry (0-based) that no longer holds, where one can be named. */
  position: number | null;
  what: string;
}

/** One stored entry as a check reads it. */
export interface LogRecord {
  leaf: number;
  seq: number;
  text: string;
  hash: Buffer | null;
}

export interface RangeResult {
  problems: LogProblem[];
  /** Entries read. */
  count: number;
  /** The place after the last entry read. */
  next: number;
  firstSeq: number | null;
  lastSeq: number;
  /** Root of the stretch's entries up to each size asked for (absolute sizes; base64 so it crosses threads). */
  roots: [number, string][];
}

/** An entry's event, action and author, for a message about it (the text may be anything). */
function describe(text: string): string {
  try {
    const e = JSON.parse(text) as { id?: unknown; action?: unknown; by?: unknown };
    return `event ${String(e.id)}, ${String(e.action)}${e.by === undefined ? '' : ` by ${String(e.by)}`}`;
  } catch {
    return 'not an entry';
  }
}

export class RangeCheck {
  private readonly frontier = new Frontier();
  private readonly problems: LogProblem[] = [];
  private readonly roots: [number, string][] = [];
  private next: number;
  private count = 0;
  private firstSeq: number | null = null;
  private lastSeq = 0;
  private wanted = 0;

  /** From the entry at `from`; `sizes` (ascending, absolute) are where to keep the stretch's root. */
  constructor(
    private readonly from: number,
    private readonly sizes: readonly number[],
  ) {
    this.next = from;
  }

  private bad(position: number, what: string): void {
    if (this.problems.length < 50) this.problems.push({ position, what });
  }

  take({ leaf, seq, text, hash: logged }: LogRecord): void {
    if (leaf !== this.next) {
      this.bad(this.next, leaf > this.next ? `entries ${this.next} to ${leaf - 1} are missing: removed from the log` : `entry ${leaf} appears twice`);
      // Go on from what is there: the checkpoints then say what else no longer holds.
      if (leaf < this.next) return;
    }
    // The log's order is the server's: an entry after one stored later was moved (it or the one before it).
    if (this.firstSeq === null) this.firstSeq = seq;
    else if (seq <= this.lastSeq) this.bad(Math.max(0, leaf - 1), `entries ${leaf - 1} and ${leaf} are out of the order the server stored them in: reordered`);
    this.lastSeq = seq;
    const hash = this.frontier.appendLeaf(text);
    if (!logged) this.bad(leaf, `entry ${leaf} (${describe(text)}) has no logged hash: inserted after the fact`);
    else if (!logged.equals(hash)) this.bad(leaf, `entry ${leaf} (${describe(text)}) is not what was logged: it was changed`);
    this.next = leaf + 1;
    this.count++;
    const size = this.from + this.frontier.size;
    while (this.wanted < this.sizes.length && this.sizes[this.wanted]! <= size) {
      if (this.sizes[this.wanted] === size) this.roots.push([size, this.frontier.root().toString('base64')]);
      this.wanted++;
    }
  }

  result(): RangeResult {
    return { problems: this.problems, count: this.count, next: this.next, firstSeq: this.firstSeq, lastSeq: this.lastSeq, roots: this.roots };
  }
}

/** Reads a stretch page by page through `read` and checks it. */
export async function checkRange(
  read: (fromLeaf: number, limit: number) => Promise<LogRecord[]> | LogRecord[],
  from: number,
  to: number,
  sizes: readonly number[],
  onProgress: (next: number) => void = () => {},
): Promise<RangeResult> {
  const check = new RangeCheck(from, sizes);
  const PAGE = 20_000;
  for (let next = from; next < to; ) {
    const page = await read(next, Math.min(PAGE, to - next));
    if (!page.length) break;
    for (const r of page) if (r.leaf < to) check.take(r);
    next = page[page.length - 1]!.leaf + 1;
    onProgress(next);
  }
  return check.result();
}

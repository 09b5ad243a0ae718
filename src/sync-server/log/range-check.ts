// The log checked in chunks: aligned stretches of a power-of-two number of entries. Each chunk's
// entries are hashed again and held against their logged hashes, their places checked for gaps
// and the server's order, and the chunk's root grown, with the roots of its first entries up to
// any size asked for. A full chunk is a perfect subtree of the log's tree, so the root of the
// first s entries is MTH over the roots of the full chunks before s and the root of the chunk
// that holds entry s-1 up to s (the split at the largest power of two falls on a chunk edge).
//
// Chunks are independent, so two threads can share them: each claims the next unchecked chunk
// from a counter in shared memory (claimChunks), and the one that started the check joins the
// results (verify.ts). Whoever is quicker takes more, so neither waits on the other.
import { Frontier } from '../../core/log';

export interface LogProblem {
  /** The first entry (0-based) that no longer holds, where one can be named. */
  position: number | null;
  what: string;
}

/**
 * One stored entry as a check reads it: its place, its server sequence, its text and the leaf
 * hash logged for it as hex text (null or empty where none is). A row as SQLite hands it over,
 * as is: a check reads a million of them, and hex text is far cheaper to hand over than a Buffer.
 */
export type LogRecord = [leaf: number, seq: number, text: string, hash: string | null];

export type ReadRecords = (fromLeaf: number, limit: number) => Promise<LogRecord[]> | LogRecord[];

/** What one chunk's check found. Plain data (hashes in base64) so that it crosses threads. */
export interface ChunkResult {
  chunk: number;
  problems: LogProblem[];
  /** Entries read. */
  count: number;
  /** The place after the last entry read (the chunk's start where none was). */
  next: number;
  first: number | null;
  firstSeq: number | null;
  lastSeq: number | null;
  /** Root of the entries read. */
  root: string;
  /** Root of the chunk's entries up to each size asked for within it (absolute sizes). */
  roots: [number, string][];
}

/** A check shared between threads: the same job is handed to each. */
export interface ChunkJob {
  /** Entries in the log (its head). */
  size: number;
  /** Entries per chunk, a power of two. */
  chunk: number;
  /** Sizes whose roots are wanted (ascending). */
  sizes: number[];
  /** Int32 counters: [0] the next chunk to claim, [1] entries checked so far, [2] chunks claimed by helpers. */
  shared: SharedArrayBuffer;
}

export const NEXT_CHUNK = 0;
export const ENTRIES_DONE = 1;
export const HELPER_CLAIMS = 2;

export function newJob(size: number, chunk: number, sizes: number[]): ChunkJob {
  return { size, chunk, sizes, shared: new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT) };
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

const PROBLEMS_PER_CHUNK = 50;

/** Reads chunk `c` of the job page by page and checks it. */
export async function checkChunk(
  read: ReadRecords,
  job: ChunkJob,
  c: number,
  onPage: (entries: number) => void = () => {},
): Promise<ChunkResult> {
  const start = c * job.chunk;
  const end = Math.min(start + job.chunk, job.size);
  const frontier = new Frontier();
  const problems: LogProblem[] = [];
  const bad = (position: number, what: string) => {
    if (problems.length < PROBLEMS_PER_CHUNK) problems.push({ position, what });
  };
  const wanted = job.sizes.filter((s) => s > start && s <= start + job.chunk);
  const roots: [number, string][] = [];
  let w = 0;
  let next = start;
  let count = 0;
  let first: number | null = null;
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;
  // Small pages that divide a chunk (reads stay within it). A page's rows live until they are
  // checked, and the young generation's collector copies whatever lives: pages of 512 rows made a
  // million-entry check about a quarter quicker than pages of 16,384.
  const page = Math.min(job.chunk, 512);
  for (let from = start; from < end;) {
    const rows = await read(from, Math.min(page, end - from));
    if (!rows.length) break;
    const before = count;
    for (const [leaf, seq, text, logged] of rows) {
      if (leaf >= end) break;
      if (leaf !== next) {
        bad(next, leaf > next ? `entries ${next} to ${leaf - 1} are missing: removed from the log` : `entry ${leaf} appears twice`);
        // Go on from what is there: the checkpoints then say what else no longer holds.
        if (leaf < next) continue;
      }
      // The log's order is the server's: an entry after one stored later was moved (it or the one before it).
      if (lastSeq !== null && seq <= lastSeq)
        bad(Math.max(0, leaf - 1), `entries ${leaf - 1} and ${leaf} are out of the order the server stored them in: reordered`);
      if (first === null) {
        first = leaf;
        firstSeq = seq;
      }
      lastSeq = seq;
      const same = frontier.appendLeafMatching(text, logged ?? '');
      if (!logged) bad(leaf, `entry ${leaf} (${describe(text)}) has no logged hash: inserted after the fact`);
      else if (!same) bad(leaf, `entry ${leaf} (${describe(text)}) is not what was logged: it was changed`);
      next = leaf + 1;
      count++;
      const size = start + frontier.size;
      while (w < wanted.length && wanted[w]! <= size) {
        if (wanted[w] === size) roots.push([size, frontier.root().toString('base64')]);
        w++;
      }
    }
    onPage(count - before);
    from = rows[rows.length - 1]![0] + 1;
  }
  return { chunk: c, problems, count, next, first, firstSeq, lastSeq, root: frontier.root().toString('base64'), roots };
}

/**
 * Claims chunks of the job one by one until none is left, checking each: what a thread that
 * shares the check runs. `helper` says it is not the thread that joins the results;
 * `onProgress` hears how many entries all threads have checked, after each page of its own.
 */
export async function claimChunks(
  read: ReadRecords,
  job: ChunkJob,
  helper: boolean,
  onProgress: (entries: number) => void = () => {},
): Promise<ChunkResult[]> {
  const counters = new Int32Array(job.shared);
  const chunks = Math.ceil(job.size / job.chunk);
  const done: ChunkResult[] = [];
  for (;;) {
    const c = Atomics.add(counters, NEXT_CHUNK, 1);
    if (c >= chunks) return done;
    if (helper) Atomics.add(counters, HELPER_CLAIMS, 1);
    done.push(await checkChunk(read, job, c, (n) => onProgress(Atomics.add(counters, ENTRIES_DONE, n) + n)));
  }
}

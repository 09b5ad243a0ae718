// The server's own check of its log: every entry (its event's body: the record pulls hand out)
// is hashed again and compared with the hash logged for it, the tree is grown again from those
// entries, and every checkpoint the server signed must still verify with the log's public key and
// match the root grown up to its size. Whatever was edited, deleted, inserted, reordered or cut
// from the end shows as the first position that no longer holds, and why.
//
// The check runs in chunks (range-check.ts). Where the store can give a second reader (SQLite:
// a worker thread on its own connection), two threads share the chunks, each taking the next one
// left, and this one joins what they found: where chunks meet (no gap, the server's order held
// across) and the roots at the signed sizes, from the chunks' roots.
import { rootOf, verifyCheckpoint, type LogPublicKey } from '../../core/log';
import type { LogStore, StoredCheckpoint } from '../store/types';
import { checkChunk, claimChunks, newJob, type LogProblem } from './range-check';

export type { LogProblem } from './range-check';

export interface LogCheck {
  ok: boolean;
  entries: number;
  checkpoints: number;
  problems: LogProblem[];
}

export interface LogCheckOptions {
  /** From how many entries a second thread shares the check (where the store can): tests set it low. */
  shareFrom?: number;
  /** Entries per chunk, a power of two: tests set it low. */
  chunk?: number;
}

/** Below this many entries one thread is quicker than starting another. */
const SHARE_FROM = 1 << 16;
/** 16 chunks in a log of a million: enough for two threads to even out, few enough to join at once. */
const CHUNK = 1 << 16;

const at = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

export async function verifyServerLog(
  log: LogStore,
  key: LogPublicKey,
  onProgress: (done: number) => void = () => {},
  options: LogCheckOptions = {},
): Promise<LogCheck> {
  const chunk = options.chunk ?? CHUNK;
  if (!Number.isSafeInteger(chunk) || chunk < 1 || (chunk & (chunk - 1)) !== 0)
    throw new RangeError(`a chunk is a power of two of entries (got ${chunk})`);
  const problems: LogProblem[] = [];
  const checkpoints: StoredCheckpoint[] = [];
  for (const cp of await log.checkpoints()) {
    const v = verifyCheckpoint(cp.note, key);
    if (!v.ok) problems.push({ position: null, what: `the checkpoint stored for size ${cp.size} does not verify: ${v.reason}` });
    else if (v.checkpoint.size !== cp.size || !v.checkpoint.root.equals(cp.root)) {
      problems.push({
        position: null,
        what: `the checkpoint stored for size ${cp.size} is not the one that was signed (it says size ${v.checkpoint.size})`,
      });
    } else checkpoints.push(cp);
  }
  const read = (from: number, limit: number) => log.records(from, limit);
  const n = (await log.head()).size;
  const job = newJob(
    n,
    chunk,
    checkpoints.map((c) => c.size),
  );
  const chunks = Math.ceil(n / chunk);

  // This thread claims chunks from the start; a helper, once it has started, claims beside it.
  let mineDone!: () => void;
  const done = new Promise<void>((resolve) => (mineDone = resolve));
  const helper = n >= Math.max(1, options.shareFrom ?? SHARE_FROM) && log.checkHelper ? log.checkHelper(job, done) : Promise.resolve([]);
  const mine = await claimChunks(read, job, false, onProgress);
  mineDone();
  const results = [...mine, ...(await helper)];
  // A chunk the helper claimed but did not answer for (it failed) is checked here.
  const have = new Set(results.map((r) => r.chunk));
  for (let c = 0; c < chunks; c++) if (!have.has(c)) results.push(await checkChunk(read, job, c));
  results.sort((a, b) => a.chunk - b.chunk);
  onProgress(results.reduce((sum, r) => sum + r.count, 0));

  let lastSeq: number | null = null;
  for (const r of results) {
    problems.push(...r.problems);
    // Where chunks meet: the one before ran to its end, and the server's order held across.
    const end = Math.min((r.chunk + 1) * chunk, n);
    if (r.chunk < chunks - 1 && r.next < end)
      problems.push({ position: r.next, what: `entries ${r.next} to ${end - 1} are missing: removed from the log` });
    if (r.first !== null && lastSeq !== null && r.firstSeq! <= lastSeq) {
      problems.push({
        position: r.first - 1,
        what: `entries ${r.first - 1} and ${r.first} are out of the order the server stored them in: reordered`,
      });
    }
    if (r.lastSeq !== null) lastSeq = r.lastSeq;
  }
  const entries = results.reduce((sum, r) => sum + r.count, 0);
  const chunkRoots = results.map((r) => Buffer.from(r.root, 'base64'));
  const prefixRoots = new Map(results.flatMap((r) => r.roots));
  /** Root of the first `size` entries: the full chunks before the one holding entry size-1, and that one up to size. */
  const rootAt = (size: number): Buffer | undefined => {
    const last = Math.ceil(size / chunk) - 1;
    const prefix = prefixRoots.get(size);
    return prefix === undefined ? undefined : rootOf([...chunkRoots.slice(0, last), Buffer.from(prefix, 'base64')]);
  };

  const exact = problems.filter((p) => p.position !== null).map((p) => p.position!);
  const firstBad = exact.length ? Math.min(...exact) : null;
  let lastGood = 0;
  for (const cp of checkpoints) {
    if (cp.size === 0) continue;
    const root = rootAt(cp.size);
    if (!root) continue; // past the end: said below
    // Where exactly, if an entry already said so; otherwise somewhere after the last checkpoint that held.
    if (root.equals(cp.root)) lastGood = cp.size;
    else
      problems.push({
        position: firstBad ?? lastGood,
        what: `the first ${cp.size} entries do not make the root signed at ${at(cp.signedAt)}: an entry before ${cp.size} was changed, removed, inserted or reordered`,
      });
  }
  const last = checkpoints[checkpoints.length - 1];
  if (last && last.size > entries) {
    problems.push({
      position: entries,
      what: `the log holds ${entries} entries, but the checkpoint signed at ${at(last.signedAt)} covers ${last.size}: entries were cut from its end`,
    });
  }
  problems.sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
  return { ok: problems.length === 0, entries, checkpoints: checkpoints.length, problems: problems.slice(0, 50) };
}

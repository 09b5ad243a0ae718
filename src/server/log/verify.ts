// The server's own check of its log: every entry (its event's body: the record pulls hand out)
// is hashed again and compared with the hash logged for it, the tree is grown again from those
// entries, and every checkpoint the server signed must still verify with the log's public key and
// match the root grown up to its size. Whatever was edited, deleted, inserted, reordered or cut
// from the end shows as the first position that no longer holds, and why.
//
// Where the store can (SQLite: a second connection in a worker thread), the first half of the
// log — the largest power of two of entries below its size — is checked in a worker while this
// thread checks the rest; MTH(n) = node(MTH(first k), MTH(rest)) joins their roots.
import { nodeHash, verifyCheckpoint, type LogPublicKey } from '../../core/log';
import type { LogStore, StoredCheckpoint } from '../store/types';
import { checkRange, type LogProblem, type RangeResult } from './range-check';

export type { LogProblem } from './range-check';

export interface LogCheck {
  ok: boolean;
  entries: number;
  checkpoints: number;
  problems: LogProblem[];
}

/** Below this many entries one thread is quicker than starting another. */
const SPLIT_FROM = 1 << 16;

const at = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/** The largest power of two below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export async function verifyServerLog(
  log: LogStore,
  key: LogPublicKey,
  onProgress: (done: number) => void = () => {},
  /** From how many entries the check runs in two halves (where the store can): tests set it low. */
  splitFrom = SPLIT_FROM,
): Promise<LogCheck> {
  const problems: LogProblem[] = [];
  const checkpoints: StoredCheckpoint[] = [];
  for (const cp of await log.checkpoints()) {
    const v = verifyCheckpoint(cp.note, key);
    if (!v.ok) problems.push({ position: null, what: `the checkpoint stored for size ${cp.size} does not verify: ${v.reason}` });
    else if (v.checkpoint.size !== cp.size || !v.checkpoint.root.equals(cp.root)) {
      problems.push({ position: null, what: `the checkpoint stored for size ${cp.size} is not the one that was signed (it says size ${v.checkpoint.size})` });
    } else checkpoints.push(cp);
  }
  const read = (from: number, limit: number) => log.records(from, limit);
  const n = (await log.head()).size;
  const sizes = checkpoints.map((c) => c.size);

  /** Root of the first `size` entries, from the stretches' roots. */
  let rootAt: (size: number) => Buffer | undefined;
  let parts: RangeResult[];
  const k = n >= Math.max(2, splitFrom) && log.checkLeft ? split(n) : 0;
  if (k > 0) {
    // Left: [0, k), its roots at the checkpoints within it and at k. Right: [k, ∞), its own roots from k.
    const leftSizes = [...sizes.filter((s) => s < k), k];
    const [left, right] = await Promise.all([
      log.checkLeft!(k, leftSizes),
      checkRange(read, k, Number.MAX_SAFE_INTEGER, sizes.filter((s) => s > k), onProgress),
    ]);
    const leftRoots = new Map(left.roots.map(([s, r]) => [s, Buffer.from(r, 'base64')]));
    const rightRoots = new Map(right.roots.map(([s, r]) => [s, Buffer.from(r, 'base64')]));
    const leftRoot = leftRoots.get(k);
    rootAt = (size) => (size <= k ? leftRoots.get(size) : leftRoot && rightRoots.get(size) ? nodeHash(leftRoot, rightRoots.get(size)!) : undefined);
    // Where the halves meet: no gap, and the server's order held across.
    if (left.next < k) problems.push({ position: left.next, what: `entries ${left.next} to ${k - 1} are missing: removed from the log` });
    if (right.firstSeq !== null && right.firstSeq <= left.lastSeq) problems.push({ position: k - 1, what: `entries ${k - 1} and ${k} are out of the order the server stored them in: reordered` });
    parts = [left, right];
  } else {
    const whole = await checkRange(read, 0, Number.MAX_SAFE_INTEGER, sizes, onProgress);
    const roots = new Map(whole.roots.map(([s, r]) => [s, Buffer.from(r, 'base64')]));
    rootAt = (size) => (size === 0 ? undefined : roots.get(size));
    parts = [whole];
  }
  for (const p of parts) problems.push(...p.problems);
  const entries = parts.reduce((sum, p) => sum + p.count, 0);

  const exact = problems.filter((p) => p.position !== null).map((p) => p.position!);
  const firstBad = exact.length ? Math.min(...exact) : null;
  let lastGood = 0;
  for (const cp of checkpoints) {
    if (cp.size === 0) continue;
    const root = rootAt(cp.size);
    if (!root) continue; // past the end: said below
    // Where exactly, if an entry already said so; otherwise somewhere after the last checkpoint that held.
    if (root.equals(cp.root)) lastGood = cp.size;
    else problems.push({ position: firstBad ?? lastGood, what: `the first ${cp.size} entries do not make the root signed at ${at(cp.signedAt)}: an entry before ${cp.size} was changed, removed, inserted or reordered` });
  }
  const last = checkpoints[checkpoints.length - 1];
  if (last && last.size > entries) {
    problems.push({ position: entries, what: `the log holds ${entries} entries, but the checkpoint signed at ${at(last.signedAt)} covers ${last.size}: entries were cut from its end` });
  }
  problems.sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
  return { ok: problems.length === 0, entries, checkpoints: checkpoints.length, problems: problems.slice(0, 50) };
}

// The server's own check of its log: every entry (its event's body: the record pulls hand out)
// is hashed again and compared with the hash logged for it, the tree is grown again from those
// entries, and every checkpoint the server signed must still verify with the log's public key and
// match the root grown up to its size. Whatever was edited, deleted, inserted, reordered or cut
// from the end shows as the first position that no longer holds, and why.
import { Frontier, verifyCheckpoint, type LogPublicKey } from '../../core/index';
import type { LogStore, StoredCheckpoint } from '../store/types';

export interface LogProblem {
  /** The first entry (0-based) that no longer holds, where one can be named. */
  position: number | null;
  what: string;
}

export interface LogCheck {
  ok: boolean;
  entries: number;
  checkpoints: number;
  problems: LogProblem[];
}

const PAGE = 20_000;

/** An entry's event, action and author, for a message about it (the text may be anything). */
function describe(text: string | Uint8Array): string {
  try {
    const e = JSON.parse(typeof text === 'string' ? text : Buffer.from(text).toString('utf8')) as { id?: unknown; action?: unknown; by?: unknown };
    return `event ${String(e.id)}, ${String(e.action)}${e.by === undefined ? '' : ` by ${String(e.by)}`}`;
  } catch {
    return 'not an entry';
  }
}
const at = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

export async function verifyServerLog(log: LogStore, key: LogPublicKey, onProgress: (done: number) => void = () => {}): Promise<LogCheck> {
  const problems: LogProblem[] = [];
  const checkpoints: StoredCheckpoint[] = [];
  for (const cp of await log.checkpoints()) {
    const v = verifyCheckpoint(cp.note, key);
    if (!v.ok) problems.push({ position: null, what: `the checkpoint stored for size ${cp.size} does not verify: ${v.reason}` });
    else if (v.checkpoint.size !== cp.size || !v.checkpoint.root.equals(cp.root)) {
      problems.push({ position: null, what: `the checkpoint stored for size ${cp.size} is not the one that was signed (it says size ${v.checkpoint.size})` });
    } else checkpoints.push(cp);
  }
  const frontier = new Frontier();
  let next = 0;
  let cpAt = 0;
  let firstBad: number | null = null;
  let lastGood = 0;
  let lastSeq = 0;
  const bad = (position: number, what: string) => {
    if (firstBad === null) firstBad = position;
    if (problems.length < 50) problems.push({ position, what });
  };
  const checkRoots = () => {
    while (cpAt < checkpoints.length && checkpoints[cpAt]!.size <= frontier.size) {
      const cp = checkpoints[cpAt++]!;
      if (cp.size !== frontier.size) continue;
      // Where exactly, if an entry already said so; otherwise somewhere after the last checkpoint that held.
      if (!frontier.root().equals(cp.root)) {
        bad(firstBad ?? lastGood, `the first ${cp.size} entries do not make the root signed at ${at(cp.signedAt)}: an entry before ${cp.size} was changed, removed, inserted or reordered`);
      } else lastGood = cp.size;
    }
  };
  checkRoots();
  for (;;) {
    const page = await log.records(next, PAGE);
    if (!page.length) break;
    for (const { leaf, seq, text, hash: logged } of page) {
      if (leaf !== next) {
        bad(next, leaf > next ? `entries ${next} to ${leaf - 1} are missing: removed from the log` : `entry ${leaf} appears twice`);
        // Go on from what is there: later checkpoints then say what else no longer holds.
        if (leaf < next) continue;
      }
      // The log's order is the server's: an entry after one stored later was moved (it or the one before it).
      if (seq <= lastSeq) bad(Math.max(0, leaf - 1), `entries ${leaf - 1} and ${leaf} are out of the order the server stored them in: reordered`);
      lastSeq = seq;
      const hash = frontier.appendLeaf(text);
      if (!logged) bad(leaf, `entry ${leaf} (${describe(text)}) has no logged hash: inserted after the fact`);
      else if (!logged.equals(hash)) bad(leaf, `entry ${leaf} (${describe(text)}) is not what was logged: it was changed`);
      next = leaf + 1;
      checkRoots();
    }
    onProgress(next);
  }
  const last = checkpoints[checkpoints.length - 1];
  if (last && last.size > frontier.size) {
    bad(frontier.size, `the log holds ${frontier.size} entries, but the checkpoint signed at ${at(last.signedAt)} covers ${last.size}: entries were cut from its end`);
  }
  problems.sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
  return { ok: problems.length === 0, entries: frontier.size, checkpoints: checkpoints.length, problems };
}

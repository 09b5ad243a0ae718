// A new workstation's first sync: the server's snapshot (everything as of one sequence, as
// NDJSON) read as it streams and applied in large transactions, content before events (and
// acknowledgements of replies after them), and
// each item's state folded once at the end; the cursor moves to the snapshot's sequence only
// then, and normal pulls go on from there. Cut short, it keeps what it applied (all of it idempotent) and the next
// round starts it again.
import type { Database } from 'better-sqlite3';
import { VigilFailure } from '../../shared/errors';
import {
  SYNC_SCHEMA_VERSION,
  type PullLog,
  type ServerAck,
  type ServerContent,
  type ServerEvent,
  type SnapshotLine,
} from '../../shared/sync';
import { applyAcks } from './acks';
import { ItemScorer } from '../detection/scores/item-scores';
import { reproject } from '../decisions/project';
import { applyEvents } from './apply';
import { applyContent } from './content';
import { noEffects, type ConfigEffects } from './config/documents';
import { headersFor, refusal, TIMEOUT_MS, unreachable } from './http';
import { note, setCursor } from './state';
import { withFallback } from './fallback';
import { Frontier } from '../audit/frontier';
import { commitLog, frontierOf, hashEvents, pinnedLog, verifyLog, type PageLog } from './log-copy';

/** Records per local transaction: large, since no one works on these rows yet. */
export const SNAPSHOT_BATCH = 5000;

export interface SnapshotProgress {
  /** The sequence the snapshot stands at. */
  head: number;
  done: number;
  total: number;
}

export interface SnapshotResult {
  head: number;
  content: number;
  events: number;
}

async function open(url: string, token: string, signal: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${url}/sync/snapshot?schemaVersion=${SYNC_SCHEMA_VERSION}`, { headers: headersFor(token, false), signal });
  } catch (e) {
    throw unreachable(url, e);
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // not an error body: the status says enough
    }
    throw refusal(res.status, body);
  }
  return res;
}

export async function syncFromSnapshot(
  db: Database,
  url: string,
  token: string,
  now: () => number,
  onProgress: (p: SnapshotProgress) => void,
  effects: ConfigEffects = noEffects(),
): Promise<SnapshotResult> {
  const abort = new AbortController();
  // Not one timeout for the whole stream (a large one takes a while): a server gone silent.
  let idle: ReturnType<typeof setTimeout> | undefined;
  const alive = () => {
    clearTimeout(idle);
    idle = setTimeout(() => abort.abort(new Error(`nothing for ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  };
  alive();
  const scorer = new ItemScorer(db, {});
  const progress: SnapshotProgress = { head: 0, done: 0, total: 0 };
  const result: SnapshotResult = { head: 0, content: 0, events: 0 };
  let ended = false;
  /** Set while a line is being stored: a failure then is this database's, not the network's. */
  let storing = false;
  let content: ServerContent[] = [];
  let events: ServerEvent[] = [];
  let acks: ServerAck[] = [];
  const touched = new Set<number>();
  // The snapshot's events are the first entries of the server's log: hashed as they stream,
  // checked against its checkpoint before the cursor moves.
  const copy = pinnedLog(db)
    ? { frontier: Frontier.fromJSON(frontierOf(db).toJSON()), rows: [] as PageLog['rows'], log: undefined as PullLog | undefined }
    : null;
  const flush = () => {
    if (content.length) {
      const batch = content;
      content = [];
      withFallback(db, (isolate) => applyContent(db, batch, now(), scorer, isolate));
      result.content += batch.length;
      progress.done += batch.length;
    }
    if (events.length) {
      const batch = events;
      events = [];
      withFallback(db, (isolate) => applyEvents(db, batch, now(), touched, effects, isolate));
      result.events += batch.length;
      progress.done += batch.length;
    }
    if (acks.length) {
      const batch = acks;
      acks = [];
      db.transaction(() => applyAcks(db, batch))();
      progress.done += batch.length;
    }
    onProgress({ ...progress });
  };
  const take = (l: SnapshotLine) => {
    if (l.type === 'head') {
      if (copy) copy.log = l.log;
      progress.head = result.head = l.seq;
      progress.total = l.content + l.events + (l.acks ?? 0);
      onProgress({ ...progress });
    } else if (l.type === 'content') {
      content.push(l.content);
      if (content.length >= SNAPSHOT_BATCH) flush();
    } else if (l.type === 'event') {
      // Every content line comes before the first event: the items are all in first.
      if (content.length) flush();
      if (copy) hashEvents(url, copy.frontier, [l.event], copy.rows);
      events.push(l.event);
      if (events.length >= SNAPSHOT_BATCH) flush();
    } else if (l.type === 'ack') {
      // After every event: the replies they acknowledge are in first.
      if (events.length) flush();
      acks.push(l.ack);
      if (acks.length >= SNAPSHOT_BATCH) flush();
    } else {
      flush();
      const logged = copy ? verifyLog(db, url, copy.frontier, copy.rows, copy.log) : null;
      const done = () => {
        if (logged) commitLog(db, logged, now());
        setCursor(db, l.seq);
      };
      // Each item folded once, with all its events in; the cursor moves with the last fold.
      const ids = [...touched];
      for (let i = 0; i < ids.length; i += SNAPSHOT_BATCH) {
        const last = i + SNAPSHOT_BATCH >= ids.length;
        db.transaction(() => {
          for (const id of ids.slice(i, i + SNAPSHOT_BATCH)) reproject(db, id);
          if (last) done();
        })();
      }
      if (!ids.length) db.transaction(done)();
      note(db, 'serverHead', String(l.seq));
      ended = true;
    }
  };
  try {
    const res = await open(url, token, abort.signal);
    const decoder = new TextDecoder();
    let rest = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      alive();
      const text = rest + decoder.decode(chunk, { stream: true });
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        if (nl > start) {
          const line = JSON.parse(text.slice(start, nl)) as SnapshotLine;
          storing = true;
          take(line);
          storing = false;
        }
        start = nl + 1;
      }
      rest = text.slice(start);
    }
  } catch (e) {
    if (e instanceof VigilFailure || storing) throw e;
    if (e instanceof SyntaxError) throw new VigilFailure('transport', `The server's snapshot is not NDJSON (${e.message}).`);
    throw unreachable(url, e);
  } finally {
    clearTimeout(idle);
  }
  if (!ended) throw new VigilFailure('transport', 'The snapshot was cut short; what arrived is kept and the next sync starts it again.');
  return result;
}

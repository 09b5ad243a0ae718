// The workstation's sync: sign in to a server, push the outbox in batches, pull every page
// after the cursor. Offline is a normal state: a failed attempt is noted, the outbox keeps
// everything, and the next attempt picks up where this one stopped.
import type { Database } from 'better-sqlite3';
import { VigilFailure } from '../../shared/errors';
import type { SyncStatus } from '../../shared/model';
import {
  MAX_PUSH_EVENTS, SYNC_SCHEMA_VERSION, type ErrorBody, type LoginResponse, type PullResponse, type PushResponse,
} from '../../shared/sync';
import { stmt } from '../db/statements';
import { applyPage } from './apply';
import { outboxBatch, outboxSize, recordOutcomes } from './outbox';
import { connection, cursorOf, note, noted, setConnection, type Connection } from './state';

/** A request that takes longer than this counts as the server being unreachable. */
const TIMEOUT_MS = 15_000;

async function request<T>(url: string, init: RequestInit & { token?: string }): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    // An answer cut off half way is the network failing too, not a fault of ours.
    text = await res.text();
  } catch (e) {
    throw new VigilFailure('transport', `The server at ${new URL(url).origin} cannot be reached (${(e as Error).message}); work goes on offline.`);
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new VigilFailure('transport', `The server answered ${res.status} with something that is not JSON.`);
  }
  if (!res.ok) {
    const err = (body as ErrorBody | null)?.error;
    const code = res.status === 401 ? 'unauthenticated' : res.status === 426 ? 'update_required' : 'server_refused';
    throw new VigilFailure(code, err?.message ?? `The server answered ${res.status}.`, { status: res.status, code: err?.code });
  }
  return body as T;
}

function normalise(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new VigilFailure('invalid_args', `“${url}” is not a server address; write it like http://127.0.0.1:8787.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new VigilFailure('invalid_args', 'A server address starts with http:// or https://.');
  return u.origin;
}

export class SyncClient {
  private running: Promise<{ pushed: number; pulled: number }> | null = null;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  async connect(url: string, name: string, password: string): Promise<SyncStatus> {
    const origin = normalise(url);
    const r = await request<LoginResponse>(`${origin}/auth/login`, { method: 'POST', body: JSON.stringify({ name, password }) });
    setConnection(this.db, { url: origin, user: r.user.name, role: r.user.role, token: r.token, expiresAt: r.expiresAt });
    note(this.db, 'lastError', null);
    return this.status();
  }

  disconnect(): SyncStatus {
    setConnection(this.db, null);
    return this.status();
  }

  /** One round: the whole outbox out, then every page in; concurrent callers share it. */
  run(): Promise<{ pushed: number; pulled: number }> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<{ pushed: number; pulled: number }> {
    const c = connection(this.db);
    if (!c) throw new VigilFailure('action_refused', 'This workstation is not connected to a server: connect it first (server address, name, password).');
    if (c.signedOut) throw new VigilFailure('unauthenticated', `The server at ${c.url} wants ${c.user} to sign in again; the outbox waits until then.`);
    try {
      const pushed = await this.pushAll(c);
      const pulled = await this.pullAll(c);
      note(this.db, 'lastSyncAt', String(this.now()));
      note(this.db, 'lastError', null);
      return { pushed, pulled };
    } catch (e) {
      note(this.db, 'lastError', (e as Error).message);
      if ((e as VigilFailure).code === 'unauthenticated') setConnection(this.db, { ...c, signedOut: true });
      throw e;
    }
  }

  private async pushAll(c: Connection): Promise<number> {
    let pushed = 0;
    for (;;) {
      const batch = outboxBatch(this.db, MAX_PUSH_EVENTS);
      if (!batch.length) return pushed;
      const r = await request<PushResponse>(`${c.url}/sync/push`, {
        method: 'POST',
        token: c.token,
        body: JSON.stringify({ schemaVersion: SYNC_SCHEMA_VERSION, events: batch.map((b) => b.event) }),
      });
      recordOutcomes(this.db, batch, r.results, this.now());
      pushed += batch.length;
    }
  }

  private async pullAll(c: Connection): Promise<number> {
    let pulled = 0;
    for (;;) {
      const cursor = cursorOf(this.db);
      const page = await request<PullResponse>(`${c.url}/sync/pull?cursor=${cursor}&schemaVersion=${SYNC_SCHEMA_VERSION}`, { method: 'GET', token: c.token });
      applyPage(this.db, page.events, page.cursor, this.now());
      note(this.db, 'serverHead', String(page.head));
      pulled += page.events.length;
      if (!page.more) return pulled;
    }
  }

  /** Set by the scheduler when there is one; without it the state follows the last attempt. */
  stateOf: () => SyncStatus['state'] = () => {
    const c = connection(this.db);
    return !c ? 'disconnected' : c.signedOut ? 'signed-out' : noted(this.db, 'lastError') ? 'offline' : 'online';
  };

  signedOut(): boolean {
    return !!connection(this.db)?.signedOut;
  }

  status(): SyncStatus {
    const c = connection(this.db);
    const trouble = stmt<[], { event_id: string; item_id: number; action: string; status: 'conflict' | 'rejected'; reason: string | null; synced_at: number }>(
      this.db,
      `SELECT s.event_id, e.item_id, e.action, s.status, s.reason, s.synced_at FROM event_sync s JOIN events e ON e.id = s.event_id
       WHERE s.status != 'accepted' ORDER BY s.synced_at DESC LIMIT 50`,
    ).all();
    const lastSyncAt = noted(this.db, 'lastSyncAt');
    return {
      connected: !!c,
      state: this.stateOf(),
      url: c?.url ?? null,
      user: c?.user ?? null,
      role: c?.role ?? null,
      outbox: outboxSize(this.db),
      cursor: cursorOf(this.db),
      serverHead: Number(noted(this.db, 'serverHead') ?? 0),
      lastSyncAt: lastSyncAt ? Number(lastSyncAt) : null,
      lastError: noted(this.db, 'lastError'),
      refused: trouble.map((t) => ({ eventId: t.event_id, itemId: t.item_id, action: t.action, status: t.status, reason: t.reason })),
    };
  }
}

// The workstation's sync: sign in to a server, push the outbox in batches, pull every page
// after the cursor. Offline is a normal state: a failed attempt is noted, the outbox keeps
// everything, and the next attempt picks up where this one stopped.
import type { Database } from 'better-sqlite3';
import { VigilFailure } from '../../shared/errors';
import type { SyncStatus } from '../../shared/model';
import {
  MAX_PUSH_EVENTS,
  plainHttpWarning,
  SYNC_SCHEMA_VERSION,
  type LoginResponse,
  type PullResponse,
  type PushResponse,
} from '../../shared/sync';
import { stmt } from '../db/statements';
import { ItemScorer } from '../detection/scores/item-scores';
import { applyPage } from './apply';
import { mergeEffects, noEffects, type ConfigEffects } from './config/documents';
import { configOutbox, configOutboxSize, recordConfigOutcomes, refusedConfig } from './config/log';
import { request } from './http';
import { outboxBatch, outboxSize, recordOutcomes } from './outbox';
import { openConflictCount } from './conflicts';
import { bouncedCount } from '../cases/view';
import { failedReplyCount } from './acks';
import { syncFromSnapshot, type SnapshotProgress } from './snapshot';
import type { SecretProtector } from './secrets';
import {
  connection,
  cursorOf,
  deviceToken,
  keepDeviceToken,
  note,
  noted,
  sealPlainToken,
  sessionToken,
  setConnection,
  signedIn,
  type Connection,
} from './state';
import { ownClientIds, signInAs } from './identity';
import { checkPage, pinLog, verifiedSize } from './log-copy';
import { listSetAside, setAsideCount } from './set-aside';
import { languageReady } from '../triage/classify/language';

export interface SyncClientOptions {
  /** Seals the session and device tokens before they are stored. */
  secrets: SecretProtector;
  /** A workstation with no cursor yet starts from a snapshot when the server holds more than this (default 5,000; Infinity: never). */
  snapshotAbove?: number;
  /** After a round that brought content: the scoring pass an import is followed by. */
  afterContent?: () => Promise<void>;
  /** After a round that changed configuration documents here: what a local save of them re-does (routing, dues). */
  afterConfig?: (effects: ConfigEffects) => Promise<void>;
}

const SNAPSHOT_ABOVE = 5000;

/** A connection with its session token, opened for one round. */
type Session = Connection & { token: string };

function normalise(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new VigilFailure('invalid_args', `“${url}” is not a server address; write it like http://127.0.0.1:8787.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new VigilFailure('invalid_args', 'A server address starts with http:// or https://.');
  return u.origin;
}

export class SyncClient {
  private running: Promise<{ pushed: number; pulled: number }> | null = null;
  /** While a snapshot streams in: how far (the cursor only moves at its end). */
  private catchUp: SnapshotProgress | null = null;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
    private readonly opts: SyncClientOptions,
  ) {
    sealPlainToken(db, opts.secrets);
    // Checked now, so that the status says so before anyone presses "sync".
    if (connection(db) && !connection(db)!.signedOut) this.sessionToken();
  }

  async connect(url: string, name: string, password: string): Promise<SyncStatus> {
    const origin = normalise(url);
    const device = deviceToken(this.db, this.opts.secrets, origin, name) ?? undefined;
    const r = await request<LoginResponse>(`${origin}/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ name, password }),
      ...(device ? { device } : {}),
    });
    // Refuses (before anything is saved) while another person's work waits in the outbox.
    signInAs(this.db, r.user.name);
    // The server's log key, kept from the first sign-in: a known server with another key is refused.
    pinLog(this.db, origin, r.log);
    signedIn(this.db, this.opts.secrets, { url: origin, user: r.user.name, role: r.user.role, expiresAt: r.expiresAt }, r.token);
    if (r.device) keepDeviceToken(this.db, this.opts.secrets, origin, r.user.name, r.device);
    note(this.db, 'lastError', null);
    return this.status();
  }

  /**
   * The session token, or null. A connection whose token cannot be opened here (the database
   * was copied without its key, or the key file is gone) is signed out, with the reason.
   */
  sessionToken(): string | null {
    const c = connection(this.db);
    if (!c || c.signedOut) return null;
    const token = sessionToken(this.db, this.opts.secrets);
    if (token !== null) return token;
    setConnection(this.db, { ...c, signedOut: true });
    note(
      this.db,
      'lastError',
      `This workstation's saved sign-in cannot be read here: it was sealed with a key this data folder no longer has (${this.opts.secrets.describe} is missing or not the one it was made with, as when a database is copied on its own). Sign in to ${c.url} again; nothing waiting here is lost.`,
    );
    return null;
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
    const known = connection(this.db);
    if (!known)
      throw new VigilFailure(
        'action_refused',
        'This workstation is not connected to a server: connect it first (server address, name, password).',
      );
    const token = this.sessionToken();
    if (token === null) {
      throw new VigilFailure(
        'unauthenticated',
        noted(this.db, 'lastError') ?? `The server at ${known.url} wants ${known.user} to sign in again; the outbox waits until then.`,
      );
    }
    const c: Session = { ...known, token };
    const effects = noEffects();
    try {
      this.beforeRound();
      const pushed = await this.pushAll(c, effects);
      const { events: pulled, content } = await this.pullAll(c, effects);
      note(this.db, 'lastSyncAt', String(this.now()));
      note(this.db, 'lastError', null);
      if (content > 0) await this.scoreContent();
      return { pushed, pulled };
    } catch (e) {
      note(this.db, 'lastError', (e as Error).message);
      if ((e as VigilFailure).code === 'unauthenticated') setConnection(this.db, { ...known, signedOut: true });
      throw e;
    } finally {
      // Documents written by the pages that were stored, even if a later page failed.
      if (effects.applied > 0) await this.reconfigure(effects);
    }
  }

  private async reconfigure(effects: ConfigEffects): Promise<void> {
    try {
      await this.opts.afterConfig?.(effects);
    } catch (e) {
      console.error(`vigil: re-routing after synced configuration failed: ${(e as Error).message}`);
    }
  }

  private async pushAll(c: Session, effects: ConfigEffects): Promise<number> {
    let pushed = 0;
    for (;;) {
      const batch = outboxBatch(this.db, MAX_PUSH_EVENTS);
      if (!batch.length) break;
      const r = await request<PushResponse>(`${c.url}/sync/push`, {
        method: 'POST',
        token: c.token,
        body: JSON.stringify({ schemaVersion: SYNC_SCHEMA_VERSION, events: batch.map((b) => b.event) }),
      });
      recordOutcomes(this.db, batch, r.results, this.now(), { name: c.user, role: c.role });
      pushed += batch.length;
    }
    // Configuration changes, in the order they were made (they name no item: their own log).
    for (;;) {
      const batch = configOutbox(this.db, MAX_PUSH_EVENTS);
      if (!batch.length) return pushed;
      const r = await request<PushResponse>(`${c.url}/sync/push`, {
        method: 'POST',
        token: c.token,
        body: JSON.stringify({ schemaVersion: SYNC_SCHEMA_VERSION, events: batch }),
      });
      recordConfigOutcomes(this.db, batch, r.results, this.now(), effects);
      pushed += batch.length;
    }
  }

  private async pullAll(c: Session, effects: ConfigEffects): Promise<{ events: number; content: number }> {
    const got = { events: 0, content: 0 };
    const scorer = new ItemScorer(this.db, {});
    for (;;) {
      const cursor = cursorOf(this.db);
      const page = await request<PullResponse>(
        `${c.url}/sync/pull?cursor=${cursor}&schemaVersion=${SYNC_SCHEMA_VERSION}&logSize=${verifiedSize(this.db)}`,
        {
          method: 'GET',
          token: c.token,
        },
      );
      // A first sync with a large backlog reads the server's snapshot instead of every page.
      if (cursor === 0 && page.head > (this.opts.snapshotAbove ?? SNAPSHOT_ABOVE)) {
        const r = await this.snapshot(c, effects);
        got.events += r.events;
        got.content += r.content;
        continue;
      }
      // Checked before anything of it is applied: a page the signed log does not hold is refused whole.
      const logged = checkPage(this.db, c.url, page.events, page.log);
      // Content is classified as it is stored, its language included.
      if (page.content?.length) await languageReady();
      const r = applyPage(this.db, page, page.cursor, this.now(), scorer, effects, logged);
      note(this.db, 'serverHead', String(page.head));
      got.events += page.events.length;
      got.content += r.content;
      if (!page.more) return got;
    }
  }

  private async snapshot(c: Session, effects: ConfigEffects): Promise<{ events: number; content: number }> {
    // Documents count only once the whole snapshot is in (a cut one is started again).
    const mine = noEffects();
    await languageReady();
    try {
      const r = await syncFromSnapshot(
        this.db,
        c.url,
        c.token,
        this.now,
        (p) => {
          this.catchUp = p;
        },
        mine,
      );
      return r;
    } finally {
      mergeEffects(effects, mine);
      this.catchUp = null;
    }
  }

  private async scoreContent(): Promise<void> {
    try {
      await this.opts.afterContent?.();
    } catch (e) {
      // Synced content stays marked as waiting: the next pass scores it.
      console.error(`vigil: scoring synced content failed: ${(e as Error).message}`);
    }
  }

  /** Work that should go out with every round (renewing the leases this workstation holds). */
  beforeRound: () => void = () => {};

  /** Set by the scheduler when there is one; without it the state follows the last attempt. */
  stateOf: () => SyncStatus['state'] = () => {
    const c = connection(this.db);
    return !c ? 'disconnected' : c.signedOut ? 'signed-out' : noted(this.db, 'lastError') ? 'offline' : 'online';
  };

  signedOut(): boolean {
    return !!connection(this.db)?.signedOut;
  }

  /** Catch-up in the status's terms; a snapshot's share of records done stands for the cursor. */
  private progress(): { cursor: number; serverHead: number } {
    const p = this.catchUp;
    if (p && p.total > 0) return { cursor: Math.min(p.head - 1, Math.floor((p.head * p.done) / p.total)), serverHead: p.head };
    return { cursor: cursorOf(this.db), serverHead: Number(noted(this.db, 'serverHead') ?? 0) };
  }

  status(): SyncStatus {
    const c = connection(this.db);
    // Only this workstation's own events (another's refusals are theirs to see), and only those
    // still refused: a conflict a supervisor has settled is over, whichever side was taken.
    const trouble = stmt<
      [string],
      { event_id: string; item_id: number; action: string; status: 'conflict' | 'rejected'; reason: string | null; synced_at: number }
    >(
      this.db,
      `SELECT s.event_id, e.item_id, e.action, s.status, s.reason, s.synced_at FROM event_sync s JOIN events e ON e.id = s.event_id
       WHERE s.status != 'accepted' AND e.client_id IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.event_id = s.event_id AND c.resolved_by IS NOT NULL)
       ORDER BY s.synced_at DESC LIMIT 50`,
    ).all(JSON.stringify(ownClientIds(this.db)));
    const config = refusedConfig(this.db, 50).map((r) => ({
      eventId: r.id,
      itemId: null,
      action: 'config',
      status: 'rejected' as const,
      reason: r.reason,
      doc: r.doc,
      at: r.synced_at,
    }));
    const refused = [
      ...trouble.map((t) => ({
        eventId: t.event_id,
        itemId: t.item_id,
        action: t.action,
        status: t.status,
        reason: t.reason,
        at: t.synced_at,
      })),
      ...config,
    ]
      .sort((a, b) => b.at - a.at)
      .slice(0, 50)
      .map(({ at: _at, ...r }) => r);
    const lastSyncAt = noted(this.db, 'lastSyncAt');
    return {
      connected: !!c,
      state: this.stateOf(),
      url: c?.url ?? null,
      user: c?.user ?? null,
      role: c?.role ?? null,
      insecure: c ? plainHttpWarning(c.url) : null,
      outbox: outboxSize(this.db) + configOutboxSize(this.db),
      ...this.progress(),
      lastSyncAt: lastSyncAt ? Number(lastSyncAt) : null,
      lastError: noted(this.db, 'lastError'),
      openConflicts: openConflictCount(this.db),
      bouncedCases: bouncedCount(this.db),
      failedReplies: failedReplyCount(this.db),
      refused,
      setAside: {
        unappliable: setAsideCount(this.db, 'unappliable'),
        refusedElsewhere: setAsideCount(this.db, 'refused'),
        recent: listSetAside(this.db, 'unappliable', 50),
      },
    };
  }
}

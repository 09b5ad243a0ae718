// Keeps a connected workstation in step without anyone pressing a button: a poke socket to
// the server (any new event there starts a pull), a push shortly after each local decision,
// a round every half minute in case a poke was missed, and on failure retries that back off
// exponentially with jitter. Offline is a state, not an error: the outbox simply waits.
import WebSocket from 'ws';
import type { SyncState } from '../../shared/model';
import type { SyncClient } from './client';
import { connection, cursorOf } from './state';
import type { Database } from 'better-sqlite3';

export interface SchedulerOptions {
  periodMs?: number;
  /** After a local decision: long enough to gather a burst of keystrokes into one push. */
  kickMs?: number;
  maxBackoffMs?: number;
  /** How often the poke socket is pinged; two pings unanswered end it. */
  heartbeatMs?: number;
}

export class SyncScheduler {
  state: SyncState = 'disconnected';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private reopenTimer: ReturnType<typeof setTimeout> | null = null;
  private due = Infinity;
  private socket: WebSocket | null = null;
  private failures = 0;
  private socketFailures = 0;
  private stopped = true;
  private readonly periodMs: number;
  private readonly kickMs: number;
  private readonly maxBackoffMs: number;
  private readonly heartbeatMs: number;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private inRound = false;
  /** Something asked for a round while one was out. */
  private again = false;

  constructor(
    private readonly db: Database,
    private readonly client: SyncClient,
    opts: SchedulerOptions = {},
  ) {
    this.periodMs = opts.periodMs ?? 30_000;
    this.kickMs = opts.kickMs ?? 100;
    this.maxBackoffMs = opts.maxBackoffMs ?? 60_000;
    this.heartbeatMs = opts.heartbeatMs ?? 10_000;
  }

  start(): void {
    if (!connection(this.db)) return;
    this.stopped = false;
    this.state = 'syncing';
    this.openSocket();
    this.runIn(0);
  }

  stop(): void {
    this.stopped = true;
    this.state = 'disconnected';
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.due = Infinity;
    // A pending reconnect would otherwise outlive the stop, and the database it reads.
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    this.stopHeartbeat();
    this.socket?.removeAllListeners();
    this.socket?.on('error', () => {});
    this.socket?.terminate();
    this.socket = null;
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** Local events are waiting: push them soon. */
  kick(): void {
    if (!this.stopped) this.runIn(this.kickMs);
  }

  private backoff(failures: number): number {
    const base = Math.min(this.maxBackoffMs, 1000 * 2 ** Math.min(failures, 16));
    return Math.round(base * (0.5 + Math.random()));
  }

  /** Runs a round in `ms`, unless one is already due sooner. */
  private runIn(ms: number): void {
    if (this.stopped) return;
    const at = Date.now() + ms;
    if (at >= this.due) return;
    if (this.timer) clearTimeout(this.timer);
    this.due = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.due = Infinity;
      // A round is out: the client would hand back that round, whose push was read before this
      // was asked for (a decision made meanwhile would wait half a minute). Run again after it.
      if (this.inRound) this.again = true;
      else void this.round();
    }, ms);
    this.timer.unref?.();
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    this.state = 'syncing';
    this.inRound = true;
    this.again = false;
    try {
      await this.client.run();
      this.inRound = false;
      // A stop while the round was out stands: it is not "online" again.
      if (this.stopped) return;
      this.failures = 0;
      this.state = 'online';
      this.runIn(this.again ? 0 : this.periodMs);
    } catch {
      this.inRound = false;
      // Stopped while the round was out (the workstation may have closed its database): nothing to retry.
      if (this.stopped) return;
      this.failures++;
      if (this.client.signedOut()) {
        // Retrying with a refused token helps no one: wait for a new sign-in.
        this.state = 'signed-out';
        this.stop();
        this.state = 'signed-out';
        return;
      }
      this.state = 'offline';
      this.runIn(this.backoff(this.failures));
    }
  }

  private openSocket(): void {
    if (this.stopped) return;
    const c = connection(this.db);
    const token = this.client.sessionToken();
    if (!c || token === null) return;
    const url = `${c.url.replace(/^http/, 'ws')}/sync/ws`;
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, handshakeTimeout: 10_000 });
    this.socket = socket;
    socket.on('open', () => {
      this.socketFailures = 0;
      // Every reconnect pulls: pokes sent while the socket was down are lost.
      this.runIn(0);
    });
    socket.on('message', (data) => {
      try {
        const m = JSON.parse(String(data)) as { type: string; head: number };
        if ((m.type === 'poke' || m.type === 'hello') && m.head > cursorOf(this.db)) this.runIn(0);
      } catch {
        // not ours: ignored
      }
    });
    // A silent drop (a cable pulled, a laptop lid) closes nothing: a ping that goes unanswered
    // for a while ends the socket, and the close below does the rest.
    let answered = true;
    socket.on('pong', () => (answered = true));
    this.stopHeartbeat();
    const heartbeat = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN) return;
      if (!answered) return socket.terminate();
      answered = false;
      socket.ping();
    }, this.heartbeatMs);
    heartbeat.unref?.();
    this.heartbeat = heartbeat;
    const retry = () => {
      if (this.heartbeat === heartbeat) this.stopHeartbeat();
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      this.socketFailures++;
      // The server may be gone: a round now finds out, so the status bar does not say "online"
      // until the next periodic round (half a minute) while nothing reaches the server.
      if (this.state === 'online') this.runIn(0);
      this.reopenTimer = setTimeout(() => {
        this.reopenTimer = null;
        this.openSocket();
      }, this.backoff(this.socketFailures));
      this.reopenTimer.unref?.();
    };
    socket.on('close', retry);
    socket.on('error', () => {
      // 'close' follows and retries.
    });
  }
}

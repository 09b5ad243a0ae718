// Where the scoring pass runs. On a database file it runs in the scoring worker (worker.ts),
// and this thread, which answers the app, only passes requests and hears progress. In memory
// (tests), or when the worker cannot start, it runs here as it always did, in slices that
// yield between them. One pass at a time either way: requests wait their turn.
import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RescoreReport } from '../../../shared/model';
import { hasMorePending, languageForPass } from '../scores/rescore';
import { scoreWaiting } from '../scores/score-waiting';
import type { Thresholds } from '../scores/settle';
import type { ScoringMessage, ScoringRequest, ScoringWorkerData } from './worker';

export interface ScoringHost {
  db: Database;
  /** The database file; null in memory, where no other connection can open it. */
  file: string | null;
  nativeBinding?: string | undefined;
  /** False: always score on this thread. */
  worker: boolean;
  /** The thresholds and clock of this call. */
  context(): { thresholds: Thresholds; now: number };
  /** The pass on this thread (today's path, and the fallback). */
  inThread(maxItems?: number): RescoreReport;
}

/** Full passes run again while items still wait (marked meanwhile): at most this many times per call. */
const MAX_ROUNDS = 10;

/** The worker bundled next to the host's code, or in development and tests the TypeScript source through tsx. */
function spawn(workerData: ScoringWorkerData): Worker {
  for (const name of ['./score-worker.mjs', './score-worker.js']) {
    const url = new URL(name, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return new Worker(url, { workerData });
  }
  const source = new URL('./worker.ts', import.meta.url).href;
  const boot = `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(source)}); })()`;
  return new Worker(boot, { eval: true, workerData });
}

interface Waiting {
  resolve(r: RescoreReport): void;
  reject(e: Error): void;
  maxItems: number | undefined;
}

export class ScoringRunner {
  /** Items scored and to score in the pass under way in the worker; null when none is. */
  progress: { done: number; total: number } | null = null;
  private worker: Worker | null = null;
  private starting: Promise<Worker | null> | null = null;
  /** The worker could not start or died: this thread scores from now on. */
  private inThreadOnly: boolean;
  private turn: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private closed = false;

  constructor(private readonly host: ScoringHost) {
    this.inThreadOnly = !host.worker || host.file === null;
  }

  /** Whether passes run in the worker (once it has started). */
  get usesWorker(): boolean {
    return !this.inThreadOnly;
  }

  /** One pass, or a slice of about `maxItems`, as `detection.rescore` asks. */
  run(maxItems?: number): Promise<RescoreReport> {
    return this.queue(() => this.once(maxItems));
  }

  /** Everything waiting to be scored (an import's or a sync's content); resolves to how many items. */
  runAll(alive: () => boolean): Promise<number> {
    return this.queue(async () => {
      if (this.inThreadOnly) {
        await languageForPass(this.host.db);
        return scoreWaiting((n) => this.host.inThread(n), alive);
      }
      let done = 0;
      for (let round = 0; round < MAX_ROUNDS && alive(); round++) {
        const r = await this.once(undefined);
        done += r.items;
        if (r.remaining === 0 && !hasMorePending(this.host.db, 0)) break;
      }
      return done;
    });
  }

  close(): void {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    for (const [, wait] of this.waiting) wait.reject(new Error('closed while scoring'));
    this.waiting.clear();
    if (w) {
      w.postMessage('close');
      void w.terminate();
    }
  }

  /** A pass on the app's own thread, with the language detector where it meets items never classified. */
  private async inThread(maxItems: number | undefined): Promise<RescoreReport> {
    await languageForPass(this.host.db);
    return this.host.inThread(maxItems);
  }

  private queue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.turn.then(job);
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async once(maxItems: number | undefined): Promise<RescoreReport> {
    const worker = this.inThreadOnly ? null : await this.ensureWorker();
    if (!worker) return this.inThread(maxItems);
    const id = this.nextId++;
    const { thresholds, now } = this.host.context();
    this.progress = { done: 0, total: 0 };
    try {
      return await new Promise<RescoreReport>((resolve, reject) => {
        this.waiting.set(id, { resolve, reject, maxItems });
        worker.postMessage({ id, now, thresholds, maxItems } satisfies ScoringRequest);
      });
    } finally {
      this.progress = null;
    }
  }

  private ensureWorker(): Promise<Worker | null> {
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= new Promise<Worker | null>((resolve) => {
      let worker: Worker;
      try {
        worker = spawn({ file: this.host.file!, nativeBinding: this.host.nativeBinding });
      } catch (e) {
        this.giveUp(`it could not start (${(e as Error).message})`);
        resolve(null);
        return;
      }
      worker.unref();
      let ready = false;
      worker.on('message', (m: ScoringMessage) => {
        if (m.type === 'ready') {
          ready = true;
          this.worker = worker;
          resolve(worker);
        } else if (m.type === 'progress') this.progress = { done: m.done, total: m.total };
        else this.settle(m);
      });
      const lost = (why: string) => {
        if (this.worker !== worker && ready) return;
        this.worker = null;
        this.starting = null;
        if (!ready) {
          this.giveUp(why);
          resolve(null);
          return;
        }
        // Requests in flight are scored here instead; later ones start a new worker.
        for (const [id, wait] of this.waiting) {
          this.waiting.delete(id);
          this.inThread(wait.maxItems).then(wait.resolve, wait.reject);
        }
      };
      worker.on('error', (e) => lost(`it failed (${e.message})`));
      worker.on('exit', (code) => {
        if (!this.closed) lost(`it stopped (exit ${code})`);
      });
    });
    return this.starting;
  }

  private settle(m: Extract<ScoringMessage, { type: 'done' | 'error' }>): void {
    const wait = this.waiting.get(m.id);
    if (!wait) return;
    this.waiting.delete(m.id);
    if (m.type === 'done') wait.resolve(m.report);
    else wait.reject(new Error(m.message));
  }

  private giveUp(why: string): void {
    this.inThreadOnly = true;
    if (!this.closed) console.error(`vigil: the scoring worker is not used, ${why}; scoring runs on the main thread in slices.`);
  }
}

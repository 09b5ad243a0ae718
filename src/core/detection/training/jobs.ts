// Training jobs: the labels are read here (the database belongs to this thread), the fitting
// runs in a worker thread, and the result is stored as a model that is not yet switched on.
import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { VigilFailure } from '../../../shared/errors';
import type { TrainingState } from '../../../shared/model';
import { labelCounts, labelledExamples, labelledTypes, typeLabelCounts } from './labels';
import { MIN_PER_CLASS, type ModelKind } from './kinds';
import { TYPE_CLASSES } from '../../triage/classify/type-features';
import { saveModel } from './models';
import type { WorkerInput, WorkerMessage } from './worker';

/**
 * The worker: bundled next to the host's code, or in development and tests the TypeScript
 * source, loaded through tsx's loader registered inside the worker first.
 */
function spawnWorker(workerData: WorkerInput): Worker {
  for (const name of ['./train-worker.mjs', './train-worker.js']) {
    const url = new URL(name, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return new Worker(url, { workerData });
  }
  const source = new URL('./worker.ts', import.meta.url).href;
  const boot = `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(source)}); })()`;
  return new Worker(boot, { eval: true, workerData });
}

export class TrainingJobs {
  private readonly states = new Map<ModelKind, TrainingState>();
  private readonly workers = new Set<Worker>();

  constructor(
    private readonly db: Database,
    private readonly who: () => { actor: string; now: number },
  ) {}

  state(kind: ModelKind): TrainingState | null {
    return this.states.get(kind) ?? null;
  }

  start(kind: ModelKind): void {
    if (this.states.get(kind)?.phase === 'training') throw new VigilFailure('busy', `A ${kind} model is already being trained.`);
    const input = this.labelsFor(kind);
    const n = 'labels' in input ? input.labels.length : input.truth.length;
    const what = kind === 'sentiment' ? 'corrections' : kind === 'type' ? 'typed messages' : 'decisions';
    const worker = spawnWorker(input);
    this.workers.add(worker);
    this.states.set(kind, { phase: 'training', progress: 0, message: `Training on ${n.toLocaleString('en')} ${what}`, modelId: null });
    const finish = (state: TrainingState) => {
      this.states.set(kind, state);
      this.workers.delete(worker);
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') this.states.set(kind, { ...this.states.get(kind)!, progress: m.done / m.total });
      else if (m.type === 'error') finish({ phase: 'failed', progress: 1, message: `Training failed: ${m.message}`, modelId: null });
      else {
        const positives = 'labels' in input ? input.labels.filter(Boolean).length : n;
        const info = saveModel(this.db, kind, this.who(), { positives, negatives: n - positives }, m.result);
        finish({ phase: 'done', progress: 1, message: `Trained on ${n.toLocaleString('en')} ${what}`, modelId: info.id });
      }
    });
    worker.on('error', (e) => finish({ phase: 'failed', progress: 1, message: `Training failed: ${e.message}`, modelId: null }));
  }

  /** The labels to learn from, or a refusal that says how many more are needed. */
  private labelsFor(kind: ModelKind): WorkerInput {
    if (kind === 'type') {
      const counts = typeLabelCounts(this.db);
      const short = counts.filter((c) => c.n < MIN_PER_CLASS);
      if (short.length) {
        throw new VigilFailure(
          'not_enough_labels',
          `Training needs at least ${MIN_PER_CLASS} labelled messages of each type (corrected with a key, or answered or escalated as the rules typed them); ` +
            `the team has ${counts.map((c) => `${c.n} ${c.label}`).join(', ')} so far: ${short.map((c) => `${MIN_PER_CLASS - c.n} more ${c.label}`).join(', ')} needed.`,
        );
      }
      const { examples, classes: truth, rules } = labelledTypes(this.db);
      return { kind, classes: TYPE_CLASSES, examples, truth, rules };
    }
    const counts = labelCounts(this.db, kind);
    if (counts.positive < MIN_PER_CLASS || counts.negative < MIN_PER_CLASS) {
      throw new VigilFailure(
        'not_enough_labels',
        kind === 'sentiment'
          ? `Training needs at least ${MIN_PER_CLASS} sentiment corrections of each kind; the team has corrected ${counts.positive} to positive and ${counts.negative} to negative so far.`
          : `Training needs at least ${MIN_PER_CLASS} decisions of each kind; the team has made ${counts.positive} ${kind === 'accounts' ? 'fake' : 'spam or fake'} and ${counts.negative} approving ones so far.`,
      );
    }
    const { examples, labels, rules } = labelledExamples(this.db, kind, this.who().now);
    return { kind, examples, labels, rules };
  }

  close(): void {
    for (const w of this.workers) void w.terminate();
    this.workers.clear();
  }
}

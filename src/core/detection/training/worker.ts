// The training worker: cross-validation and the final fit run here, off the thread that
// answers the app, which only hears progress and, at the end, the result.
import { parentPort, workerData } from 'node:worker_threads';
import type { Example } from '../trainer';
import { crossValidate } from './cross-validate';
import type { ModelKind } from './kinds';

export interface WorkerInput {
  kind: ModelKind;
  examples: Example[];
  labels: boolean[];
  rules: number[];
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: ReturnType<typeof crossValidate> }
  | { type: 'error'; message: string };

const input = workerData as WorkerInput;
let last = 0;
try {
  const result = crossValidate(input.kind, input.examples, input.labels, input.rules, (done, total) => {
    const now = Date.now();
    if (now - last < 100 && done < total) return;
    last = now;
    parentPort!.postMessage({ type: 'progress', done, total } satisfies WorkerMessage);
  });
  parentPort!.postMessage({ type: 'done', result } satisfies WorkerMessage);
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: (e as Error).message } satisfies WorkerMessage);
}

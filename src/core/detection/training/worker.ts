// The training worker: cross-validation and the final fit run here, off the thread that
// answers the app, which only hears progress and, at the end, the result.
import { parentPort, workerData } from 'node:worker_threads';
import type { Example } from '../trainer';
import { crossValidate, crossValidateClasses } from './cross-validate';
import type { ModelKind } from './kinds';

/** A binary kind's labels, or a multi-class kind's (`classes` named, each label an index into them). */
export type WorkerInput =
  | { kind: ModelKind; examples: Example[]; labels: boolean[]; rules: number[] }
  | { kind: ModelKind; classes: readonly string[]; examples: Example[]; truth: number[]; rules: number[][] };

export type WorkerResult = ReturnType<typeof crossValidate> | ReturnType<typeof crossValidateClasses>;

export type WorkerMessage =
  { type: 'progress'; done: number; total: number } | { type: 'done'; result: WorkerResult } | { type: 'error'; message: string };

const input = workerData as WorkerInput;
let last = 0;
const progress = (done: number, total: number) => {
  const now = Date.now();
  if (now - last < 100 && done < total) return;
  last = now;
  parentPort!.postMessage({ type: 'progress', done, total } satisfies WorkerMessage);
};
try {
  const result =
    'classes' in input
      ? crossValidateClasses(input.kind, input.classes, input.examples, input.truth, input.rules, progress)
      : crossValidate(input.kind, input.examples, input.labels, input.rules, progress);
  parentPort!.postMessage({ type: 'done', result } satisfies WorkerMessage);
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: (e as Error).message } satisfies WorkerMessage);
}

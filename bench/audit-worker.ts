// One half of a log verified in a worker thread: the root of leaves [from, to) of canonical
// entries packed in shared memory (see bench/audit.ts). Waits for "go", answers the root.
import { parentPort, workerData } from 'node:worker_threads';
import { rootOfData } from '../src/core/index';

interface Job {
  bytes: SharedArrayBuffer;
  offsets: SharedArrayBuffer;
  from: number;
  to: number;
}

const port = parentPort!;
const { bytes, offsets, from, to } = workerData.job as Job;
const data = new Uint8Array(bytes);
const ends = new Float64Array(offsets);

port.on('message', (m: string) => {
  if (m !== 'go') return;
  const t = performance.now();
  const leaves = new Array<Uint8Array>(to - from);
  for (let i = from; i < to; i++) leaves[i - from] = data.subarray(i === 0 ? 0 : ends[i - 1]!, ends[i]!);
  const root = rootOfData(leaves);
  port.postMessage({ root: new Uint8Array(root), ms: performance.now() - t });
});
port.postMessage('ready');

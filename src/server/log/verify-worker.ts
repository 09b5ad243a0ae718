// The first half of the server's log check, in a worker thread on a read-only connection of its
// own (verify.ts): posts the stretch's RangeResult, or an { error }.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { checkRange, type LogRecord } from './range-check';

export interface CheckLeftData {
  file: string;
  k: number;
  sizes: number[];
}

const { file, k, sizes } = workerData as CheckLeftData;
try {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const q = db.prepare<[number, number], unknown[]>('SELECT leaf, seq, body, leaf_hash FROM events WHERE leaf >= ? ORDER BY leaf LIMIT ?').raw();
  const read = (from: number, limit: number): LogRecord[] =>
    q.all(from, limit).map((r) => {
      const [leaf, seq, text, hash] = r as [number, number, string, Buffer | null];
      return { leaf, seq, text, hash };
    });
  const result = await checkRange(read, 0, k, sizes);
  db.close();
  parentPort!.postMessage({ result });
} catch (e) {
  parentPort!.postMessage({ error: (e as Error).message });
}

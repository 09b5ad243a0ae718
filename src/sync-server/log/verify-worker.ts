// A second thread of the server's log check (verify.ts), on a read-only connection of its own:
// claims chunks of the job as the thread that started the check does (range-check.ts) and
// posts their results, or an { error } (the starting thread then checks whatever is missing).
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { claimChunks, type ChunkJob, type LogRecord } from './range-check';
import { RECORDS_SQL } from '../store/sqlite-records';

export interface CheckHelperData {
  file: string;
  job: ChunkJob;
}

const { file, job } = workerData as CheckHelperData;
try {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const q = db.prepare<[number, number], LogRecord>(RECORDS_SQL).raw();
  const results = await claimChunks((from, limit) => q.all(from, limit), job, true);
  db.close();
  parentPort!.postMessage({ results });
} catch (e) {
  parentPort!.postMessage({ error: (e as Error).message });
}

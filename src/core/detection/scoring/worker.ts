// The scoring worker: the detection pass over what waits to be scored runs here, on its own
// connection to the same database file, so the thread that answers the app (the Electron main
// process or the browser host) stays free while a large import or a sync's content is scored.
// It writes in short transactions (rescore.ts) and checks each row again as it writes: the app
// keeps deciding meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import type { RescoreReport } from '../../../shared/model';
import { openDatabase } from '../../db/open';
import { languageForPass, rescore } from '../scores/rescore';
import type { Thresholds } from '../scores/settle';
import { activeModels } from '../training/models';

export interface ScoringWorkerData {
  file: string;
  nativeBinding?: string | undefined;
}

export interface ScoringRequest {
  id: number;
  now: number;
  thresholds: Thresholds;
  maxItems?: number | undefined;
}

export type ScoringMessage =
  | { type: 'ready' }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; report: RescoreReport }
  | { type: 'error'; id: number; message: string };

/** How long a write here waits for the app's own (an import's batch, a rule save's re-routing). */
const BUSY_MS = 120_000;

const { file, nativeBinding } = workerData as ScoringWorkerData;
const db = openDatabase(file, { nativeBinding });
db.pragma(`busy_timeout = ${BUSY_MS}`);
// Scores are worked out again from what is stored: a write of this connection lost to a power
// cut leaves its rows waiting to be scored, which the next pass does. Decisions are another
// connection's, still synced in full before they are acknowledged.
db.pragma('synchronous = NORMAL');
const port = parentPort!;
const post = (m: ScoringMessage) => port.postMessage(m);

port.on('message', async (m: ScoringRequest | 'close') => {
  if (m === 'close') {
    db.close();
    port.close();
    return;
  }
  try {
    await languageForPass(db);
    // The models in use now: one switched on since the last pass counts.
    const report = rescore(db, m.now, {
      thresholds: m.thresholds,
      models: activeModels(db),
      maxItems: m.maxItems,
      concurrent: true,
      onProgress: (done, total) => post({ type: 'progress', id: m.id, done, total }),
    });
    post({ type: 'done', id: m.id, report });
  } catch (e) {
    post({ type: 'error', id: m.id, message: (e as Error).message });
  }
});
post({ type: 'ready' });

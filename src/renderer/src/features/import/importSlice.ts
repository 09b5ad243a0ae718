import type { ImportReport } from '@shared/model';
import { InvalidUtf8Error } from '@shared/utf8';
import { call } from '../../api/client';
import type { Slice } from '../../store/types';
import { importOutcome } from './importOutcome';
import { readChunks } from './readChunks';

export interface ImportJob {
  id: number;
  fileName: string;
  size: number;
  sent: number;
  state: 'waiting' | 'running' | 'done' | 'failed' | 'cancelled';
  report: ImportReport | null;
  error: string | null;
}

export interface ImportSlice {
  jobs: ImportJob[];
  importing: boolean;
  importFiles(files: readonly File[]): Promise<void>;
  cancelImport(): void;
  clearImports(): void;
}

const ACCEPTED = /\.(ndjson|jsonl|json|csv)$/i;
let nextJob = 1;
let cancelled = false;

export const createImportSlice: Slice<ImportSlice> = (set, get) => {
  function update(id: number, patch: Partial<ImportJob>): void {
    set({ jobs: get().jobs.map((j) => (j.id === id ? { ...j, ...patch } : j)) });
  }

  async function run(job: ImportJob, file: File): Promise<void> {
    update(job.id, { state: 'running' });
    const begin = await call('import.begin', { fileName: file.name, size: file.size });
    if (!begin.ok) {
      update(job.id, { state: 'failed', error: begin.error.message });
      return;
    }
    const { importId } = begin.value;
    try {
      for await (const chunk of readChunks(file)) {
        if (cancelled) {
          await call('import.cancel', { importId });
          update(job.id, { state: 'cancelled' });
          return;
        }
        const r = await call('import.chunk', { importId, text: chunk.text });
        if (!r.ok) {
          update(job.id, { state: 'failed', error: r.error.message });
          return;
        }
        update(job.id, { sent: chunk.bytes, report: r.value });
      }
    } catch (e) {
      await call('import.cancel', { importId });
      const error =
        e instanceof InvalidUtf8Error
          ? `${file.name} is ${e.message}. Rows stored before that line are kept.`
          : `The file could not be read: ${(e as Error).message}`;
      update(job.id, { state: 'failed', error });
      return;
    }
    const done = await call('import.finish', { importId });
    if (done.ok) update(job.id, { state: 'done', sent: file.size, report: done.value });
    else update(job.id, { state: 'failed', error: done.error.message });
  }

  return {
    jobs: [],
    importing: false,

    async importFiles(files) {
      if (get().importing) {
        get().toast('info', 'An import is already running; wait for it to finish.');
        return;
      }
      const accepted: [ImportJob, File][] = [];
      const jobs: ImportJob[] = [];
      for (const file of files) {
        const job: ImportJob = {
          id: nextJob++,
          fileName: file.name,
          size: file.size,
          sent: 0,
          state: 'waiting',
          report: null,
          error: null,
        };
        if (!ACCEPTED.test(file.name)) {
          job.state = 'failed';
          job.error = 'Not an import file: Vigil reads .ndjson (one JSON object a line) and .csv files.';
        } else accepted.push([job, file]);
        jobs.push(job);
      }
      cancelled = false;
      set({ jobs: [...get().jobs, ...jobs], importing: true });
      for (const [job, file] of accepted) await run(job, file);
      set({ importing: false });
      const s = get();
      s.reload();
      void s.runScoring();
      void call('app.info', {}).then((r) => r.ok && set({ info: r.value }));
      const ran = jobs.map((job) => get().jobs.find((j) => j.id === job.id) ?? job);
      const outcome = importOutcome(ran, !!get().sync?.connected);
      if (outcome) s.toast(outcome.tone, outcome.text);
    },

    cancelImport() {
      cancelled = true;
    },

    clearImports() {
      set({ jobs: get().jobs.filter((j) => j.state === 'running' || j.state === 'waiting') });
    },
  };
};

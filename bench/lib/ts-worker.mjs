// Starts a TypeScript worker: tsx registers its loader in the main thread only, so a worker
// imports tsx's API first, then the .ts module named in workerData.entry.
import { workerData } from 'node:worker_threads';

const { tsImport } = await import('tsx/esm/api');
await tsImport(workerData.entry, import.meta.url);

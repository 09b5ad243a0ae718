// The imports open at once, each fed in chunks by its id until it finishes or is cancelled.
// One left without a chunk too long is dropped: what it committed stays.
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { VigilFailure } from '../../shared/errors';
import { ImportSession, type ImportFormat } from './session';

/** An import left without a chunk this long is dropped (what it committed stays). */
const IMPORT_IDLE_MS = 10 * 60_000;

export class ImportSessions {
  private readonly open = new Map<string, { session: ImportSession; touched: number }>();
  private readonly sweep: ReturnType<typeof setInterval>;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sweep = setInterval(() => {
      const cutoff = Date.now() - IMPORT_IDLE_MS;
      for (const [id, e] of this.open) if (e.touched < cutoff) this.open.delete(id);
    }, 60_000);
    this.sweep.unref();
  }

  begin(fileName: string, format: ImportFormat): string {
    const importId = randomUUID();
    this.open.set(importId, { session: new ImportSession(this.db, importId, fileName, format, this.now), touched: Date.now() });
    return importId;
  }

  of(importId: string): ImportSession {
    const entry = this.open.get(importId);
    if (!entry)
      throw new VigilFailure('import_unknown', 'That import is no longer open (finished, cancelled or idle too long). Start it again.');
    entry.touched = Date.now();
    return entry.session;
  }

  drop(importId: string): boolean {
    return this.open.delete(importId);
  }

  close(): void {
    clearInterval(this.sweep);
    this.open.clear();
  }
}

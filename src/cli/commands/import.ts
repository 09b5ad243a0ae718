// `import FILE…`: each file streamed from disk in chunks through import.begin / chunk /
// finish, so a file of any size is imported in bounded memory, one transaction per batch.
import { constants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Core } from '../../core/index';
import type { ImportCounts, ImportReport } from '../../shared/model';
import { absolute, dataDirOf, formatOpt, parseCommand } from '../args';
import { call, scorePending, withCore } from '../core';
import { asFailure, CliFailure, EXIT, UsageError } from '../errors';
import { Utf8Reader } from '../../shared/utf8';
import { say, type CliIo } from '../io';
import { formatBytes, formatCount, Progress } from '../progress';

/** Bytes read from disk per chunk; core accepts up to 8 MiB of text per call. */
export const CHUNK_BYTES = 1024 * 1024;
/** Rejected rows listed per file; the rest are counted. */
export const SHOWN_ERRORS = 20;

const RECORD_TYPES = ['accounts', 'items', 'follows'] as const;

export interface ImportTotals {
  files: number;
  bytes: number;
  lines: number;
  accounts: ImportCounts;
  items: ImportCounts;
  follows: ImportCounts;
  errorCount: number;
}

interface FileToImport {
  /** As the user wrote it: used in every message. */
  given: string;
  path: string;
  size: number;
  /** What core records as the file name (its extension picks the format, its name the CSV record type). */
  name: string;
}

export async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  const p = parseCommand('import', args, { format: { type: 'string' } }, true);
  if (p.help) throw new UsageError('', 'import');
  const format = formatOpt(p, 'import');
  if (!p.positionals.length) throw new UsageError('name at least one FILE to import', 'import');
  const dataDir = dataDirOf(p, io, 'import');
  // Every file is checked before anything is written: a typo in the third name must not
  // leave the first two imported and the command reported as a usage error.
  const files: FileToImport[] = [];
  for (const given of p.positionals) files.push(await checkFile(io, given));

  const reports: ImportReport[] = [];
  const progress = new Progress(io.stderr, { label: 'import', total: files.reduce((n, f) => n + f.size, 0), show: formatBytes });
  let failure: CliFailure | null = null;
  await withCore(dataDir, async (core) => {
    let before = 0;
    for (const f of files) {
      try {
        const report = await importFile(core, f, format, (bytes, lines) =>
          progress.update(before + bytes, `${basename(f.given)}, ${formatCount(lines)} lines`),
        );
        reports.push(report);
      } catch (e) {
        failure = asFailure(e);
        break;
      } finally {
        progress.clear();
      }
      const report = reports[reports.length - 1]!;
      if (!p.json) say(io.stdout, describe(report, f.given));
      listErrors(io, report, f.given);
      before += f.size;
    }
    progress.finish();
    // What was imported is scored even when a later file failed: it is in the database.
    await scorePending(core, new Progress(io.stderr, { label: 'detection' }));
  });

  const totals = totalsOf(reports);
  if (p.json) {
    const out: Record<string, unknown> = { files: reports, totals };
    if (failure) out.error = { code: (failure as CliFailure).code, message: (failure as CliFailure).message };
    say(io.stdout, JSON.stringify(out));
  } else if (reports.length > 1) {
    say(io.stdout, describeTotals(totals));
  }
  if (failure) {
    const f = failure as CliFailure;
    throw new CliFailure(
      `${f.message}${reports.length ? ` (${reports.length} of ${files.length} files were imported before this)` : ''}`,
      f.code,
    );
  }
  if (totals.errorCount > 0) {
    say(io.stderr, `${formatCount(totals.errorCount)} ${plural(totals.errorCount, 'row')} rejected; every other row was imported.`);
    return EXIT.rejected;
  }
  return EXIT.ok;
}

async function checkFile(io: CliIo, given: string): Promise<FileToImport> {
  const path = absolute(io, given);
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new UsageError(`${given} is a folder, not a file`, 'import');
    size = st.size;
    await access(path, constants.R_OK);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`no such file: ${given}`, 'import');
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`cannot read ${given}: permission denied`, 'import');
    throw new UsageError(`cannot read ${given}: ${(e as Error).message}`, 'import');
  }
  // The contract bounds a file name at 500 characters; only the name matters to core.
  const name = given.length <= 500 ? given : basename(given).slice(-500);
  return { given, path, size, name };
}

async function importFile(
  core: Core,
  f: FileToImport,
  format: 'ndjson' | 'csv' | undefined,
  onProgress: (bytesRead: number, lines: number) => void,
): Promise<ImportReport> {
  const { importId } = await call(core, 'import.begin', { fileName: f.name, format, size: f.size });
  const stream = createReadStream(f.path, { highWaterMark: CHUNK_BYTES });
  // Bytes, decoded here: a file that is not UTF-8 stops at its first invalid byte, by line.
  const utf8 = new Utf8Reader();
  try {
    for await (const bytes of stream) {
      const report = await call(core, 'import.chunk', { importId, text: utf8.decode(bytes as Buffer, false) });
      onProgress(stream.bytesRead, report.lines);
    }
    const tail = utf8.decode(new Uint8Array(0), true);
    if (tail) await call(core, 'import.chunk', { importId, text: tail });
    return await call(core, 'import.finish', { importId });
  } catch (e) {
    stream.destroy();
    await core.dispatch('import.cancel', { importId });
    const reason = asFailure(e);
    throw new CliFailure(`Import of ${f.given} stopped: ${reason.message}. Rows stored before this point are kept.`, reason.code);
  }
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function countsText(report: Pick<ImportReport, 'accounts' | 'items' | 'follows'>): string {
  const parts: string[] = [];
  for (const type of RECORD_TYPES) {
    const c = report[type];
    const n = c.inserted + c.updated;
    if (!n) continue;
    const noun = n === 1 ? type.slice(0, -1) : type;
    parts.push(`${formatCount(n)} ${noun} (${formatCount(c.inserted)} new, ${formatCount(c.updated)} updated)`);
  }
  return parts.length ? parts.join(', ') : 'nothing stored';
}

/** One line a person reads: what was stored, what was rejected, of how much. */
export function describe(report: ImportReport, shown: string): string {
  return (
    `${shown}: ${countsText(report)}; ${formatCount(report.errorCount)} ${plural(report.errorCount, 'row')} rejected ` +
    `(${formatCount(report.lines)} lines, ${formatBytes(report.bytes)}, ${report.format})`
  );
}

function describeTotals(t: ImportTotals): string {
  return `Total of ${t.files} files: ${countsText(t)}; ${formatCount(t.errorCount)} ${plural(t.errorCount, 'row')} rejected`;
}

/** Rejected rows on stderr as file:line: reason, the first SHOWN_ERRORS of each file. */
function listErrors(io: CliIo, report: ImportReport, shown: string): void {
  if (!report.errorCount) return;
  const listed = report.errors.slice(0, SHOWN_ERRORS);
  const lines = listed.map((e) => `${shown}:${e.line}: ${e.message}`);
  const more = report.errorCount - listed.length;
  if (more > 0) lines.push(`… and ${formatCount(more)} more ${plural(more, 'rejected row')} in ${shown}`);
  say(io.stderr, lines.join('\n'));
}

export function totalsOf(reports: readonly ImportReport[]): ImportTotals {
  const zero = (): ImportCounts => ({ inserted: 0, updated: 0 });
  const t: ImportTotals = { files: reports.length, bytes: 0, lines: 0, accounts: zero(), items: zero(), follows: zero(), errorCount: 0 };
  for (const r of reports) {
    t.bytes += r.bytes;
    t.lines += r.lines;
    t.errorCount += r.errorCount;
    for (const type of RECORD_TYPES) {
      t[type].inserted += r[type].inserted;
      t[type].updated += r[type].updated;
    }
  }
  return t;
}

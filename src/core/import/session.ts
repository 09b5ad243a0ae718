import type { Database } from 'better-sqlite3';
import { Parser, type Options } from 'csv-parse';
import type { ImportReport } from '../../shared/model';
import { upsertAccount } from '../records/accounts';
import { upsertFollow } from '../records/follows';
import { upsertItem } from '../records/items';
import { ItemScorer } from '../detection/scores/item-scores';
import { normalizeRow, type InterchangeRecord, type RecordType } from '../../shared/records';
import { CsvRecords, MAX_LINE_BYTES, NdjsonLines, TOO_LONG } from './line-limit';

export type ImportFormat = 'ndjson' | 'csv';

/** Rows per transaction: large enough to amortise the commit, small enough to keep the UI live. */
export const BATCH_ROWS = 2000;
/** Errors kept in the report; the count goes on beyond. */
export const MAX_REPORTED_ERRORS = 500;

export function formatOf(fileName: string): ImportFormat {
  return /\.csv$/i.test(fileName) ? 'csv' : 'ndjson';
}

/** CSV files hold one record type each; the name usually says which. */
export function recordTypeFromName(fileName: string): RecordType | null {
  const base = fileName.split(/[\\/]/).pop()!.toLowerCase();
  // Content words before people words: user_items.csv holds items, user_profiles.csv accounts.
  if (/follow/.test(base)) return 'follow';
  if (/item|post|mention|repl|comment|review|message/.test(base)) return 'item';
  if (/account|user|author|profile/.test(base)) return 'account';
  return null;
}

interface Pending {
  line: number;
  record: InterchangeRecord;
}

/**
 * One file being imported, fed text in chunks of any size (a stream from disk, or pieces the
 * renderer reads from a dropped file). Rows are checked one by one and written in batches,
 * one transaction each: a bad row is reported with its line and skipped, and a failure
 * half-way keeps every batch already committed.
 */
export class ImportSession {
  readonly report: ImportReport;
  private readonly fallbackType: RecordType | null;
  private pending: Pending[] = [];
  private line = 0;
  private csv: Parser | null = null;
  private csvStopped = false;
  private readonly ndjson = new NdjsonLines(
    (text) => this.ndjsonLine(text),
    () => this.error(++this.line, TOO_LONG),
  );
  private readonly csvRecords = new CsvRecords((line) => this.error(line, TOO_LONG));
  private ended = false;
  private carry = '';
  /** Remembers what it read of each reviewed target for the whole import. */
  private readonly scorer: ItemScorer;

  constructor(
    private readonly db: Database,
    importId: string,
    fileName: string,
    format: ImportFormat,
    private readonly now: () => number = Date.now,
  ) {
    this.fallbackType = recordTypeFromName(fileName);
    this.scorer = new ItemScorer(db, {});
    this.report = {
      importId,
      file: fileName,
      format,
      bytes: 0,
      lines: 0,
      accounts: { inserted: 0, updated: 0 },
      items: { inserted: 0, updated: 0 },
      follows: { inserted: 0, updated: 0 },
      errors: [],
      errorCount: 0,
      done: false,
    };
    if (format === 'csv') {
      this.csv = this.makeCsvParser();
      this.csv.on('readable', () => this.drainCsv());
    }
  }

  async write(chunk: string): Promise<ImportReport> {
    if (this.ended) throw new Error('import already finished');
    // A chunk may end half-way through a surrogate pair (an emoji), or for CSV between the CR
    // and LF of a line end: keep that half for the next chunk, or the CSV parser's UTF-8
    // encoding turns both halves of the pair into U+FFFD.
    let text = this.carry + chunk;
    this.carry = '';
    const last = text.charCodeAt(text.length - 1);
    if ((last >= 0xd800 && last <= 0xdbff) || (this.csv && last === 0x0d)) {
      this.carry = text.slice(-1);
      text = text.slice(0, -1);
    }
    this.report.bytes += Buffer.byteLength(text);
    // csv-parse counts a CRLF inside a quoted field as two lines, which puts every later line
    // number one off: line breaks inside fields become LF.
    if (this.csv) await this.writeCsv(text.replace(/\r\n/g, '\n'), false);
    else this.writeNdjson(text, false);
    while (this.pending.length >= BATCH_ROWS) this.flush(BATCH_ROWS);
    return this.snapshot();
  }

  async end(): Promise<ImportReport> {
    if (!this.ended) {
      this.ended = true;
      // A lone half left at the very end is passed on as it is.
      const tail = this.carry;
      this.carry = '';
      this.report.bytes += Buffer.byteLength(tail);
      if (this.csv) {
        if (tail) await this.writeCsv(tail, false);
        await this.writeCsv('', true);
      } else this.writeNdjson(tail, true);
      while (this.pending.length) this.flush(BATCH_ROWS);
      this.report.done = true;
    }
    return this.snapshot();
  }

  /** Characters held of an unfinished line or record: bounded, however long a line runs on. */
  get held(): number {
    return this.ndjson.held + this.csvRecords.held;
  }

  private snapshot(): ImportReport {
    return { ...this.report, errors: [...this.report.errors] };
  }

  private error(line: number, message: string): void {
    this.report.errorCount++;
    if (this.report.errors.length < MAX_REPORTED_ERRORS) this.report.errors.push({ file: this.report.file, line, message });
  }

  private accept(line: number, row: unknown): void {
    const n = normalizeRow(row, this.fallbackType);
    if (n.ok) this.pending.push({ line, record: n.record });
    else this.error(line, n.message);
  }

  private writeNdjson(text: string, final: boolean): void {
    const data = this.line === 0 && this.ndjson.held === 0 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.ndjson.write(data, final);
    this.report.lines = this.line;
  }

  private ndjsonLine(raw: string): void {
    const line = ++this.line;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!text.trim()) return;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (e) {
      this.error(line, `not valid JSON: ${(e as Error).message}`);
      return;
    }
    this.accept(line, row);
  }

  private makeCsvParser(): Parser {
    const options = {
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      skip_empty_lines: true,
      relax_quotes: true,
      skip_records_with_error: true,
      // A record the splitter let through as several (line breaks it read differently) but
      // csv-parse reads as one: csv-parse stops reading there, and the report says so.
      max_record_size: 2 * MAX_LINE_BYTES,
      on_skip: (err: { lines: number; message: string; code?: string } | undefined) => {
        if (err?.code === 'CSV_MAX_RECORD_SIZE') {
          // Said once: csv-parse may call again for the same record before it stops.
          if (this.csvStopped) return;
          this.csvStopped = true;
          this.error(
            Number(err.lines),
            `a record longer than the CSV reader takes (${(2 * MAX_LINE_BYTES).toLocaleString('en')} characters): the rest of the file was not read`,
          );
        } else if (err) this.error(Number(err.lines), err.message);
      },
      on_record: (record: Record<string, string>, ctx: { lines: number }) => ({ record, line: ctx.lines }),
    };
    // The constructor's declared type knows only array records; these options make objects.
    return new Parser(options as unknown as Options);
  }

  private async writeCsv(text: string, final: boolean): Promise<void> {
    const parser = this.csv!;
    // Whole records only, none longer than the limit (csv-parse's own limit stops the file).
    const records = this.csvStopped ? '' : this.csvRecords.write(text, final);
    await new Promise<void>((resolve, reject) => {
      const done = (e?: Error | null) => (e ? reject(e) : resolve());
      if (final) {
        if (records) parser.write(records, (e) => (e ? reject(e) : parser.end(done)));
        else parser.end(done);
      } else if (records) parser.write(records, done);
      else resolve();
    });
    this.drainCsv();
    this.report.lines = parser.info.lines;
  }

  /** Takes the records parsed so far. Also runs on 'readable': once more records wait than the
   * stream buffers (16 objects), the parser holds a write's callback until they are read. */
  private drainCsv(): void {
    let rec: { record: Record<string, string>; line: number } | null;
    while ((rec = this.csv!.read() as typeof rec) !== null) this.accept(rec.line, rec.record);
  }

  private flush(max: number): void {
    const batch = this.pending.splice(0, max);
    const now = this.now();
    const { report, db } = this;
    db.transaction(() => {
      for (const { line, record } of batch) {
        try {
          if (record.type === 'account') report.accounts[upsertAccount(db, record, now)]++;
          else if (record.type === 'item') report.items[upsertItem(db, record, now, this.scorer)]++;
          else report.follows[upsertFollow(db, record, now)]++;
        } catch (e) {
          // A row the database refuses (a constraint) is that row's error, not the batch's.
          this.error(line, `not stored: ${(e as Error).message}`);
        }
      }
    })();
  }
}

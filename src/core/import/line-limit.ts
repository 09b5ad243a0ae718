// Bounded lines and records for imports. An NDJSON line or a CSV record longer than
// MAX_LINE_BYTES is refused with the line it starts on and skipped as it streams past: what is
// held of an unfinished line never exceeds the limit, however long the line runs on (a single
// 200 MB line once took 2 GB of memory to read).

/** The longest NDJSON line or CSV record an import reads, in bytes of UTF-8. */
export const MAX_LINE_BYTES = 1024 * 1024;

export const TOO_LONG = `longer than 1 MiB (${MAX_LINE_BYTES.toLocaleString('en')} bytes): skipped without reading it`;

/** UTF-8 bytes of `s` from `from` to `to` (a surrogate pair is 2 + 2). */
export function utf8Bytes(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return n;
}

/** Splits NDJSON text into lines; a line over the limit becomes a `tooLong` call instead. */
export class NdjsonLines {
  private rest = '';
  private restBytes = 0;
  private skipping = false;

  constructor(
    private readonly line: (text: string) => void,
    private readonly tooLong: () => void,
  ) {}

  /** What is held of an unfinished line (never more than the limit). */
  get held(): number {
    return this.rest.length;
  }

  write(text: string, final: boolean): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      if (this.skipping) this.tooLong();
      else if (this.rest === '' && (nl - start) * 3 <= MAX_LINE_BYTES) this.line(text.slice(start, nl));
      else if (this.restBytes + utf8Bytes(text, start, nl) > MAX_LINE_BYTES) this.tooLong();
      else this.line(this.rest + text.slice(start, nl));
      this.rest = '';
      this.restBytes = 0;
      this.skipping = false;
      start = nl + 1;
    }
    if (start < text.length && !this.skipping) {
      const bytes = utf8Bytes(text, start);
      if (this.restBytes + bytes > MAX_LINE_BYTES) {
        this.skipping = true;
        this.rest = '';
        this.restBytes = 0;
      } else {
        this.rest += text.slice(start);
        this.restBytes += bytes;
      }
    }
    if (final) {
      if (this.skipping) this.tooLong();
      else if (this.rest) this.line(this.rest);
      this.rest = '';
      this.restBytes = 0;
      this.skipping = false;
    }
  }
}

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/**
 * Finds where CSV records end (line breaks outside quoted fields) and passes whole records on
 * to the CSV parser. A record over the limit is not passed on: the parser gets its line breaks
 * instead (blank lines it skips), so the line numbers of the records after it stay right.
 */
export class CsvRecords {
  private state = FIELD_START;
  /** The unfinished record's text from earlier chunks. */
  private rest = '';
  private restBytes = 0;
  private skipping = false;
  /** Line breaks of the record being skipped, not yet passed on. */
  private skippedBreaks = 0;
  private lineNo = 1;
  private recordLine = 1;
  /** The file's line break, as the parser will read it. */
  private breakChar = '\n';
  private sawBreak = false;

  constructor(private readonly tooLong: (line: number) => void) {}

  get held(): number {
    return this.rest.length;
  }

  /** The text to give the CSV parser now. */
  write(text: string, final: boolean): string {
    const out: string[] = [];
    /** Where the text not yet passed on (or dropped) starts. */
    let from = 0;
    /** Just after the last record end seen in this chunk. */
    let lastEnd = 0;
    let bytes = this.restBytes;
    let state = this.state;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const isBreak = c === 10 || c === 13;
      if (isBreak) {
        this.lineNo++;
        if (!this.sawBreak) [this.sawBreak, this.breakChar] = [true, text[i]!];
      }
      if (this.skipping) {
        if (isBreak) this.skippedBreaks++;
      } else bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
      let end = false;
      if (state === QUOTED) state = c === 34 ? QUOTE_IN_QUOTED : QUOTED;
      else if (isBreak) [state, end] = [FIELD_START, true];
      else if (c === 44) state = FIELD_START;
      else if (c === 34) state = state === UNQUOTED ? UNQUOTED : QUOTED;
      else state = UNQUOTED;
      if (end) {
        if (this.skipping) {
          out.push(this.breakChar.repeat(this.skippedBreaks));
          this.skippedBreaks = 0;
          this.skipping = false;
          this.tooLong(this.recordLine);
          from = i + 1;
        }
        lastEnd = i + 1;
        bytes = 0;
        this.recordLine = this.lineNo;
      } else if (!this.skipping && bytes > MAX_LINE_BYTES) {
        // The whole records before this one go on; this one is dropped from here to its end.
        if (lastEnd > from) out.push(this.rest, text.slice(from, lastEnd));
        this.rest = '';
        this.restBytes = 0;
        this.skipping = true;
        this.skippedBreaks = this.lineNo - this.recordLine;
        from = lastEnd = i + 1;
      }
    }
    this.state = state;
    if (this.skipping) {
      out.push(this.breakChar.repeat(this.skippedBreaks));
      this.skippedBreaks = 0;
      if (final) {
        this.skipping = false;
        this.tooLong(this.recordLine);
      }
      return out.join('');
    }
    // Whole records go on now; the unfinished one waits for the next chunk.
    if (lastEnd > from) {
      out.push(this.rest, text.slice(from, lastEnd));
      this.rest = text.slice(lastEnd);
    } else this.rest += text.slice(from);
    this.restBytes = bytes;
    if (final) {
      out.push(this.rest);
      this.rest = '';
      this.restBytes = 0;
    }
    return out.join('');
  }
}

// What a command may touch of the outside world, passed in so tests can run commands in
// process with captured streams, their own environment and working folder.
import type { Writable } from 'node:stream';

export interface CliIo {
  /** Results: the export itself, tables, or the one JSON object of --json. */
  stdout: Writable;
  /** Progress, messages, rejected rows and errors. */
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Relative paths (files, --out, --data-dir) are resolved against this. */
  cwd: string;
}

export function withDefaults(io: Partial<CliIo>): CliIo {
  return {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
  };
}

export function isTTY(stream: Writable): boolean {
  return (stream as Writable & { isTTY?: boolean }).isTTY === true;
}

export function columnsOf(stream: Writable): number {
  const c = (stream as Writable & { columns?: number }).columns;
  return typeof c === 'number' && c > 20 ? c : 80;
}

/** Writes a line (or lines) of text; a trailing newline is added. */
export function say(stream: Writable, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Said by commands that only read, when the data folder held no database yet. */
export function noteNew(io: CliIo, dataDir: string): void {
  say(io.stderr, `Note: there was no Vigil database in ${dataDir}; an empty one was created.`);
}

/**
 * Somewhere bulk output goes (stdout or an --out file), written with back-pressure so an
 * export of any size holds at most one page in memory. A closed pipe (`| head`) is not an
 * error worth a stack trace: `closed` turns true and writing stops.
 */
export interface Sink {
  write(text: string): Promise<void>;
  /** Flushes and closes (a file); leaves stdout open. */
  end(): Promise<void>;
  readonly closed: boolean;
  readonly bytes: number;
}

export function streamSink(stream: Writable): Sink {
  let failure: NodeJS.ErrnoException | null = null;
  let closed = false;
  let bytes = 0;
  const onError = (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') closed = true;
    else failure = e;
  };
  // Stays attached for the life of the stream: an EPIPE after the last write must not crash.
  stream.on('error', onError);
  return {
    get closed() {
      return closed;
    },
    get bytes() {
      return bytes;
    },
    async write(text) {
      if (failure) throw failure;
      if (closed || !text) return;
      bytes += Buffer.byteLength(text);
      if (stream.write(text)) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          stream.off('error', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
        stream.on('error', done);
      });
      if (failure) throw failure;
    },
    async end() {
      if (failure) throw failure;
    },
  };
}

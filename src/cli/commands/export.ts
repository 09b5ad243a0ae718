// `export`: items with their decisions, paged through export.page in id order and written
// as each page arrives, so memory holds one page whatever the size of the database.
import { open } from 'node:fs/promises';
import { dataDirOf, formatOpt, parseCommand, stringOpt, absolute } from '../args';
import { call, withCore } from '../core';
import { asFailure, CliFailure, EXIT, UsageError } from '../errors';
import { isTTY, noteNew, say, streamSink, type CliIo, type Sink } from '../io';
import { formatCount, Progress } from '../progress';

/** Items per export.page call (the contract allows up to 10,000). */
export const PAGE_ITEMS = 5000;

export async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const p = parseCommand('export', args, { format: { type: 'string' }, out: { type: 'string' } }, false);
  if (p.help) throw new UsageError('', 'export');
  const out = stringOpt(p, 'out');
  if (out !== undefined && !out.trim()) throw new UsageError('--out needs a file name', 'export');
  const format = formatOpt(p, 'export') ?? (out && /\.csv$/i.test(out) ? 'csv' : 'ndjson');
  const dataDir = dataDirOf(p, io, 'export');

  return withCore(
    dataDir,
    async (core) => {
      const sink = out === undefined ? streamSink(io.stdout) : await fileSink(absolute(io, out), out);
      const progress = new Progress(io.stderr, { label: 'export' });
      let items = 0;
      try {
        if (isTTY(io.stderr)) progress.setTotal((await call(core, 'stats', {})).items);
        let cursor = 0;
        for (;;) {
          const page = await call(core, 'export.page', { format, cursor, limit: PAGE_ITEMS });
          await sink.write(page.text);
          items += page.rows;
          progress.update(items);
          if (page.nextCursor === null || sink.closed) break;
          cursor = page.nextCursor;
        }
        await sink.end();
      } catch (e) {
        progress.finish();
        await sink.end().catch(() => undefined);
        const f = asFailure(e);
        throw new CliFailure(
          out === undefined ? `Export stopped: ${f.message}` : `Export to ${out} stopped: ${f.message}. The file is incomplete.`,
          f.code,
        );
      }
      progress.finish();
      if (out !== undefined) {
        if (p.json) say(io.stdout, JSON.stringify({ file: out, format, items, bytes: sink.bytes }));
        else say(io.stderr, `Exported ${formatCount(items)} ${items === 1 ? 'item' : 'items'} to ${out} (${format}).`);
      }
      return EXIT.ok;
    },
    () => noteNew(io, dataDir),
  );
}

/** A file written through one handle: awaited writes are their own back-pressure. */
export async function fileSink(path: string, shown: string): Promise<Sink> {
  let handle;
  try {
    handle = await open(path, 'w');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : (e as Error).message;
    throw new CliFailure(`Cannot write ${shown}: ${why}`, code ?? 'failed');
  }
  const h = handle;
  let bytes = 0;
  let ended = false;
  return {
    closed: false,
    get bytes() {
      return bytes;
    },
    async write(text) {
      if (!text) return;
      const buf = Buffer.from(text, 'utf8');
      bytes += buf.length;
      let off = 0;
      while (off < buf.length) off += (await h.write(buf, off)).bytesWritten;
    },
    async end() {
      if (ended) return;
      ended = true;
      await h.close();
    },
  };
}

// Import files are UTF-8. A lenient decoder would turn every invalid byte into U+FFFD and
// store the damage without a word; this one refuses the file at the first invalid byte and
// says on which line it is. Used where files are read: the renderer (a dropped file) and the
// command line. TextDecoder exists in browsers and in Node alike.

export class InvalidUtf8Error extends Error {
  constructor(
    /** 1-based line of the first invalid byte. */
    readonly line: number,
    /** 0-based offset of that byte in the file. */
    readonly byte: number,
  ) {
    super(
      `not valid UTF-8 at line ${line.toLocaleString('en')} (byte ${byte.toLocaleString('en')}): save the file as UTF-8 and import it again`,
    );
    this.name = 'InvalidUtf8Error';
  }
}

/** How many bytes a sequence starting with `b` has, or 0 when `b` cannot start one. */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** Whether `b` may follow the lead byte `lead` as the second byte (the ranges that rule out overlongs and surrogates). */
function secondOk(lead: number, b: number): boolean {
  if (lead === 0xe0) return b >= 0xa0 && b <= 0xbf;
  if (lead === 0xed) return b >= 0x80 && b <= 0x9f;
  if (lead === 0xf0) return b >= 0x90 && b <= 0xbf;
  if (lead === 0xf4) return b >= 0x80 && b <= 0x8f;
  return b >= 0x80 && b <= 0xbf;
}

/**
 * The offset of the first invalid byte in `bytes`, or -1. A sequence cut off by the end is
 * not invalid unless `last` (the next chunk may complete it).
 */
export function firstInvalidUtf8(bytes: Uint8Array, last: boolean): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const n = sequenceLength(lead);
    if (n === 0) return i;
    for (let k = 1; k < n; k++) {
      if (i + k >= bytes.length) return last ? i : -1;
      const b = bytes[i + k]!;
      if (k === 1 ? !secondOk(lead, b) : b < 0x80 || b > 0xbf) return i;
    }
    i += n;
  }
  return -1;
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** How many bytes at the end of `bytes` start a sequence they do not finish (0–3). */
function openTail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back]!;
    if (b >= 0x80 && b <= 0xbf) continue;
    return sequenceLength(b) > back ? back : 0;
  }
  return 0;
}

/** Decodes a file read in byte chunks, in order; throws InvalidUtf8Error at the first invalid byte. */
export class Utf8Reader {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** Bytes of a sequence the previous chunk ended in the middle of. */
  private carry: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private line = 1;

  decode(bytes: Uint8Array, last: boolean): string {
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: !last });
    } catch {
      throw this.locate(bytes, last);
    }
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.line++;
    const end = bytes.length >= 3 ? bytes.subarray(bytes.length - 3) : joined(this.carry, bytes);
    // A copy: a Node Buffer's slice is a view of memory the stream may reuse.
    this.carry = new Uint8Array(end.subarray(end.length - openTail(end)));
    this.offset += bytes.length;
    return text;
  }

  private locate(bytes: Uint8Array, last: boolean): InvalidUtf8Error {
    const all = joined(this.carry, bytes);
    const at = Math.max(0, firstInvalidUtf8(all, last));
    let line = this.line;
    for (let i = this.carry.length; i < at; i++) if (all[i] === 0x0a) line++;
    return new InvalidUtf8Error(line, this.offset - this.carry.length + at);
  }
}

import { Utf8Reader } from '@shared/utf8';

/** Bytes read from a file per call to core: bounded memory for files of any size. */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a File as text in pieces, never splitting a UTF-8 character between two pieces
 * (the decoder carries a partial character over to the next one). A file that is not valid
 * UTF-8 stops at the first invalid byte with an InvalidUtf8Error naming its line.
 */
export async function* readChunks(file: Blob, chunkBytes = CHUNK_BYTES): AsyncGenerator<{ text: string; bytes: number }> {
  const reader = new Utf8Reader();
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    const buf = await file.slice(offset, offset + chunkBytes).arrayBuffer();
    const last = offset + chunkBytes >= file.size;
    yield { text: reader.decode(new Uint8Array(buf), last), bytes: Math.min(file.size, offset + chunkBytes) };
  }
}

/** Bytes read from a file per call to core: bounded memory for files of any size. */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a File as text in pieces, never splitting a UTF-8 character between two pieces
 * (the decoder carries a partial character over to the next one).
 */
export async function* readChunks(file: Blob, chunkBytes = CHUNK_BYTES): AsyncGenerator<{ text: string; bytes: number }> {
  const decoder = new TextDecoder('utf-8');
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    const buf = await file.slice(offset, offset + chunkBytes).arrayBuffer();
    const last = offset + chunkBytes >= file.size;
    yield { text: decoder.decode(buf, { stream: !last }), bytes: Math.min(file.size, offset + chunkBytes) };
  }
}

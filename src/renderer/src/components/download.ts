/**
 * Saves what the renderer made as a file: a blob of this page's own origin, the only kind of
 * download the Electron host lets through (a link to anywhere else is refused there).
 */
export function saveFile(parts: BlobPart[], type: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob(parts, { type }));
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

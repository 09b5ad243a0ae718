// Strict base64 (RFC 4648 §4, padded). Buffer.from(text, 'base64') skips characters it does
// not know and accepts missing padding, so two different texts could stand for one hash; a
// proof or a checkpoint is refused unless its text is the one canonical spelling.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes, or null when the text is not canonical base64. */
export function decodeBase64(text: string): Buffer | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

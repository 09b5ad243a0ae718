// A language code as a moderator reads it: the detector's ISO 639-1 codes, or whatever code the
// platform sent (`pt-BR`, `fil`), named by the runtime's own list (Intl.DisplayNames) rather
// than a hand-kept one. A code the list does not know, or that is not a code at all (the
// platform's field is content like any other), is shown as it is.

const NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

export function languageName(code: string): string {
  // 'und' is what the detector says when it cannot tell; Intl would call it (and '') "root".
  if (code === 'und' || !code) return 'undetermined';
  try {
    return NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

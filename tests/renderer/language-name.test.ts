import { describe, expect, it } from 'vitest';
import { languageName } from '../../src/renderer/src/features/triage/languageName';

describe('languageName', () => {
  it('names the detector’s codes and the platforms’ regional ones', () => {
    expect(['en', 'es', 'fr', 'de', 'pt', 'it', 'nl'].map(languageName)).toEqual([
      'English',
      'Spanish',
      'French',
      'German',
      'Portuguese',
      'Italian',
      'Dutch',
    ]);
    expect(languageName('pl')).toBe('Polish');
    expect(languageName('ja')).toBe('Japanese');
    expect(languageName('pt-BR')).toBe('Brazilian Portuguese');
  });

  it("says 'undetermined' for und or nothing, not the runtime's 'root'", () => {
    expect(languageName('und')).toBe('undetermined');
    expect(languageName('')).toBe('undetermined');
  });

  it('shows a code it cannot name, or a value that is no code, as it came', () => {
    expect(languageName('zz')).toBe('zz');
    for (const hostile of ['<img src=x>', ' en', '123', 'x'.repeat(300), 'en\u0000']) expect(languageName(hostile)).toBe(hostile);
  });
});

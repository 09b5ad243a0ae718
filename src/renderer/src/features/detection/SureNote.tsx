import type { SureLevel, Sureness } from '@shared/model';

const WORDS: Record<SureLevel, string> = { low: 'not sure', medium: 'fairly sure', high: 'sure' };

/** How sure a score is, in words: "not sure: one signal", "sure: 3 signals agree". */
export function sureWords(s: Sureness | undefined): string {
  return s ? `${WORDS[s.level]}: ${s.basis}` : 'how sure: not known until it is scored again';
}

/** Follows a score: how sure it is, as text (the level is in the words, never only in a colour). */
export function SureNote({ sure }: { sure: Sureness | undefined }) {
  return (
    <span className={`sure sure-${sure?.level ?? 'unknown'}`} data-testid="sure">
      {' · '}
      {sureWords(sure)}
    </span>
  );
}

/** The queue row's small mark on a score the detector is not sure of. */
export function UnsureMark({ level }: { level: SureLevel | null | undefined }) {
  if (level !== 'low') return null;
  return (
    <span
      className="unsure-mark"
      role="img"
      aria-label="not sure"
      title="Not sure: little evidence behind this score"
      data-testid="unsure-mark"
    >
      ?
    </span>
  );
}

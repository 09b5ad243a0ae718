// When reviewers disagree with a decision, more people answer until two thirds agree; that
// answer becomes the decision's reference answer (and a training label, with who gave it).

/** Share of the answers the reference needs. */
export const REFERENCE_SHARE = 2 / 3;

/** The answer at least two thirds of `answers` give (two answers at least), or null while none does. */
export function referenceOf<T extends string>(answers: readonly T[]): T | null {
  if (answers.length < 2) return null;
  const counts = new Map<T, number>();
  for (const a of answers) counts.set(a, (counts.get(a) ?? 0) + 1);
  for (const [a, n] of counts) if (n >= REFERENCE_SHARE * answers.length - 1e-9) return a;
  return null;
}

// "How did we answer this before?" (similar resolved cases with their replies) and
// searchable internal notes: what core answers, as the renderer reads it.

export interface SimilarReply {
  itemId: number;
  actor: string;
  at: number;
  text: string;
}

export interface SimilarCase {
  /** The case is named by its first message. */
  rootItemId: number;
  outcome: string | null;
  resolvedAt: number | null;
  owner: string | null;
  /**
   * How it was found: the same wording, nearly the same text (MinHash), or the item's most
   * distinctive words (full-text). Best first in that order, then by score.
   */
  match: 'exact' | 'near-duplicate' | 'words';
  /** Estimated text similarity for (near-)duplicates, in [0, 1]; a bm25-based one in (0, 1) for words. */
  score: number;
  /** The message of that case that matched. */
  matchedItemId: number;
  firstMessage: { id: number; platform: string; text: string; createdAt: number | null };
  /** What the team answered, oldest first (undone replies left out). */
  replies: SimilarReply[];
}

export interface NoteHit {
  /** The note's event id. */
  eventId: string;
  itemId: number;
  /** The case the item is in, if any. */
  caseRootItemId: number | null;
  actor: string;
  at: number;
  text: string;
  /** The start of the message the note is on. */
  itemText: string;
  /** Who it mentions (normalised names). */
  mentions: string[];
}

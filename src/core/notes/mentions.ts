// `@name` mentions of teammates in internal notes. A mention starts a word (so the `@` of an
// e-mail address, `ana@example.com`, is not one) and runs over letters, digits, `_`, `.` and
// `-`, without the punctuation that ends a sentence ("ask @ana.", "@bo, can you…").
import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';

// Nothing name-like before the `@`; after the name, nothing that would continue it (so a
// partial name is never taken) nor another `@` (`@ana@example.com` is an address).
const MENTION = /(?<![\p{L}\p{N}_.+@-])@([\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_])?)(?![\p{L}\p{N}_@]|[.-]+[\p{L}\p{N}_@])/gu;

/** A mention may name at most this many people: a note is not a mailing list. */
const MAX_MENTIONS = 50;

/**
 * How names are compared: case and spaces aside, so the moderator "Ana Silva" is found by
 * `@anasilva` and `@AnaSilva`.
 */
export function mentionKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, '');
}

/** The distinct people a note mentions, by mentionKey, in the order written. */
export function parseMentions(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(MENTION)) {
    out.add(mentionKey(m[1]!));
    if (out.size >= MAX_MENTIONS) break;
  }
  return [...out];
}

/** Files a note's mentions; inside the caller's transaction (storeEvent's). */
export function recordMentions(db: Database, eventSeq: number, text: string): void {
  const add = stmt(db, 'INSERT OR IGNORE INTO note_mentions (name, event_seq) VALUES (?, ?)');
  for (const name of parseMentions(text)) add.run(name, eventSeq);
}

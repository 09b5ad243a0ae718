// Internal notes: `@name` mentions filed as a note is logged (e-mail addresses are not
// mentions), notes searchable by their words and listed by whom they mention, newest first.
import { describe, expect, it } from 'vitest';
import { noteItem, undoEvents } from '../../../src/core/decisions/decide';
import { mentionKey, parseMentions } from '../../../src/core/notes/mentions';
import { notesMentioning, searchNotes } from '../../../src/core/notes/search';
import { actor, importText, item, itemId, memoryDb, ndjson } from '../helpers';

describe('mentions', () => {
  it.each<[string, string[]]>([
    ['@ana can you look?', ['ana']],
    ['ask @ana.', ['ana']],
    ['@bo, @Ana and @ana!', ['bo', 'ana']],
    ['(cc @jane.doe) and @x_y-z;', ['jane.doe', 'x_y-z']],
    ['mail ana@example.com or @ana@example.com', []],
    ['price @ 5 €, @@bo, @-bo', []],
    ['@Chloé: merci', ['chloé']],
    ['no mentions at all', []],
  ])('%s', (text, names) => {
    expect(parseMentions(text)).toEqual(names);
  });

  it('compares names case and spaces aside', () => {
    expect(mentionKey('Ana Silva')).toBe('anasilva');
    expect(parseMentions('@AnaSilva')).toEqual([mentionKey('Ana Silva')]);
  });
});

describe('notes', () => {
  async function world() {
    const db = memoryDb();
    await importText(db, 'items.ndjson', ndjson([item('m1', { text: 'refund please' }), item('m2', { text: 'where is my parcel' })]));
    const who = actor('ana');
    const note = (x: string, text: string) => {
      who.tick(1000);
      return noteItem(db, who, { itemId: itemId(db, x), text })[0]!;
    };
    return { db, who, note };
  }

  it('finds notes by every word typed (as prefixes), newest first, with the item they are on', async () => {
    const { db, note } = await world();
    note('m1', 'Refund approved by finance, @bo please send the label');
    note('m2', 'Parcel lost by the courier; refund or resend?');
    note('m1', 'unrelated remark');
    expect(searchNotes(db, 'refund', 10).map((n) => n.text)).toEqual([
      'Parcel lost by the courier; refund or resend?',
      'Refund approved by finance, @bo please send the label',
    ]);
    const [hit] = searchNotes(db, 'refu financ', 10);
    expect(hit).toMatchObject({
      itemId: itemId(db, 'm1'),
      itemText: 'refund please',
      actor: 'ana',
      mentions: ['bo'],
      caseRootItemId: expect.any(Number),
    });
    expect(searchNotes(db, 'refund', 1)).toHaveLength(1);
    expect(searchNotes(db, '!!!', 10)).toEqual([]);
  });

  it('lists the notes mentioning someone, newest first, with their count; an undone note goes', async () => {
    const { db, who, note } = await world();
    note('m1', '@bo have a look');
    const second = note('m2', 'Also this one, @Bo.');
    note('m2', 'mail bo@example.com');
    const r = notesMentioning(db, 'Bo', 10);
    expect(r.name).toBe('bo');
    expect(r.total).toBe(2);
    expect(r.notes.map((n) => n.text)).toEqual(['Also this one, @Bo.', '@bo have a look']);
    undoEvents(db, who, [second.eventId]);
    expect(notesMentioning(db, 'bo', 10).notes.map((n) => n.text)).toEqual(['@bo have a look']);
    expect(searchNotes(db, 'also', 10)).toEqual([]);
    expect(notesMentioning(db, 'nobody', 0)).toEqual({ name: 'nobody', notes: [], total: 0 });
  });
});

// The personalisation check: a reply that is still the bare template,
// or word for word what five other customers got today, is refused unless overridden with a
// reason, and the override is recorded in the reply event for supervisors.
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyDecision, undoEvents } from '../../../src/core/decisions/decide';
import type { Actor } from '../../../src/core/decisions/log';
import { eventViewsOfItem } from '../../../src/core/decisions/log';
import { checkReply, guardReply, recipientsOfText, startOfLocalDay, templateContext } from '../../../src/core/triage/answer/check';
import { isBare, REPEAT_LIMIT, sameTextKey, wordsAdded } from '../../../src/core/triage/answer/personal';
import { saveTemplate, templateById } from '../../../src/core/triage/templates/store';
import { VigilFailure } from '../../../src/shared/errors';
import { caseRefOf, fillBody } from '../../../src/shared/templates';
import { account, actor, importText, item, itemId, memoryDb, ndjson } from '../helpers';

const THANKS = 'Thank you so much, {name}! We are glad you enjoyed {target}. – {agent}';

async function world(): Promise<{ db: Database; id: (x: string) => number }> {
  const db = memoryDb();
  const people = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
  await importText(
    db,
    'items.ndjson',
    ndjson([
      ...people.map((p) => account(p)),
      ...people.map((p) => item(p, { author: p, target: 'Northwind', text: `a message from ${p}` })),
      item('c1b', { author: 'c1', target: 'Northwind', text: 'and another one', createdAt: '2025-01-05T11:00:00Z' }),
    ]),
  );
  return { db, id: (x) => itemId(db, x) };
}

/** What decision.apply does with a reply: the check, then the decision with what the check adds. */
function reply(
  db: Database,
  who: Actor,
  a: { itemId: number; note: string; templateId?: string; reason?: string; override?: { reason: string } },
) {
  const args = {
    itemIds: [a.itemId],
    action: 'reply' as const,
    note: a.note,
    templateId: a.templateId,
    reason: a.reason,
    override: a.override,
  };
  return applyDecision(db, who, args, guardReply(db, who, args));
}

function refusal(fn: () => unknown): VigilFailure {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(VigilFailure);
    expect((e as VigilFailure).code).toBe('action_refused');
    return e as VigilFailure;
  }
  throw new Error('expected a refusal');
}

const filledThanks = (db: Database, itemIdOf: number, who: Actor) => fillBody(THANKS, templateContext(db, itemIdOf, who.actor, who.now()));

describe('personalisation measures', () => {
  const filled = 'Thank you so much, Noor! We are glad you enjoyed Northwind. – Rita';

  it('finds the bare template bare, however it is spaced, cased or punctuated', () => {
    expect(wordsAdded(filled, filled)).toBe(0);
    expect(isBare(filled, filled)).toBe(true);
    expect(isBare('thank you SO much noor    we are glad you enjoyed northwind rita!!', filled)).toBe(true);
  });

  it('finds a lightly edited template still bare: a word swapped, one added, some cut', () => {
    expect(isBare('Thanks so much, Noor! We are glad you enjoyed Northwind. – Rita', filled)).toBe(true);
    expect(isBare('Thank you so much, Noor! We are really glad you enjoyed Northwind. – Rita', filled)).toBe(true);
    expect(isBare('Thank you, Noor! – Rita', filled)).toBe(true);
  });

  it('finds a reply personalised once it adds words of its own about the customer', () => {
    const mine = 'Thank you so much, Noor! We are glad you enjoyed Northwind, and the lemon tart recipe is on its way to you. – Rita';
    expect(wordsAdded(mine, filled)).toBeGreaterThanOrEqual(4);
    expect(isBare(mine, filled)).toBe(false);
  });

  it('asks more of a long template than of a short one', () => {
    const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    expect(isBare(`${long} four words of mine`, long)).toBe(true); // 4 < 10 % of 80
    expect(isBare(`${long} one two three four five six seven eight`, long)).toBe(false);
  });

  it('takes two texts as the same whatever their case, accents, spacing and punctuation', () => {
    expect(sameTextKey('Café  ready, Noor!')).toBe(sameTextKey('cafe ready noor'));
    expect(sameTextKey('Ready, Noor')).not.toBe(sameTextKey('Ready Sam'));
  });
});

describe('the personalisation check on replies', () => {
  it('refuses the bare template with a message saying what to do, and records an override with its reason', async () => {
    const { db, id } = await world();
    const who = actor('rita');
    saveTemplate(db, { id: 'thanks', name: 'Compliment: thank', body: THANKS, kind: 'reply', tags: [] }, 'admin', who.now());
    const bare = filledThanks(db, id('c1'), who);
    expect(bare).toBe('Thank you so much, Name! We are glad you enjoyed Northwind. – rita');

    const e = refusal(() => reply(db, who, { itemId: id('c1'), note: bare, templateId: 'thanks' }));
    expect(e.message).toMatch(/still the bare template “Compliment: thank”.*override with a reason/);
    expect(e.details).toMatchObject({ hits: [{ check: 'bare' }] });
    expect(eventViewsOfItem(db, id('c1'))).toEqual([]);

    // Lightly edited: still refused.
    refusal(() => reply(db, who, { itemId: id('c1'), note: bare.replace('so much', 'a lot'), templateId: 'thanks' }));

    const [o] = reply(db, who, {
      itemId: id('c1'),
      note: bare,
      templateId: 'thanks',
      override: { reason: 'a thank-you needs nothing more' },
    });
    const [ev] = eventViewsOfItem(db, id('c1'));
    expect(ev).toMatchObject({ id: o!.eventId, action: 'reply', note: bare });
    expect(ev!.payload).toEqual({
      templateId: 'thanks',
      kind: 'reply',
      caseRef: caseRefOf('x', 'c1'),
      override: { reason: 'a thank-you needs nothing more', checks: ['bare'] },
    });
  });

  it('lets a personalised reply through with nothing to override, and records no override', async () => {
    const { db, id } = await world();
    const who = actor('rita');
    saveTemplate(db, { id: 'thanks', name: 'Compliment: thank', body: THANKS, kind: 'reply', tags: [] }, 'admin', who.now());
    const text = filledThanks(db, id('c2'), who).replace(
      'Northwind.',
      'Northwind, and we passed your words on to the kitchen team in Leeds.',
    );
    expect(checkReply(db, who, { itemId: id('c2'), text, templateId: 'thanks' })).toEqual([]);
    reply(db, who, { itemId: id('c2'), note: text, templateId: 'thanks', override: { reason: 'not needed' } });
    expect(eventViewsOfItem(db, id('c2'))[0]!.payload).toEqual({ templateId: 'thanks', kind: 'reply', caseRef: caseRefOf('x', 'c2') });
  });

  it('refuses a text five other customers got today, counts customers rather than messages, forgets undone replies, and starts again tomorrow', async () => {
    const { db, id } = await world();
    const who = actor('rita');
    const text = 'Our shop in Leeds reopens on Monday with the full winter menu.';
    expect(REPEAT_LIMIT).toBe(5);
    // c1 twice (two messages, one customer), then c2..c4: four customers.
    for (const x of ['c1', 'c1b', 'c2', 'c3', 'c4']) reply(db, who, { itemId: id(x), note: text });
    expect(recipientsOfText(db, text, startOfLocalDay(who.now()))).toBe(4);
    const [fifth] = reply(db, who, { itemId: id('c5'), note: text.toUpperCase() });
    expect(recipientsOfText(db, text, startOfLocalDay(who.now()))).toBe(5);

    const e = refusal(() => reply(db, who, { itemId: id('c6'), note: `${text}  ` }));
    expect(e.message).toMatch(/5 other customers got this exact reply today: write it for this one, or override with a reason/);
    // The same customer again is not one more customer.
    expect(checkReply(db, who, { itemId: id('c1b'), text })).toEqual([]);

    // An undone reply was not sent.
    undoEvents(db, who, [fifth!.eventId]);
    expect(checkReply(db, who, { itemId: id('c6'), text })).toEqual([]);
    reply(db, who, { itemId: id('c6'), note: text });
    refusal(() => reply(db, who, { itemId: id('c7'), note: text }));
    const [o] = reply(db, who, { itemId: id('c7'), note: text, override: { reason: 'store notice for everyone who asked' } });
    expect(eventViewsOfItem(db, id('c7')).find((ev) => ev.id === o!.eventId)!.payload).toMatchObject({
      override: { reason: 'store notice for everyone who asked', checks: ['repeated'] },
    });

    // Tomorrow the count starts again.
    who.tick(24 * 3_600_000);
    expect(recipientsOfText(db, text, startOfLocalDay(who.now()))).toBe(0);
    expect(checkReply(db, who, { itemId: id('c7'), text })).toEqual([]);
  });

  it('asks for a reason with a contact-request template, and records it', async () => {
    const { db, id } = await world();
    const who = actor('rita');
    const t = templateById(db, 'ask-contact')!;
    expect(t.kind).toBe('contact-request');
    const text = `${fillBody(t.body, templateContext(db, id('c3'), who.actor, who.now()))} It is about the refund for the broken kettle.`;
    const e = refusal(() => reply(db, who, { itemId: id('c3'), note: text, templateId: t.id }));
    expect(e.message).toMatch(/asks the customer for contact details: say why in the reason/);
    reply(db, who, { itemId: id('c3'), note: text, templateId: t.id, reason: 'refund needs the bank details' });
    const [ev] = eventViewsOfItem(db, id('c3'));
    expect(ev).toMatchObject({ reason: 'refund needs the bank details', payload: { kind: 'contact-request', templateId: 'ask-contact' } });
    expect(ev!.note).toContain(caseRefOf('x', 'c3'));
  });
});

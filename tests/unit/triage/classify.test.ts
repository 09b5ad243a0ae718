import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/triage/classify';
import { actionNeeded } from '../../../src/core/triage/classify/action';
import { markNegation } from '../../../src/core/triage/classify/features';
import { detectLanguage } from '../../../src/core/triage/classify/language';
import { lexiconSentiment } from '../../../src/core/triage/classify/sentiment';
import { classifyType } from '../../../src/core/triage/classify/type';

const s = (text: string) => lexiconSentiment(text).score;

describe('lexicon sentiment', () => {
  it('reads plain praise and plain anger, in [-1, 1]', () => {
    expect(lexiconSentiment('The staff were lovely and the room was spotless.').sentiment).toBe('positive');
    expect(lexiconSentiment('Rude staff and a filthy room.').sentiment).toBe('negative');
    for (const t of ['great great great great great great great great', 'awful awful awful awful awful awful']) {
      expect(Math.abs(s(t))).toBeLessThanOrEqual(1);
    }
  });

  it('says neutral where no word carries a feeling', () => {
    const v = lexiconSentiment('My order number is 4411, delivery to Leeds.');
    expect(v.sentiment).toBe('neutral');
    expect(v.score).toBe(0);
    expect(v.reasons[0]).toMatch(/no words/);
  });

  it('turns a negated word round, and weaker than its opposite', () => {
    expect(s('The room was not clean.')).toBeLessThan(0);
    expect(s('The service was not bad.')).toBeGreaterThan(0);
    // "not great" is disappointing, not as bad as "terrible"
    expect(s('The food was not great.')).toBeLessThan(0);
    expect(s('The food was not great.')).toBeGreaterThan(s('The food was terrible.'));
    expect(lexiconSentiment('The room was not clean.').reasons[0]).toContain('not clean');
  });

  it('keeps a negation inside its clause', () => {
    expect(s('No complaints at all. The staff were wonderful.')).toBeGreaterThan(0);
    expect(s("I didn't expect much, great stay")).toBeGreaterThan(0);
  });

  it('strengthens with intensifiers, capitals and exclamation marks, and softens with hedges', () => {
    expect(s('The room was very dirty')).toBeLessThan(s('The room was dirty'));
    expect(s('The room was slightly dirty')).toBeGreaterThan(s('The room was dirty'));
    expect(s('The service was AWFUL and slow')).toBeLessThan(s('The service was awful and slow'));
    expect(s('Great stay!!!')).toBeGreaterThan(s('Great stay.'));
  });

  it('weighs what follows a "but" more than what came before', () => {
    expect(s('The lobby was nice but the room was dirty and the staff rude')).toBeLessThan(0);
    expect(s('The room was a bit small but the staff were wonderful')).toBeGreaterThan(0);
  });

  it('discounts praise that was only hoped for', () => {
    expect(s('I expected a clean and comfortable room.')).toBeLessThan(s('I had a clean and comfortable room.'));
  });

  it('marks the words a negation reaches, for the trainer', () => {
    expect(markNegation("It wasn't clean at all. Nice view")).toBe("it wasn't ǂclean ǂat ǂall . nice view");
  });
});

describe('type', () => {
  it('tells questions from complaints and compliments', () => {
    expect(classifyType('What time does the store open on Sunday?', 0).type).toBe('question');
    expect(classifyType('how do I reset my password', 0).type).toBe('question');
    expect(classifyType('My parcel never arrived and nobody answers', s('My parcel never arrived and nobody answers')).type).toBe(
      'complaint',
    );
    expect(classifyType('Thank you so much, the team was amazing', 0.8).type).toBe('compliment');
    expect(classifyType('Posting from the train today', 0).type).toBe('other');
  });

  it('takes a grievance put as a question for a complaint', () => {
    const v = classifyType('Why was I charged twice for one order?', -0.2);
    expect(v.type).toBe('complaint');
    expect(v.reasons).toContain('a wrong charge');
  });

  it('lets detection call spam or fake first', () => {
    expect(classifyType('Thank you!', 0.5, { type: 'spam', reason: 'part of a spam wave' })).toEqual({
      type: 'spam',
      reasons: ['part of a spam wave'],
    });
  });
});

describe('action needed', () => {
  it('answers questions and complaints, escalates the furious, the legal and the far-reaching, removes spam', () => {
    expect(actionNeeded('where is it?', 'question', 0, 10).action).toBe('reply');
    expect(actionNeeded('broken again', 'complaint', -0.3, 10).action).toBe('reply');
    expect(actionNeeded('broken again', 'complaint', -0.95, 10).action).toBe('escalate');
    expect(actionNeeded('I will call my lawyer', 'complaint', -0.3, 10).reasons[0]).toContain('lawyer');
    expect(actionNeeded('broken again', 'complaint', -0.3, 250_000).reasons[0]).toContain('250,000 genuine followers');
    expect(actionNeeded('buy now', 'spam', 0, null).action).toBe('remove');
    expect(actionNeeded('love it', 'compliment', 0.8, 40).action).toBe('no-action');
    expect(actionNeeded('love it', 'compliment', 0.8, 40_000).action).toBe('reply');
  });
});

describe('language', () => {
  it.each([
    ['en', 'Where is my package? I ordered it last Monday'],
    ['es', '¿Dónde está mi paquete? Lo pedí el lunes pasado'],
    ['fr', "Où est mon colis ? Je l'ai commandé lundi dernier"],
    ['de', 'Wo ist mein Paket? Ich habe es letzten Montag bestellt'],
    ['pt', 'Onde está o meu pacote? Encomendei na segunda-feira passada'],
    ['it', "Dov'è il mio pacco? L'ho ordinato lunedì scorso"],
    ['nl', 'Waar is mijn pakket? Ik heb het vorige maandag besteld'],
  ])('knows %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  // Posts of 20–60 characters, as moderators meet them, beyond the seven languages above.
  it.each([
    ['pl', 'Kiedy wreszcie dostanę zwrot pieniędzy?'],
    ['ru', 'Почему мой заказ до сих пор не отправлен?'],
    ['uk', 'Коли нарешті повернуть гроші за замовлення?'],
    ['tr', 'Kargom hâlâ gelmedi, ne zaman gelecek?'],
    ['ar', 'متى سيصل طلبي؟ لقد تأخر كثيرا'],
    ['he', 'מתי ההזמנה שלי תגיע? זה לוקח יותר מדי זמן'],
    ['el', 'Πότε θα έρθει επιτέλους η παραγγελία μου;'],
    ['hi', 'मेरा पैसा कब वापस मिलेगा? बहुत देर हो गई'],
    ['sv', 'När får jag tillbaka mina pengar?'],
    ['fi', 'Milloin saan rahani takaisin?'],
    ['cs', 'Kdy mi konečně vrátíte peníze za objednávku?'],
    ['ro', 'Când îmi primesc banii înapoi pentru comandă?'],
    ['vi', 'Khi nào tôi nhận được tiền hoàn lại?'],
    ['th', 'เมื่อไหร่จะได้เงินคืนครับ รอนานมากแล้ว'],
    ['ja', '返金はいつになりますか？'],
    ['zh', '我什么时候能拿到退款？'],
    ['ko', '환불은 언제 받을 수 있나요?'],
  ])('knows a short post in %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it("answers 'und' for too little text, links, handles, emoji and numbers", () => {
    for (const text of [
      'ok',
      'lol thx',
      '@northwind https://example.com/x?y=1 #deal',
      '#sale #promo #blackfriday',
      '👍👍👍 🔥🔥',
      '1234 5678 9012',
      '',
      '   ',
    ]) {
      expect(detectLanguage(text)).toBe('und');
    }
  });

  it('reads a few Han or kana characters as enough, and as few Latin letters as not', () => {
    expect(detectLanguage('请问周日商店开门吗')).toBe('zh');
    expect(detectLanguage('ok ok ok')).toBe('und');
  });

  it('answers one of the languages of a mixed text, or und, never a third', () => {
    const cases: [string, string[]][] = [
      ['Thank you so much for the help! Muchas gracias por la ayuda!', ['en', 'es', 'und']],
      ['Привет! Where is my order? Заказ не пришёл', ['ru', 'en', 'und']],
      ['Great hotel 很好的酒店 素晴らしいホテル', ['en', 'zh', 'ja', 'und']],
      ['Bonjour — Guten Tag — Buongiorno', ['fr', 'de', 'it', 'und']],
    ];
    for (const [text, allowed] of cases) expect(allowed).toContain(detectLanguage(text));
  });

  it('takes hostile text without failing: very long, control characters, lone surrogates', () => {
    const long = 'Wo ist mein Paket? Ich warte seit zwei Wochen. '.repeat(2200);
    expect(long.length).toBeGreaterThan(100_000);
    expect(detectLanguage(long)).toBe('de');
    for (const junk of ['a-'.repeat(50_000), 'x'.repeat(100_000), '\u0000'.repeat(100_000)]) expect(detectLanguage(junk)).toBe('und');
    expect(detectLanguage('Wo\u0000ist\u0007mein\u001b[31m Paket?\u0008 Ich warte seit zwei Wochen')).toBe('de');
    expect(detectLanguage('\ud800Where is my package?\udfff I ordered it last Monday\ud83d')).toBe('en');
    expect(detectLanguage(`Where is my package, friends? ${"'".repeat(100_000)}`)).toBe('en');
    // Links, handles and hashtags at the front do not hide the words after them.
    expect(detectLanguage(`${'@spam https://x.example/a '.repeat(40)}Où est mon colis ? Je l'ai commandé lundi dernier`)).toBe('fr');
  });
});

describe('classify', () => {
  it('gives every part with who set it, and a moderator’s correction wins', () => {
    const base = { text: 'The delivery was late and the box was damaged', kind: 'mention' as const, rating: null, lang: null, reach: 120 };
    const c = classify(base);
    expect(c).toMatchObject({
      type: 'complaint',
      typeBy: 'rules',
      sentiment: 'negative',
      sentimentBy: 'rules',
      action: 'reply',
      language: 'en',
    });
    const corrected = classify({ ...base, corrected: { sentiment: 'positive', type: 'other' } });
    expect(corrected).toMatchObject({ type: 'other', typeBy: 'moderator', sentiment: 'positive', sentimentBy: 'moderator' });
    expect(corrected.reasons.sentiment[0]).toContain('negative by the rules');
  });

  it('uses the team model when given one, and the platform’s language when it names one', () => {
    const c = classify({ text: 'meh', kind: 'post', rating: null, lang: 'FR', reach: null, model: () => 0.9 });
    expect(c).toMatchObject({ sentiment: 'positive', sentimentBy: 'model', language: 'fr' });
  });

  it('lets a review’s stars count with its words', () => {
    const words = classify({ text: 'It was fine.', kind: 'review', rating: null, lang: null, reach: null }).sentimentScore;
    const oneStar = classify({ text: 'It was fine.', kind: 'review', rating: 1, lang: null, reach: null });
    expect(oneStar.sentimentScore).toBeLessThan(words);
    expect(oneStar.reasons.sentiment).toContain('rated 1 of 5');
  });
});

// Comment and post spam: links, promotion, calls to action, money, pleading for attention.
// Zero-shot rules below; the trainer adds the words of the team's own spam decisions.
// A comment with no sign either way scores the base rate (about one in six); a link out or
// self-promotion is strong enough alone, a plea or capitals is not.
import { fmt, verdictOf, type Evidence, type Verdict } from './reasons';
import { firstLink } from './links';
import { hashedText, words } from './text';

const PROMO =
  /\b(subscribe|subscribers?|sub4sub|subscribirse|suscr[ií]bete|mi canal|(?:my|our) (?:new )?(?:channel|vids?|videos?|page|blog|site|website|music|songs?|tracks?|covers?|profile|playlist|parody|band)|check (?:out|it out|this out|em out|'em out)?|checkout|look (?:up|at) (?:my|our)|take a look|give (?:it|this|me) a (?:like|thumbs up)|like if|like this comment|thumbs up|follow me|add me|visit my|new youtuber|share (?:this|your))\b/i;
/** A link to the platform's own video pages is how people quote the song; elsewhere it is how spam leaves. */
const OWN_PLATFORM = /^(?:https?:\/\/)?(?:www\.)?(?:youtube\.com|youtu\.be)\b/i;
const MONEY =
  /\b(free|earn|money|cash|income|win|prize|gift ?card|giveaway|bitcoin|crypto|deal|discount|promo code|\$\d+|make \$|per (?:day|week|hour))\b/i;
const ASK = /\b(please|plz|pls|help me|support me|share this|vote)\b/i;

/** About one comment in six, as the base rate (log-odds). */
const BASE_RATE = -1.6;

export function spamVerdict(text: string, authorPosts?: number): Verdict {
  const e: Evidence[] = [];
  const t = text.replace(/\uFEFF/g, '');
  const link = firstLink(t);
  if (link !== null) {
    const own = OWN_PLATFORM.test(link);
    e.push({ weight: own ? 1.2 : 3.0, reason: own ? `links a video (${link.slice(0, 40)})` : `links out (${link.slice(0, 40)})` });
  }
  const promo = PROMO.exec(t);
  if (promo) e.push({ weight: 2.6, reason: `promotes itself (“${promo[0]}”)` });
  const money = MONEY.exec(t);
  if (money) e.push({ weight: 1.3, reason: `money or prizes (“${money[0]}”)` });
  const ask = ASK.exec(t);
  if (ask) e.push({ weight: 0.8, reason: `asks for attention (“${ask[0]}”)` });
  const ws = words(t);
  const letters = t.replace(/[^\p{L}]/gu, '');
  const caps = letters.length >= 12 ? letters.replace(/[^\p{Lu}]/gu, '').length / letters.length : 0;
  if (caps > 0.6) e.push({ weight: 0.8, reason: `${Math.round(caps * 100)} % capitals` });
  if (ws.length > 60) e.push({ weight: 0.6, reason: `${fmt(ws.length)} words, long for a comment` });
  if (link === null && !promo && !money && ws.length <= 12) e.push({ weight: -1.2, reason: 'a short remark with no link or promotion' });
  if (authorPosts !== undefined && authorPosts > 50) e.push({ weight: 0.5, reason: `author posted ${fmt(authorPosts)} comments here` });
  return verdictOf(BASE_RATE, e);
}

/** Dense cues the trainer weighs next to the words. */
export function spamDense(text: string): number[] {
  const t = text.replace(/\uFEFF/g, '');
  const ws = words(t);
  const letters = t.replace(/[^\p{L}]/gu, '');
  return [
    firstLink(t) !== null ? 1 : 0,
    PROMO.test(t) ? 1 : 0,
    MONEY.test(t) ? 1 : 0,
    ASK.test(t) ? 1 : 0,
    Math.log1p(ws.length),
    letters.length ? letters.replace(/[^\p{Lu}]/gu, '').length / letters.length : 0,
    (t.match(/[!?]/g) ?? []).length / Math.max(1, ws.length),
  ];
}

export function spamSparse(text: string): Map<number, number> {
  return hashedText(text.replace(/\uFEFF/g, ''));
}
